// Conversions: to_number, and the casts OPA still declares though deprecated since v0.13
// (cast_array, cast_set, cast_string, cast_boolean, cast_null, cast_object).
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Go's strconv.NumError text, which OPA returns as the builtin error.
Status ParseFloatError(std::string_view text, std::string_view reason) {
  std::string msg = "strconv.ParseFloat: parsing ";
  AppendGoQuoted(msg, text);
  return BuiltinError(msg + ": " + std::string(reason));
}

// Go's ParseFloat also reads hexadecimal floats with a binary exponent ("0x1p-2").
std::optional<Number> ParseHexFloat(std::string_view text) {
  std::string s(text);
  size_t digits_at = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  if (s.compare(digits_at, 2, "0x") != 0 && s.compare(digits_at, 2, "0X") != 0) return std::nullopt;
  if (s.find_first_of("pP") == std::string::npos) return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(d)) return std::nullopt;
  return Number::FromDouble(d);
}

Result<Value> NumberFromString(const Value& arg) {
  std::string_view s = arg.string();
  size_t sign_end = s.find_first_not_of("+-");
  std::string word = Lower(sign_end == std::string_view::npos ? "" : s.substr(sign_end));
  if (word == "inf" || word == "infinity" || word == "nan") {
    return OperandTypeError(1, arg, {"valid number string"});
  }
  std::optional<Number> n = ParseDecimal(s);
  if (!n) n = ParseHexFloat(s);
  if (!n) return ParseFloatError(s, "invalid syntax");
  // ParseFloat rejects what a float64 cannot hold, though the exact value is known here.
  if (!std::isfinite(n->ToDouble())) return ParseFloatError(s, "value out of range");
  return Value::FromNumber(*n);
}

Result<Value> ToNumber(BuiltinContext&, std::span<const Value> a) {
  const Value& x = a[0];
  switch (x.kind()) {
    case ValueKind::kNull:
      return Value::Int(0);
    case ValueKind::kBool:
      return Value::Int(x.bool_value() ? 1 : 0);
    case ValueKind::kNumber:
      return x;
    case ValueKind::kString:
      return NumberFromString(x);
    default:
      return OperandTypeError(1, x, {"null", "boolean", "number", "string"});
  }
}

Result<Value> CastArray(BuiltinContext&, std::span<const Value> a) {
  if (a[0].is_array()) return a[0];
  if (a[0].is_set()) return Value::Array(std::vector<Value>(a[0].set().begin(), a[0].set().end()));
  return OperandTypeError(1, a[0], {"array", "set"});
}

Result<Value> CastSet(BuiltinContext&, std::span<const Value> a) {
  if (a[0].is_set()) return a[0];
  if (a[0].is_array())
    return Value::Set(std::vector<Value>(a[0].array().begin(), a[0].array().end()));
  return OperandTypeError(1, a[0], {"array", "set"});
}

template <ValueKind kKind>
Result<Value> CastTo(BuiltinContext&, std::span<const Value> a) {
  if (a[0].kind() != kKind) return OperandTypeError(1, a[0], {KindName(kKind)});
  return a[0];
}

BuiltinDecl Cast(std::string_view name, KindSet result, BuiltinFn fn) {
  return BuiltinDecl{.name = name, .params = {{kAnyKind, "x"}}, .result = result, .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> CastBuiltins() {
  return {
      {.name = "to_number",
       .params = {{kNull | kBoolean | kNumber | kString, "x"}},
       .result = kNumber,
       .fn = ToNumber},
      Cast("cast_array", kArray, CastArray),
      Cast("cast_set", kSet, CastSet),
      Cast("cast_string", kString, CastTo<ValueKind::kString>),
      Cast("cast_boolean", kBoolean, CastTo<ValueKind::kBool>),
      Cast("cast_null", kNull, CastTo<ValueKind::kNull>),
      Cast("cast_object", kObject, CastTo<ValueKind::kObject>),
  };
}

}  // namespace tf::rego::builtins
