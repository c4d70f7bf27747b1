#include "rego/builtins/operand_helpers.h"

#include <cctype>

#include "core/utf8.h"
#include "rego/builtin.h"

namespace tf::rego::builtins {
namespace {

constexpr char kLowerHex[] = "0123456789abcdef";

// Go's unicode.IsPrint, approximated by excluding the code points that are certainly not
// printable: controls, format characters, separators other than ASCII space, surrogates,
// private use and noncharacters.
bool IsGoPrintable(char32_t r) {
  if (r < 0x20 || (r >= 0x7F && r < 0xA0)) return false;
  if (r == 0xAD || r == 0x061C || r == 0x06DD || r == 0x070F || r == 0x180E) return false;
  if ((r >= 0x0600 && r <= 0x0605) || (r >= 0x200B && r <= 0x200F)) return false;
  if ((r >= 0x2028 && r <= 0x202F) || (r >= 0x205F && r <= 0x206F)) return false;
  if (r == 0xA0 || r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x3000) return false;
  if ((r >= 0xD800 && r <= 0xF8FF) || r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB)) return false;
  if ((r & 0xFFFE) == 0xFFFE || r >= 0xF0000) return false;
  return true;
}

void AppendHexEscape(std::string& out, char kind, uint32_t value, int digits) {
  out += '\\';
  out += kind;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
    out += kLowerHex[(value >> shift) & 0xF];
}

void AppendGoEscapedRune(std::string& out, char32_t r) {
  switch (r) {
    case '\a':
      out += "\\a";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\v':
      out += "\\v";
      return;
    default:
      break;
  }
  if (r < ' ' || r == 0x7F) {
    AppendHexEscape(out, 'x', r, 2);
  } else if (r < 0x10000) {
    AppendHexEscape(out, 'u', r, 4);
  } else {
    AppendHexEscape(out, 'U', r, 8);
  }
}

void AppendJoined(std::string& out, std::span<const Value> items) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    AppendRegoText(out, items[i]);
  }
}

}  // namespace

Result<int64_t> IntOperand(const Value& v, int pos) {
  if (!v.is_number()) return OperandTypeError(pos, v, {"number"});
  std::optional<int64_t> i = v.number().ToInt64();
  if (!i) return OperandError(pos, "must be integer number but got floating-point number");
  return *i;
}

Status ElementTypeError(int pos, const Value& collection, const Value& element,
                        std::string_view expected) {
  std::string kind(collection.TypeName());
  return OperandError(pos, "must be " + kind + " of " + std::string(expected) + "s but got " +
                               kind + " containing " + std::string(element.TypeName()));
}

Result<std::vector<std::string_view>> StringElements(const Value& v, int pos) {
  if (!v.is_array() && !v.is_set()) return OperandTypeError(pos, v, {"array", "set"});
  std::span<const Value> items = v.is_array() ? v.array() : v.set();
  std::vector<std::string_view> out;
  out.reserve(items.size());
  for (const Value& item : items) {
    if (!item.is_string()) return ElementTypeError(pos, v, item, "string");
    out.push_back(item.string());
  }
  return out;
}

Status TypeErrorWithoutOperand(std::string message) {
  return Status(ErrorCode::kEvalTypeError, std::move(message));
}

void AppendGoQuoted(std::string& out, std::string_view s) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    char32_t r;
    size_t n = DecodeUtf8(s, i, &r);
    if (r == kReplacementChar && n == 1 && static_cast<unsigned char>(s[i]) >= 0x80) {
      AppendHexEscape(out, 'x', static_cast<unsigned char>(s[i]), 2);
    } else if (r == '"' || r == '\\') {
      out += '\\';
      out += static_cast<char>(r);
    } else if (IsGoPrintable(r)) {
      out.append(s.substr(i, n));
    } else {
      AppendGoEscapedRune(out, r);
    }
    i += n;
  }
  out += '"';
}

void AppendRegoText(std::string& out, const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull:
      out += "null";
      return;
    case ValueKind::kBool:
      out += v.bool_value() ? "true" : "false";
      return;
    case ValueKind::kNumber:
      out += v.number().ToString();
      return;
    case ValueKind::kString:
      AppendGoQuoted(out, v.string());
      return;
    case ValueKind::kArray:
      out += '[';
      AppendJoined(out, v.array());
      out += ']';
      return;
    case ValueKind::kSet:
      if (v.size() == 0) {
        out += "set()";
        return;
      }
      out += '{';
      AppendJoined(out, v.set());
      out += '}';
      return;
    case ValueKind::kObject:
      out += '{';
      for (size_t i = 0; i < v.object().size(); ++i) {
        if (i > 0) out += ", ";
        AppendRegoText(out, v.object()[i].first);
        out += ": ";
        AppendRegoText(out, v.object()[i].second);
      }
      out += '}';
      return;
  }
}

std::string NumberText(const Number& n) {
  std::string text = n.ToString();
  size_t plus = text.find("e+");
  if (plus != std::string::npos) text.erase(plus + 1, 1);
  return text;
}

std::string RegoText(const Value& v) {
  std::string out;
  AppendRegoText(out, v);
  return out;
}

std::optional<Number> ParseDecimal(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  auto digits = [&](std::string& into) {
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
      into += text[i++];
  };
  std::string whole, fraction, exponent;
  digits(whole);
  if (i < text.size() && text[i] == '.') {
    ++i;
    digits(fraction);
  }
  if (whole.empty() && fraction.empty()) return std::nullopt;
  std::string json = negative ? "-" : "";
  size_t first_nonzero = whole.find_first_not_of('0');
  json += first_nonzero == std::string::npos ? "0" : whole.substr(first_nonzero);
  if (!fraction.empty()) json += "." + fraction;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    json += 'e';
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) json += text[i++];
    digits(exponent);
    if (exponent.empty()) return std::nullopt;
    json += exponent;
  }
  if (i != text.size()) return std::nullopt;
  Result<Number> n = Number::Parse(json);
  if (!n.ok()) return std::nullopt;
  return *n;
}

Number TruncateNumber(const Number& n) {
  return n.Sign() < 0 ? n.Ceil() : n.Floor();
}

}  // namespace tf::rego::builtins
