// Printing one argument for one verb, as Go's fmt does for int, *big.Int, float64 and string.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/utf8.h"
#include "rego/builtins/go_format_internal.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins::internal {
namespace {

constexpr char32_t kMaxRune = 0x10FFFF;

std::string DigitsOf(uint64_t u, int base, bool upper) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), digits[u % static_cast<uint64_t>(base)]);
    u /= static_cast<uint64_t>(base);
  } while (u != 0);
  return out;
}

// Base-2/8/16 digits of a decimal magnitude, by long division of the digit string.
std::string BigDigitsOf(std::string decimal, int base, bool upper) {
  if (base == 10) return decimal;
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  while (decimal != "0") {
    std::string quotient;
    int rem = 0;
    for (char c : decimal) {
      rem = rem * 10 + (c - '0');
      if (!quotient.empty() || rem / base != 0) quotient += static_cast<char>('0' + rem / base);
      rem %= base;
    }
    out.insert(out.begin(), digits[rem]);
    decimal = quotient.empty() ? "0" : quotient;
  }
  return out.empty() ? "0" : out;
}

int BaseOf(char32_t verb) {
  switch (verb) {
    case 'b':
      return 2;
    case 'o':
    case 'O':
      return 8;
    case 'x':
    case 'X':
      return 16;
    default:
      return 10;
  }
}

void AppendExponent(std::string& out, char e, int exp) {
  out += e;
  out += exp < 0 ? '-' : '+';
  std::string d = std::to_string(exp < 0 ? -exp : exp);
  if (d.size() < 2) out += '0';
  out += d;
}

// Go's %v (and %g without precision): the shortest digits that read back as `v`, in %e form
// when the decimal exponent is below -4 or at least 6.
std::string ShortestG(double v, bool upper) {
  std::string out = std::signbit(v) ? "-" : "";
  if (v == 0) return out + "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), std::fabs(v), std::chars_format::scientific);
  std::string_view s(buf, static_cast<size_t>(res.ptr - buf));
  size_t e = s.find('e');
  std::string d;
  for (char c : s.substr(0, e)) {
    if (c != '.') d += c;
  }
  int exp = 0;
  std::string_view exp_text = s.substr(e + 1);
  if (exp_text[0] == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exp);
  const int nd = static_cast<int>(d.size());
  const int dp = exp + 1;
  if (exp < -4 || exp >= 6) {
    out += d[0];
    if (nd > 1) out += "." + d.substr(1);
    AppendExponent(out, upper ? 'E' : 'e', exp);
    return out;
  }
  out += dp > 0 ? d.substr(0, std::min(dp, nd)) + std::string(std::max(dp - nd, 0), '0') : "0";
  if (nd > dp) {
    out += '.';
    for (int i = dp; i < nd; ++i)
      out += i < 0 ? '0' : d[i];
  }
  return out;
}

// C's printf rounds exactly as Go does for an explicit precision.
std::string CFormat(const char* spec, int prec, double v) {
  int n = std::snprintf(nullptr, 0, spec, prec, v);
  std::string out(static_cast<size_t>(n < 0 ? 0 : n) + 1, '\0');
  std::snprintf(out.data(), out.size(), spec, prec, v);
  out.pop_back();
  return out;
}

// %x/%X: hexadecimal mantissa and a binary exponent of at least two digits ("0x1.8p+01").
std::string HexFloat(double v, int prec, bool upper) {
  int n =
      prec < 0 ? std::snprintf(nullptr, 0, "%a", v) : std::snprintf(nullptr, 0, "%.*a", prec, v);
  std::string s(static_cast<size_t>(n) + 1, '\0');
  if (prec < 0) {
    std::snprintf(s.data(), s.size(), "%a", v);
  } else {
    std::snprintf(s.data(), s.size(), "%.*a", prec, v);
  }
  s.pop_back();
  size_t p = s.find('p');
  if (p != std::string::npos && s.size() - (p + 2) < 2) s.insert(p + 2, "0");
  if (upper) {
    for (char& c : s)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return s;
}

// %b: decimal mantissa and binary exponent ("4503599627370496p-52").
std::string BinaryExponent(double v) {
  int e = 0;
  double m = std::frexp(std::fabs(v), &e);
  auto mantissa = static_cast<uint64_t>(std::ldexp(m, 53));
  int exp = v == 0 ? -1074 : e - 53;
  return std::string(std::signbit(v) ? "-" : "") + std::to_string(mantissa) + "p" +
         (exp < 0 ? "-" : "+") + std::to_string(exp < 0 ? -exp : exp);
}

std::string FloatText(double v, char32_t verb, int prec) {
  switch (verb) {
    case 'e':
      return CFormat("%.*e", prec, v);
    case 'E':
      return CFormat("%.*E", prec, v);
    case 'f':
    case 'F':
      return CFormat("%.*f", prec, v);
    case 'g':
      return prec < 0 ? ShortestG(v, false) : CFormat("%.*g", prec, v);
    case 'G':
      return prec < 0 ? ShortestG(v, true) : CFormat("%.*G", prec, v);
    case 'x':
    case 'X':
      return HexFloat(v, prec, verb == 'X');
    default:
      return BinaryExponent(v);
  }
}

// strconv.QuoteRune (or QuoteRuneToASCII with `ascii`).
std::string QuoteRune(char32_t r, bool ascii) {
  if (r == '\'') return "'\\''";
  if (r == '"') return "'\"'";
  std::string utf8;
  AppendUtf8(utf8, r);
  std::string quoted;
  AppendGoQuoted(quoted, utf8);
  std::string inner = quoted.substr(1, quoted.size() - 2);
  if (ascii && r >= 0x80 && inner == utf8) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), r < 0x10000 ? "\\u%04x" : "\\U%08x", static_cast<unsigned>(r));
    inner = buf;
  }
  return "'" + inner + "'";
}

}  // namespace

void GoPrinter::Pad(std::string_view s) {
  const int width = f_.wid_present ? f_.wid - static_cast<int>(CountCodePoints(s)) : 0;
  if (width > 0 && !f_.minus) out_.append(static_cast<size_t>(width), f_.zero ? '0' : ' ');
  out_.append(s);
  if (width > 0 && f_.minus) out_.append(static_cast<size_t>(width), ' ');
}

void GoPrinter::PrintArg(const GoArg& a, char32_t verb) {
  switch (a.kind) {
    case GoArg::Kind::kInt:
      return FmtInteger(a.int_value, verb);
    case GoArg::Kind::kBigInt:
      return FmtBigInt(a.text, verb);
    case GoArg::Kind::kFloat:
      return FmtFloat(a.float_value, verb);
    case GoArg::Kind::kString:
      return FmtString(a.text, verb);
  }
}

void GoPrinter::BadVerb(const GoArg& a, char32_t verb) {
  out_ += "%!";
  AppendUtf8(out_, verb);
  switch (a.kind) {
    case GoArg::Kind::kInt:
      out_ += "(int=";
      break;
    case GoArg::Kind::kBigInt:
      out_ += "(big.Int=";
      break;
    case GoArg::Kind::kFloat:
      out_ += "(float64=";
      break;
    case GoArg::Kind::kString:
      out_ += "(string=";
      break;
  }
  PrintArg(a, 'v');
  out_ += ')';
}

void GoPrinter::FmtInteger(int64_t v, char32_t verb) {
  const bool negative = v < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  switch (verb) {
    case 'v':
    case 'd':
    case 'b':
    case 'o':
    case 'O':
    case 'x':
    case 'X':
      return FmtDigits(negative, DigitsOf(magnitude, BaseOf(verb), verb == 'X'), BaseOf(verb),
                       verb);
    case 'c':
    case 'q':
    case 'U':
      return FmtRune(v, verb);
    default:
      return BadVerb(GoArg::Int(v), verb);
  }
}

// Go's fmtInteger after the digits: precision or zero padding, base prefix, sign, width.
void GoPrinter::FmtDigits(bool negative, std::string digits, int base, char32_t verb) {
  size_t prec = 0;
  if (f_.prec_present) {
    prec = static_cast<size_t>(f_.prec);
    if (prec == 0 && digits == "0") {
      out_.append(f_.wid_present ? static_cast<size_t>(f_.wid) : 0, ' ');
      return;
    }
  } else if (f_.zero && !f_.minus && f_.wid_present) {
    prec = static_cast<size_t>(f_.wid);
    if ((negative || f_.plus || f_.space) && prec > 0) --prec;
  }
  if (digits.size() < prec) digits.insert(0, prec - digits.size(), '0');
  if (f_.sharp && base == 2) digits.insert(0, "0b");
  if (f_.sharp && base == 8 && digits[0] != '0') digits.insert(0, "0");
  if (f_.sharp && base == 16) digits.insert(0, verb == 'X' ? "0X" : "0x");
  if (verb == 'O') digits.insert(0, "0o");
  if (negative) {
    digits.insert(0, "-");
  } else if (f_.plus) {
    digits.insert(0, "+");
  } else if (f_.space) {
    digits.insert(0, " ");
  }
  const bool zero = f_.zero;
  f_.zero = false;  // zero padding was done as precision above
  Pad(digits);
  f_.zero = zero;
}

// *big.Int's own Format: sign, base prefix, precision zeros and width padding.
void GoPrinter::FmtBigInt(const std::string& decimal, char32_t verb) {
  if (verb != 'b' && verb != 'o' && verb != 'O' && verb != 'd' && verb != 's' && verb != 'v' &&
      verb != 'x' && verb != 'X') {
    return BadVerb(GoArg::BigInt(decimal), verb);
  }
  const bool negative = !decimal.empty() && decimal[0] == '-';
  std::string digits =
      BigDigitsOf(negative ? decimal.substr(1) : decimal, BaseOf(verb), verb == 'X');
  std::string sign = negative ? "-" : (f_.plus || f_.plus_v) ? "+" : f_.space ? " " : "";
  std::string prefix;
  if (f_.sharp || f_.sharp_v) {
    if (verb == 'b') prefix = "0b";
    if (verb == 'o') prefix = "0";
    if (verb == 'x') prefix = "0x";
    if (verb == 'X') prefix = "0X";
  }
  if (verb == 'O') prefix = "0o";
  size_t zeros = 0;
  if (f_.prec_present) {
    if (digits.size() < static_cast<size_t>(f_.prec))
      zeros = static_cast<size_t>(f_.prec) - digits.size();
    if (digits == "0" && f_.prec == 0) return;
  }
  const size_t length = sign.size() + prefix.size() + zeros + digits.size();
  size_t left = 0, right = 0;
  if (f_.wid_present && length < static_cast<size_t>(f_.wid)) {
    const size_t d = static_cast<size_t>(f_.wid) - length;
    if (f_.minus) {
      right = d;
    } else if (f_.zero && !f_.prec_present) {
      zeros = d;
    } else {
      left = d;
    }
  }
  out_.append(left, ' ');
  out_ += sign + prefix + std::string(zeros, '0') + digits;
  out_.append(right, ' ');
}

void GoPrinter::FmtFloat(double v, char32_t verb) {
  int prec = -1;
  switch (verb) {
    case 'v':
      verb = 'g';
      break;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X':
      break;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
      prec = 6;
      break;
    default:
      return BadVerb(GoArg::Float(v), verb);
  }
  if (f_.prec_present && verb != 'b') prec = f_.prec;
  std::string num = FloatText(v, verb, prec);
  if (num[0] != '-') num.insert(0, f_.plus ? "+" : f_.space ? " " : "");
  const bool has_sign = num[0] == '-' || num[0] == '+' || num[0] == ' ';
  if (has_sign && f_.zero && !f_.minus && f_.wid_present && f_.wid > static_cast<int>(num.size())) {
    out_ += num[0];
    out_.append(static_cast<size_t>(f_.wid) - num.size(), '0');
    out_.append(num.substr(1));
    return;
  }
  Pad(num);
}

void GoPrinter::FmtString(const std::string& s, char32_t verb) {
  switch (verb) {
    case 'v':
      if (f_.sharp_v) {
        std::string quoted;
        AppendGoQuoted(quoted, s);
        return Pad(quoted);
      }
      [[fallthrough]];
    case 's': {
      if (!f_.prec_present) return Pad(s);
      std::u32string runes = ToCodePoints(s);
      if (runes.size() > static_cast<size_t>(f_.prec)) runes.resize(static_cast<size_t>(f_.prec));
      return Pad(FromCodePoints(runes));
    }
    case 'q': {
      const bool raw = f_.sharp && s.find('`') == std::string::npos && IsValidUtf8(s) &&
                       std::all_of(s.begin(), s.end(), [](char c) {
                         return c == '\t' || static_cast<unsigned char>(c) >= 0x20;
                       });
      std::string quoted = raw ? "`" + s + "`" : "";
      if (!raw) AppendGoQuoted(quoted, s);
      return Pad(quoted);
    }
    case 'x':
    case 'X': {
      std::string hex;
      const char* digits = verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
      size_t n = s.size();
      if (f_.prec_present && static_cast<size_t>(f_.prec) < n) n = static_cast<size_t>(f_.prec);
      for (size_t i = 0; i < n; ++i) {
        if (f_.space && i > 0) hex += ' ';
        if (f_.sharp && (f_.space || i == 0)) hex += verb == 'X' ? "0X" : "0x";
        hex += digits[static_cast<unsigned char>(s[i]) >> 4];
        hex += digits[static_cast<unsigned char>(s[i]) & 0xF];
      }
      return Pad(hex);
    }
    default:
      return BadVerb(GoArg::String(s), verb);
  }
}

// %c, %q and %U of an integer: the code point it names (U+FFFD when out of range).
void GoPrinter::FmtRune(int64_t v, char32_t verb) {
  const char32_t r = (v < 0 || v > kMaxRune) ? kReplacementChar : static_cast<char32_t>(v);
  if (verb == 'c') {
    std::string s;
    AppendUtf8(s, r);
    return Pad(s);
  }
  if (verb == 'q') return Pad(QuoteRune(r, f_.plus));
  std::string hex =
      DigitsOf(static_cast<uint64_t>(v < 0 ? 0 - static_cast<uint64_t>(v) : v), 16, true);
  size_t min_digits = f_.prec_present ? static_cast<size_t>(f_.prec) : 4;
  if (hex.size() < min_digits) hex.insert(0, min_digits - hex.size(), '0');
  std::string out = "U+" + hex;
  if (f_.sharp && r <= kMaxRune) {
    std::string quoted = QuoteRune(r, false);
    if (quoted.find('\\') == std::string::npos) out += " " + quoted;
  }
  const bool zero = f_.zero;
  f_.zero = false;
  Pad(out);
  f_.zero = zero;
}

}  // namespace tf::rego::builtins::internal
