// File: core/number.h
//
// `Number`: the exact numbers of Rego and JSON. Integers that fit in int64 are stored inline and
// take the fast path; everything else is an exact decimal `mantissa * 10^exponent` with an
// arbitrary-precision mantissa. So 0.1 + 0.2 == 0.3 and 1e109 / 1e100 == 1000000000 exactly.
// Only division can be inexact; its quotient is rounded (half to even) to kDivisionDigits
// significant digits.
//
// The representation is canonical: equal numbers have equal representations (an integral value
// in int64 range is always inline; a mantissa never ends in a zero digit), so 1, 1.0 and 10e-1
// are the same Number, compare equal and hash equally.
#ifndef TF_CORE_NUMBER_H_
#define TF_CORE_NUMBER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tf {

namespace internal {
class BigDecimal;
}  // namespace internal

class Number {
 public:
  static constexpr int kDivisionDigits = 34;

  Number() = default;
  Number(int64_t value) : small_(value) {}  // NOLINT: implicit, integers are numbers.
  Number(int value) : small_(value) {}      // NOLINT
  // Shares `big` (adds a reference). BigDecimal stays incomplete here, so the members that touch
  // its reference count live in number.cc.
  explicit Number(const internal::BigDecimal* big);
  Number(const Number& other);
  Number(Number&& other) noexcept : small_(other.small_), big_(other.big_) { other.big_ = nullptr; }
  Number& operator=(const Number& other);
  Number& operator=(Number&& other) noexcept;
  ~Number();

  // Parses a JSON number or a Rego number literal ("-12", "3.5e-3"). Fails on anything else.
  static Result<Number> Parse(std::string_view text);
  // The shortest decimal that reads back as `value`. REQUIRES: std::isfinite(value).
  static Number FromDouble(double value);
  static Number FromUint64(uint64_t value);

  // True when the value is integral and fits in int64 (then it is stored inline).
  bool is_small() const { return big_ == nullptr; }
  int64_t small() const { return small_; }  // REQUIRES: is_small().
  const internal::BigDecimal* big() const { return big_; }

  bool IsInteger() const;
  // The value as int64 when it is integral and in range.
  std::optional<int64_t> ToInt64() const;
  double ToDouble() const;
  int Sign() const;
  // Exact text: integers as plain digits, other values in plain or exponent notation, always a
  // valid JSON number.
  std::string ToString() const;

  int Compare(const Number& other) const;
  size_t Hash() const;

  Number operator-() const;
  static Number Add(const Number& a, const Number& b);
  static Number Sub(const Number& a, const Number& b);
  static Number Mul(const Number& a, const Number& b);
  // Fails with kInvalidArgument "divide by zero".
  static Result<Number> Div(const Number& a, const Number& b);
  // Integers only. Fails "modulo by zero" or "modulo on floating-point number". Sign follows the
  // dividend (truncated division), as in Go and OPA.
  static Result<Number> Rem(const Number& a, const Number& b);
  Number Abs() const;
  Number Floor() const;
  Number Ceil() const;
  // Half away from zero, as OPA's round().
  Number Round() const;

 private:
  int64_t small_ = 0;
  const internal::BigDecimal* big_ = nullptr;  // owned reference, or null for inline values
};

inline bool operator==(const Number& a, const Number& b) {
  return a.Compare(b) == 0;
}
inline bool operator<(const Number& a, const Number& b) {
  return a.Compare(b) < 0;
}

}  // namespace tf

#endif  // TF_CORE_NUMBER_H_
