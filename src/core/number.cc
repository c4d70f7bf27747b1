#include "core/number.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <utility>

#include "core/internal/big_decimal.h"

namespace tf {
namespace {

using internal::BigDecimal;
using internal::BnPtr;

// Bounds that keep hostile literals ("1e999999999") from turning one addition into gigabytes.
constexpr int64_t kMaxExponentMagnitude = 100000;
constexpr size_t kMaxLiteralDigits = 100000;
// Beyond this many digits an integer is printed in exponent notation.
constexpr int64_t kMaxPlainIntegerDigits = 64;
// Plain notation for small fractions down to 0.000001, as JavaScript and Go do.
constexpr int64_t kMaxLeadingFractionZeros = 6;

struct BnCtxDeleter {
  void operator()(BN_CTX* ctx) const { BN_CTX_free(ctx); }
};
using BnCtxPtr = std::unique_ptr<BN_CTX, BnCtxDeleter>;

BnPtr NewBn() {
  return BnPtr(BN_new());
}
BnPtr CopyBn(const BIGNUM* bn) {
  return BnPtr(BN_dup(bn));
}
BnCtxPtr NewCtx() {
  return BnCtxPtr(BN_CTX_new());
}

// A mutable working form for arithmetic on the slow path.
struct Dec {
  bool negative = false;
  BnPtr magnitude;  // >= 0
  int64_t exponent = 0;
};

Dec ToDec(const Number& n) {
  Dec d;
  if (n.is_small()) {
    int64_t v = n.small();
    d.negative = v < 0;
    uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    d.magnitude = NewBn();
    BN_set_word(d.magnitude.get(), mag);
    return d;
  }
  const BigDecimal& b = *n.big();
  d.negative = b.negative();
  d.magnitude = CopyBn(b.magnitude());
  d.exponent = b.exponent();
  return d;
}

BnPtr PowerOfTen(int64_t k, BN_CTX* ctx) {
  BnPtr ten = NewBn();
  BN_set_word(ten.get(), 10);
  BnPtr exp = NewBn();
  BN_set_word(exp.get(), static_cast<BN_ULONG>(k));
  BnPtr r = NewBn();
  BN_exp(r.get(), ten.get(), exp.get(), ctx);
  return r;
}

void ScaleUp(BIGNUM* bn, int64_t k, BN_CTX* ctx) {
  if (k <= 0) return;
  if (k <= 19) {
    BN_ULONG factor = 1;
    for (int64_t i = 0; i < k; ++i)
      factor *= 10;
    BN_mul_word(bn, factor);
    return;
  }
  BnPtr p = PowerOfTen(k, ctx);
  BN_mul(bn, bn, p.get(), ctx);
}

size_t DecimalDigits(const BIGNUM* bn) {
  if (BN_is_zero(bn)) return 1;
  char* text = BN_bn2dec(bn);
  size_t n = std::strlen(text);
  if (text[0] == '-') --n;
  OPENSSL_free(text);
  return n;
}

std::string DecimalText(const BIGNUM* bn) {
  char* text = BN_bn2dec(bn);
  std::string out(text[0] == '-' ? text + 1 : text);
  OPENSSL_free(text);
  return out;
}

// Brings a working decimal into canonical form.
Number Normalize(Dec d) {
  if (BN_is_zero(d.magnitude.get())) return Number(0);
  while (BN_mod_word(d.magnitude.get(), 10) == 0) {
    BN_div_word(d.magnitude.get(), 10);
    ++d.exponent;
  }
  if (d.exponent >= 0 && d.exponent <= 18) {
    BnCtxPtr ctx = NewCtx();
    BnPtr full = CopyBn(d.magnitude.get());
    ScaleUp(full.get(), d.exponent, ctx.get());
    if (BN_num_bits(full.get()) <= 64) {
      uint64_t mag = BN_get_word(full.get());
      constexpr uint64_t kLimit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
      if (!d.negative && mag <= kLimit) return Number(static_cast<int64_t>(mag));
      if (d.negative && mag <= kLimit + 1) return Number(static_cast<int64_t>(0 - mag));
    }
  }
  RefPtr<BigDecimal> node = MakeRef<BigDecimal>(d.negative, std::move(d.magnitude), d.exponent);
  return Number(node.get());
}

// Aligns both operands to the smaller exponent so their magnitudes can be added or compared.
void Align(Dec& a, Dec& b, BN_CTX* ctx) {
  if (a.exponent > b.exponent) {
    ScaleUp(a.magnitude.get(), a.exponent - b.exponent, ctx);
    a.exponent = b.exponent;
  } else if (b.exponent > a.exponent) {
    ScaleUp(b.magnitude.get(), b.exponent - a.exponent, ctx);
    b.exponent = a.exponent;
  }
}

Number AddSlow(const Number& x, const Number& y, bool negate_y) {
  Dec a = ToDec(x);
  Dec b = ToDec(y);
  if (negate_y) b.negative = !b.negative;
  BnCtxPtr ctx = NewCtx();
  Align(a, b, ctx.get());
  Dec r;
  r.magnitude = NewBn();
  r.exponent = a.exponent;
  if (a.negative == b.negative) {
    BN_add(r.magnitude.get(), a.magnitude.get(), b.magnitude.get());
    r.negative = a.negative;
  } else if (BN_cmp(a.magnitude.get(), b.magnitude.get()) >= 0) {
    BN_sub(r.magnitude.get(), a.magnitude.get(), b.magnitude.get());
    r.negative = a.negative;
  } else {
    BN_sub(r.magnitude.get(), b.magnitude.get(), a.magnitude.get());
    r.negative = b.negative;
  }
  return Normalize(std::move(r));
}

bool ValidLiteral(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9')
    ++i, ++digits;
  if (digits == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t frac = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
      ++i, ++frac;
    if (frac == 0) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
      ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

}  // namespace

Number::Number(const internal::BigDecimal* big) : big_(big) {
  big_->AddRef();
}

Number::Number(const Number& other) : small_(other.small_), big_(other.big_) {
  if (big_) big_->AddRef();
}

Number& Number::operator=(const Number& other) {
  if (other.big_) other.big_->AddRef();
  if (big_ && big_->Release()) delete big_;
  small_ = other.small_;
  big_ = other.big_;
  return *this;
}

Number& Number::operator=(Number&& other) noexcept {
  if (this != &other) {
    if (big_ && big_->Release()) delete big_;
    small_ = other.small_;
    big_ = std::exchange(other.big_, nullptr);
  }
  return *this;
}

Number::~Number() {
  if (big_ && big_->Release()) delete big_;
}

Result<Number> Number::Parse(std::string_view text) {
  if (!ValidLiteral(text)) {
    return Status(ErrorCode::kInvalidArgument, "invalid number: " + std::string(text));
  }
  // Fast path: short plain integers.
  if (text.size() <= 18 && text.find_first_of(".eE") == std::string_view::npos) {
    int64_t v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return Number(v);
  }
  bool negative = text[0] == '-';
  if (negative) text.remove_prefix(1);
  std::string digits;
  int64_t exponent = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') continue;
    digits.push_back(text[i]);
  }
  size_t dot = text.find('.');
  if (dot != std::string_view::npos) {
    exponent -= static_cast<int64_t>(i - dot - 1);
  }
  if (i < text.size()) {
    std::string_view exp_text = text.substr(i + 1);
    bool exp_negative = false;
    if (exp_text[0] == '+' || exp_text[0] == '-') {
      exp_negative = exp_text[0] == '-';
      exp_text.remove_prefix(1);
    }
    while (exp_text.size() > 1 && exp_text[0] == '0')
      exp_text.remove_prefix(1);
    int64_t e = 0;
    auto [ptr, ec] = std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), e);
    // The written exponent may pass the limit when the digits bring the value back inside it
    // (0.001e100002); the value's own exponent is checked below.
    if (ec != std::errc() || e > kMaxExponentMagnitude + static_cast<int64_t>(kMaxLiteralDigits)) {
      return Status(ErrorCode::kOutOfRange, "number exponent out of range");
    }
    exponent += exp_negative ? -e : e;
  }
  if (digits.size() > kMaxLiteralDigits) {
    return Status(ErrorCode::kOutOfRange, "number literal too long");
  }
  // The limit bounds the value (its exponent in scientific form), not how it is spelled, so that
  // every number accepted here prints as a literal that parses again: 11e100000 is 1.1e+100001.
  if (size_t first = digits.find_first_not_of('0'); first != std::string::npos) {
    const int64_t scientific = exponent + static_cast<int64_t>(digits.size() - first) - 1;
    if (scientific > kMaxExponentMagnitude || scientific < -kMaxExponentMagnitude) {
      return Status(ErrorCode::kOutOfRange, "number exponent out of range");
    }
  }
  Dec d;
  d.negative = negative;
  BIGNUM* raw = nullptr;
  if (BN_dec2bn(&raw, digits.c_str()) == 0) {
    return Status(ErrorCode::kInvalidArgument, "invalid number");
  }
  d.magnitude = BnPtr(raw);
  d.exponent = exponent;
  return Normalize(std::move(d));
}

Number Number::FromDouble(double value) {
  if (value == std::trunc(value) && std::fabs(value) < 9.2e18) {
    return Number(static_cast<int64_t>(value));
  }
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof(buf), value);
  Result<Number> n = Parse(std::string_view(buf, ptr - buf));
  return n.ok() ? *n : Number(0);
}

Number Number::FromUint64(uint64_t value) {
  if (value <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return Number(static_cast<int64_t>(value));
  }
  Dec d;
  d.magnitude = NewBn();
  BN_set_word(d.magnitude.get(), value);
  return Normalize(std::move(d));
}

bool Number::IsInteger() const {
  return is_small() || big_->exponent() >= 0;
}

std::optional<int64_t> Number::ToInt64() const {
  if (big_ == nullptr) return small_;
  return std::nullopt;
}

double Number::ToDouble() const {
  if (big_ == nullptr) return static_cast<double>(small_);
  return std::strtod(ToString().c_str(), nullptr);
}

int Number::Sign() const {
  if (big_ == nullptr) return (small_ > 0) - (small_ < 0);
  return big_->negative() ? -1 : 1;
}

std::string Number::ToString() const {
  if (big_ == nullptr) return std::to_string(small_);
  std::string digits = DecimalText(big_->magnitude());
  int64_t n = static_cast<int64_t>(digits.size());
  int64_t e = big_->exponent();
  std::string out = big_->negative() ? "-" : "";
  if (e >= 0 && n + e <= kMaxPlainIntegerDigits) {
    out += digits;
    out.append(static_cast<size_t>(e), '0');
    return out;
  }
  int64_t point = n + e;  // digits before the decimal point
  if (e < 0 && point > 0) {
    out += digits.substr(0, point);
    out += '.';
    out += digits.substr(point);
    return out;
  }
  if (e < 0 && -point < kMaxLeadingFractionZeros) {
    out += "0.";
    out.append(static_cast<size_t>(-point), '0');
    out += digits;
    return out;
  }
  out += digits[0];
  if (n > 1) {
    out += '.';
    out += digits.substr(1);
  }
  int64_t sci = e + n - 1;
  out += sci < 0 ? "e-" : "e+";
  out += std::to_string(sci < 0 ? -sci : sci);
  return out;
}

int Number::Compare(const Number& other) const {
  if (is_small() && other.is_small()) return (small_ > other.small_) - (small_ < other.small_);
  int sa = Sign();
  int sb = other.Sign();
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  Dec a = ToDec(*this);
  Dec b = ToDec(other);
  // Compare magnitudes by the position of the leading digit first: cheap and avoids scaling
  // by huge powers of ten.
  int64_t lead_a = static_cast<int64_t>(DecimalDigits(a.magnitude.get())) + a.exponent;
  int64_t lead_b = static_cast<int64_t>(DecimalDigits(b.magnitude.get())) + b.exponent;
  int mag;
  if (lead_a != lead_b) {
    mag = lead_a < lead_b ? -1 : 1;
  } else {
    BnCtxPtr ctx = NewCtx();
    Align(a, b, ctx.get());
    mag = BN_cmp(a.magnitude.get(), b.magnitude.get());
    mag = (mag > 0) - (mag < 0);
  }
  return sa > 0 ? mag : -mag;
}

size_t Number::Hash() const {
  if (big_ == nullptr) return std::hash<int64_t>()(small_);
  std::string digits = DecimalText(big_->magnitude());
  return std::hash<std::string>()(digits) ^ (std::hash<int64_t>()(big_->exponent()) << 1) ^
         static_cast<size_t>(big_->negative());
}

Number Number::operator-() const {
  if (is_small() && small_ != std::numeric_limits<int64_t>::min()) return Number(-small_);
  Dec d = ToDec(*this);
  d.negative = !d.negative;
  return Normalize(std::move(d));
}

Number Number::Add(const Number& a, const Number& b) {
  int64_t r;
  if (a.is_small() && b.is_small() && !__builtin_add_overflow(a.small_, b.small_, &r))
    return Number(r);
  return AddSlow(a, b, false);
}

Number Number::Sub(const Number& a, const Number& b) {
  int64_t r;
  if (a.is_small() && b.is_small() && !__builtin_sub_overflow(a.small_, b.small_, &r))
    return Number(r);
  return AddSlow(a, b, true);
}

Number Number::Mul(const Number& a, const Number& b) {
  int64_t r;
  if (a.is_small() && b.is_small() && !__builtin_mul_overflow(a.small_, b.small_, &r))
    return Number(r);
  Dec x = ToDec(a);
  Dec y = ToDec(b);
  BnCtxPtr ctx = NewCtx();
  Dec out;
  out.negative = x.negative != y.negative;
  out.magnitude = NewBn();
  BN_mul(out.magnitude.get(), x.magnitude.get(), y.magnitude.get(), ctx.get());
  out.exponent = x.exponent + y.exponent;
  return Normalize(std::move(out));
}

Result<Number> Number::Div(const Number& a, const Number& b) {
  if (b.Sign() == 0) return Status(ErrorCode::kInvalidArgument, "divide by zero");
  if (a.is_small() && b.is_small() && b.small_ != -1 && a.small_ % b.small_ == 0) {
    return Number(a.small_ / b.small_);
  }
  Dec x = ToDec(a);
  Dec y = ToDec(b);
  BnCtxPtr ctx = NewCtx();
  // Scale the dividend so the integer quotient carries at least kDivisionDigits + 2 digits.
  int64_t shift = static_cast<int64_t>(kDivisionDigits) + 2 +
                  static_cast<int64_t>(DecimalDigits(y.magnitude.get())) -
                  static_cast<int64_t>(DecimalDigits(x.magnitude.get()));
  if (shift < 0) shift = 0;
  ScaleUp(x.magnitude.get(), shift, ctx.get());
  BnPtr quotient = NewBn();
  BnPtr remainder = NewBn();
  BN_div(quotient.get(), remainder.get(), x.magnitude.get(), y.magnitude.get(), ctx.get());
  int64_t exponent = x.exponent - y.exponent - shift;
  bool sticky = !BN_is_zero(remainder.get());
  int64_t drop = static_cast<int64_t>(DecimalDigits(quotient.get())) - kDivisionDigits;
  if (sticky && drop > 0) {
    // Round half to even at kDivisionDigits significant digits.
    BnPtr scale = PowerOfTen(drop, ctx.get());
    BnPtr kept = NewBn();
    BnPtr dropped = NewBn();
    BN_div(kept.get(), dropped.get(), quotient.get(), scale.get(), ctx.get());
    BnPtr twice = NewBn();
    BN_lshift1(twice.get(), dropped.get());
    int cmp = BN_cmp(twice.get(), scale.get());
    if (cmp > 0 || (cmp == 0 && (sticky || BN_is_odd(kept.get())))) BN_add_word(kept.get(), 1);
    quotient = std::move(kept);
    exponent += drop;
  }
  Dec out;
  out.negative = x.negative != y.negative;
  out.magnitude = std::move(quotient);
  out.exponent = exponent;
  return Normalize(std::move(out));
}

Result<Number> Number::Rem(const Number& a, const Number& b) {
  if (!a.IsInteger() || !b.IsInteger()) {
    return Status(ErrorCode::kInvalidArgument, "modulo on floating-point number");
  }
  if (b.Sign() == 0) return Status(ErrorCode::kInvalidArgument, "modulo by zero");
  if (a.is_small() && b.is_small()) {
    if (b.small_ == -1) return Number(0);
    return Number(a.small_ % b.small_);
  }
  Dec x = ToDec(a);
  Dec y = ToDec(b);
  BnCtxPtr ctx = NewCtx();
  Align(x, y, ctx.get());
  Dec out;
  out.negative = x.negative;
  out.magnitude = NewBn();
  out.exponent = x.exponent;
  BN_mod(out.magnitude.get(), x.magnitude.get(), y.magnitude.get(), ctx.get());
  return Normalize(std::move(out));
}

Number Number::Abs() const {
  return Sign() < 0 ? -*this : *this;
}

namespace {

// Splits a non-integral big value into its truncated integer part and whether a fraction was
// dropped, and twice the fraction compared with one (for rounding).
struct Truncated {
  Number integer;
  int half_cmp;  // sign of (2 * |fraction| - 1)
};

Truncated Truncate(const Number& n) {
  Dec d = ToDec(n);
  BnCtxPtr ctx = NewCtx();
  BnPtr scale = PowerOfTen(-d.exponent, ctx.get());
  BnPtr q = NewBn();
  BnPtr r = NewBn();
  BN_div(q.get(), r.get(), d.magnitude.get(), scale.get(), ctx.get());
  BN_lshift1(r.get(), r.get());
  int cmp = BN_cmp(r.get(), scale.get());
  Dec i;
  i.negative = d.negative;
  i.magnitude = std::move(q);
  return Truncated{Normalize(std::move(i)), (cmp > 0) - (cmp < 0)};
}

}  // namespace

Number Number::Floor() const {
  if (IsInteger()) return *this;
  Truncated t = Truncate(*this);
  return Sign() < 0 ? Sub(t.integer, Number(1)) : t.integer;
}

Number Number::Ceil() const {
  if (IsInteger()) return *this;
  Truncated t = Truncate(*this);
  return Sign() > 0 ? Add(t.integer, Number(1)) : t.integer;
}

Number Number::Round() const {
  if (IsInteger()) return *this;
  Truncated t = Truncate(*this);
  if (t.half_cmp < 0) return t.integer;
  return Sign() > 0 ? Add(t.integer, Number(1)) : Sub(t.integer, Number(1));
}

}  // namespace tf
