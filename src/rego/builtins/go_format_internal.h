// File: rego/builtins/go_format_internal.h
//
// The printer behind GoFormat (go_format.h), shared by its two halves: go_format.cc reads the
// format directives, go_format_values.cc prints one argument for one verb.
#ifndef TF_REGO_BUILTINS_GO_FORMAT_INTERNAL_H_
#define TF_REGO_BUILTINS_GO_FORMAT_INTERNAL_H_

#include <span>
#include <string>
#include <string_view>

#include "rego/builtins/go_format.h"

namespace tf::rego::builtins::internal {

// One directive's flags, width and precision (Go's fmt.fmtFlags plus wid/prec).
struct GoFlags {
  bool plus = false, minus = false, sharp = false, space = false, zero = false;
  bool sharp_v = false, plus_v = false;  // '#' and '+' with %v
  bool wid_present = false, prec_present = false;
  int wid = 0, prec = 0;
};

class GoPrinter {
 public:
  explicit GoPrinter(std::span<const GoArg> args) : args_(args) {}
  std::string Run(std::string_view format);

 private:
  // go_format.cc: directives.
  void Directive(std::string_view format, size_t& i);
  bool ArgNumber(std::string_view format, size_t& i);
  void Width(std::string_view format, size_t& i, bool& after_index);
  void Precision(std::string_view format, size_t& i, bool& after_index);
  void Verb(char32_t verb);
  void Extra();

  // go_format_values.cc: values.
  void PrintArg(const GoArg& a, char32_t verb);
  void Pad(std::string_view s);
  void FmtInteger(int64_t v, char32_t verb);
  void FmtDigits(bool negative, std::string digits, int base, char32_t verb);
  void FmtBigInt(const std::string& decimal, char32_t verb);
  void FmtFloat(double v, char32_t verb);
  void FmtString(const std::string& s, char32_t verb);
  void FmtRune(int64_t v, char32_t verb);
  void BadVerb(const GoArg& a, char32_t verb);

  std::span<const GoArg> args_;
  std::string out_;
  GoFlags f_;
  size_t arg_num_ = 0;
  bool reordered_ = false;
  bool good_arg_num_ = true;
};

// Go's fmt treats widths and precisions beyond a million as malformed.
inline constexpr int kGoFormatTooLarge = 1000000;

}  // namespace tf::rego::builtins::internal

#endif  // TF_REGO_BUILTINS_GO_FORMAT_INTERNAL_H_
