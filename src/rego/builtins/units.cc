// The units namespace: units.parse ("1.5Ki" -> 1536, "500m" -> 0.5) and units.parse_bytes
// ("10Ei" -> 11529215046068469760). Arithmetic is exact decimal, so large binary units stay exact.
#include <algorithm>
#include <cctype>

#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

// OPA refuses exponents with more digits than this ("1e1234567K").
constexpr size_t kMaxExponentDigits = 6;
// units.parse prints non-integers with this many decimals (big.Rat's FloatString(10)).
constexpr int kUnitsDecimals = 10;

struct Amount {
  std::string_view number;
  std::string_view unit;
};

bool IsDigit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// Splits "4.5e1GiB" into "4.5e1" and "GiB": the number is digits, '.', signs and an exponent
// marker that is followed by a digit or sign. Fails when the exponent is too long.
std::optional<Amount> SplitAmount(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool numeric = IsDigit(c) || c == '.' || c == '+' || c == '-';
    if (c == 'e' || c == 'E') {
      bool exponent_follows =
          i + 1 < s.size() && (IsDigit(s[i + 1]) || s[i + 1] == '+' || s[i + 1] == '-');
      if (!exponent_follows) return Amount{s.substr(0, i), s.substr(i)};
      if (s[i + 1] == '+' || s[i + 1] == '-') ++i;
      size_t end = i + 1;
      while (end < s.size() && IsDigit(s[end]))
        ++end;
      if (end - (i + 1) > kMaxExponentDigits) return std::nullopt;
      continue;
    }
    if (!numeric) return Amount{s.substr(0, i), s.substr(i)};
  }
  return Amount{s, {}};
}

Number Power(int64_t base, int exponent) {
  Number out(1);
  for (int i = 0; i < exponent; ++i)
    out = Number::Mul(out, Number(base));
  return out;
}

// The multiplier of a units.parse suffix: m is milli, M mega; other letters are case-insensitive.
std::optional<Number> UnitMultiplier(std::string_view unit) {
  if (unit.empty()) return Number(1);
  if (unit == "m") return *ParseDecimal("0.001");
  static constexpr std::string_view kPrefixes = "kmgtpe";
  char first = static_cast<char>(std::tolower(static_cast<unsigned char>(unit[0])));
  size_t power = kPrefixes.find(first);
  if (power == std::string_view::npos) return std::nullopt;
  const int exponent = static_cast<int>(power) + 1;
  if (unit.size() == 1) return Power(1000, exponent);
  if (unit.size() == 2 && (unit[1] == 'i' || unit[1] == 'I')) return Power(1024, exponent);
  return std::nullopt;
}

// The multiplier of a units.parse_bytes suffix (already lower case): k, kb, ki, kib, ...
std::optional<Number> ByteMultiplier(std::string_view unit) {
  if (unit.empty()) return Number(1);
  if (unit.size() > 1 && unit.back() == 'b') unit.remove_suffix(1);
  static constexpr std::string_view kPrefixes = "kmgtpe";
  size_t power = unit.empty() ? std::string_view::npos : kPrefixes.find(unit[0]);
  if (power == std::string_view::npos) return std::nullopt;
  const int exponent = static_cast<int>(power) + 1;
  if (unit.size() == 1) return Power(1000, exponent);
  if (unit.size() == 2 && unit[1] == 'i') return Power(1024, exponent);
  return std::nullopt;
}

std::string WithoutQuotes(std::string_view s) {
  std::string out(s);
  out.erase(std::remove(out.begin(), out.end(), '"'), out.end());
  return out;
}

// Rounds half away from zero to kUnitsDecimals places, as big.Rat.FloatString does.
Number RoundToDecimals(const Number& n) {
  Number scale = Power(10, kUnitsDecimals);
  Result<Number> rounded = Number::Div(Number::Mul(n, scale).Round(), scale);
  return rounded.ok() ? *rounded : n;
}

Result<Value> ParseUnits(BuiltinContext&, std::span<const Value> a) {
  std::string s = WithoutQuotes(a[0].string());
  if (s.find(' ') != std::string::npos) {
    return BuiltinError("units.parse: spaces not allowed in resource strings");
  }
  std::optional<Amount> amount = SplitAmount(s);
  if (!amount) return BuiltinError("units.parse: exponent too large");
  if (amount->number.empty()) return BuiltinError("units.parse: no amount provided");
  std::optional<Number> multiplier = UnitMultiplier(amount->unit);
  if (!multiplier) {
    return BuiltinError("units.parse: unit " + std::string(amount->unit) + " not recognized");
  }
  std::optional<Number> number = ParseDecimal(amount->number);
  if (!number) return BuiltinError("units.parse: could not parse amount to a number");
  Number value = Number::Mul(*number, *multiplier);
  return Value::FromNumber(value.IsInteger() ? value : RoundToDecimals(value));
}

Result<Value> ParseBytes(BuiltinContext&, std::span<const Value> a) {
  std::string s = WithoutQuotes(a[0].string());
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (s.find(' ') != std::string::npos) {
    return BuiltinError("units.parse_bytes: spaces not allowed in resource strings");
  }
  std::optional<Amount> amount = SplitAmount(s);
  if (!amount) return BuiltinError("units.parse_bytes: exponent too large");
  if (amount->number.empty()) return BuiltinError("units.parse_bytes: no byte amount provided");
  std::optional<Number> multiplier = ByteMultiplier(amount->unit);
  if (!multiplier) {
    return BuiltinError("units.parse_bytes: byte unit " + std::string(amount->unit) +
                        " not recognized");
  }
  std::optional<Number> number = ParseDecimal(amount->number);
  if (!number) return BuiltinError("units.parse_bytes: could not parse byte amount to a number");
  return Value::FromNumber(TruncateNumber(Number::Mul(*number, *multiplier)));
}

}  // namespace

std::vector<BuiltinDecl> UnitBuiltins() {
  return {
      {.name = "units.parse", .params = {{kString, "x"}}, .result = kNumber, .fn = ParseUnits},
      {.name = "units.parse_bytes",
       .params = {{kString, "x"}},
       .result = kNumber,
       .fn = ParseBytes},
  };
}

}  // namespace tf::rego::builtins
