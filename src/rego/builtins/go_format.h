// File: rego/builtins/go_format.h
//
// Go's fmt.Sprintf for the argument types OPA's sprintf passes to it: Go int (integers that fit
// int64), *big.Int (larger integers), float64 (other numbers) and string (strings, and every
// other value as its Rego text). Verbs, flags, width, precision, `*` and explicit argument
// indexes behave as in Go, including its in-band errors ("%!d(string=x)", "%!v(MISSING)",
// "%!(EXTRA int=1)").
//
//   GoFormat("%-5s|%03d", {GoArg::String("ab"), GoArg::Int(7)}) == "ab   |007"
#ifndef TF_REGO_BUILTINS_GO_FORMAT_H_
#define TF_REGO_BUILTINS_GO_FORMAT_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tf::rego::builtins {

struct GoArg {
  enum class Kind { kInt, kBigInt, kFloat, kString };
  Kind kind = Kind::kString;
  int64_t int_value = 0;
  double float_value = 0;
  std::string text;  // kString: the string; kBigInt: decimal digits with an optional '-'

  static GoArg Int(int64_t v) { return {.kind = Kind::kInt, .int_value = v}; }
  static GoArg BigInt(std::string digits) {
    return {.kind = Kind::kBigInt, .text = std::move(digits)};
  }
  static GoArg Float(double v) { return {.kind = Kind::kFloat, .float_value = v}; }
  static GoArg String(std::string s) { return {.kind = Kind::kString, .text = std::move(s)}; }
};

std::string GoFormat(std::string_view format, std::span<const GoArg> args);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_GO_FORMAT_H_
