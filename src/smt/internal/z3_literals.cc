// Exact numbers and Unicode strings across the Z3 boundary.
#include "smt/internal/z3_literals.h"

#include <cstdio>

#include "core/utf8.h"

namespace tf::smt::internal {
namespace {

bool IsSurrogate(char32_t c) {
  return c >= 0xD800 && c <= 0xDFFF;
}

// Splits the exact decimal text of a Number ("-12.5", "1.5e-7", "3e+20") into an integer
// mantissa (digits, with sign) and a power of ten.
void SplitDecimal(const std::string& text, std::string* mantissa, long* exponent) {
  std::string digits;
  long exp = 0;
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    if (text[i] == '-') digits += '-';
    ++i;
  }
  bool fraction = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      fraction = true;
    } else if (c == 'e' || c == 'E') {
      exp += std::stol(text.substr(i + 1));
      break;
    } else {
      digits += c;
      if (fraction) --exp;
    }
  }
  *mantissa = digits;
  *exponent = exp;
}

// The exact text of an integral numeral ("-120").
std::string NumeralText(const z3::expr& e) {
  return Z3_get_numeral_string(e.ctx(), e);
}

}  // namespace

z3::expr NumberLiteral(z3::context& ctx, const Number& n) {
  if (n.is_small()) return ctx.real_val(std::to_string(n.small()).c_str());
  std::string mantissa;
  long exponent = 0;
  SplitDecimal(n.ToString(), &mantissa, &exponent);
  if (exponent >= 0) {
    return ctx.real_val((mantissa + std::string(static_cast<size_t>(exponent), '0')).c_str());
  }
  std::string text = mantissa + "/1" + std::string(static_cast<size_t>(-exponent), '0');
  return ctx.real_val(text.c_str());
}

std::optional<z3::expr> StringLiteral(z3::context& ctx, std::string_view utf8) {
  if (!IsValidUtf8(utf8)) return std::nullopt;
  std::string escaped;
  escaped.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    char32_t c = 0;
    i += DecodeUtf8(utf8, i, &c);
    if (c > kMaxZ3CodePoint) return std::nullopt;
    // Z3 reads \u{...} escapes in literals; everything but printable ASCII (and the backslash
    // that starts an escape) goes through one, so no byte is ever read as a Latin-1 char.
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      escaped += static_cast<char>(c);
    } else {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%x}", static_cast<unsigned>(c));
      escaped += buf;
    }
  }
  return ctx.string_val(escaped.c_str());
}

std::optional<Number> DecimalFromModel(const z3::expr& value) {
  if (!value.is_numeral() || value.is_algebraic()) return std::nullopt;
  z3::context& ctx = value.ctx();
  // The denominator must be 2^a * 5^b: multiply by 10 until the value is integral, which takes
  // max(a, b) steps, fewer than 4 per decimal digit of the denominator.
  std::string den_text = NumeralText(value.denominator());
  z3::expr scaled = value;
  long k = 0;
  const long limit = static_cast<long>(den_text.size()) * 4 + 4;
  while (true) {
    z3::expr is_int = z3::is_int(scaled).simplify();
    if (is_int.is_true()) break;
    if (k > limit) return std::nullopt;
    Assign(scaled, (scaled * ctx.real_val(10)).simplify());
    ++k;
  }
  std::string text = NumeralText(scaled);
  if (k > 0) text += "e-" + std::to_string(k);
  Result<Number> n = Number::Parse(text);
  if (!n.ok()) return std::nullopt;
  return *n;
}

std::optional<std::string> Utf8FromModel(const z3::expr& value) {
  if (!value.is_string_value()) return std::nullopt;
  std::string raw = Z3_get_string(value.ctx(), value);
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 2 < raw.size() && raw[i + 1] == 'u' && raw[i + 2] == '{') {
      size_t close = raw.find('}', i + 3);
      if (close == std::string::npos) return std::nullopt;
      unsigned long cp = std::stoul(raw.substr(i + 3, close - i - 3), nullptr, 16);
      if (IsSurrogate(static_cast<char32_t>(cp)) || cp > 0x10FFFF) return std::nullopt;
      AppendUtf8(out, static_cast<char32_t>(cp));
      i = close;
      continue;
    }
    if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == '\\') {
      out += '\\';
      ++i;
      continue;
    }
    out += raw[i];
  }
  return out;
}

bool IsTrue(const z3::expr& e) {
  return e.is_true();
}

z3::expr RealToInt(const z3::expr& x) {
  Z3_ast r = Z3_mk_real2int(x.ctx(), x);
  x.ctx().check_error();
  return z3::expr(x.ctx(), r);
}
bool IsFalse(const z3::expr& e) {
  return e.is_false();
}

void Assign(z3::expr& dst, const z3::expr& src) {
  dst = src;  // copy assignment: releases the old term
}

const z3::expr And(const z3::expr& a, const z3::expr& b) {
  if (a.is_true() || b.is_false()) return b;
  if (b.is_true() || a.is_false()) return a;
  if (z3::eq(a, b)) return a;
  return a && b;
}

const z3::expr Or(const z3::expr& a, const z3::expr& b) {
  if (a.is_false() || b.is_true()) return b;
  if (b.is_false() || a.is_true()) return a;
  if (z3::eq(a, b)) return a;
  return a || b;
}

const z3::expr Not(const z3::expr& a) {
  if (a.is_true()) return a.ctx().bool_val(false);
  if (a.is_false()) return a.ctx().bool_val(true);
  if (a.is_not()) return a.arg(0);
  return !a;
}

const z3::expr Implies(const z3::expr& a, const z3::expr& b) {
  return Or(Not(a), b);
}

const z3::expr Ite(const z3::expr& c, const z3::expr& a, const z3::expr& b) {
  if (c.is_true()) return a;
  if (c.is_false()) return b;
  if (z3::eq(a, b)) return a;
  if (a.is_bool()) {
    if (a.is_true() && b.is_false()) return c;
    if (a.is_false() && b.is_true()) return Not(c);
  }
  return z3::ite(c, a, b);
}

}  // namespace tf::smt::internal
