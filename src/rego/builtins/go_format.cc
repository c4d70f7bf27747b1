// Reading Go format directives: %[flags][[index]][width][.precision]verb, with Go's in-band
// error texts for malformed directives and unused arguments.
#include <optional>

#include "core/utf8.h"
#include "rego/builtins/go_format_internal.h"

namespace tf::rego::builtins {

namespace internal {
namespace {

// Decimal digits at format[i...]; nullopt when there are none or they exceed Go's limit (which
// then consumes the rest of the format, as Go does).
std::optional<int> ParseNum(std::string_view format, size_t& i) {
  int num = 0;
  bool any = false;
  size_t j = i;
  for (; j < format.size() && format[j] >= '0' && format[j] <= '9'; ++j) {
    if (num > kGoFormatTooLarge) {
      i = format.size();
      return std::nullopt;
    }
    num = num * 10 + (format[j] - '0');
    any = true;
  }
  i = j;
  if (!any) return std::nullopt;
  return num;
}

// The int argument of a '*' width or precision.
std::optional<int> StarArg(std::span<const GoArg> args, size_t& arg_num) {
  if (arg_num >= args.size()) return std::nullopt;
  const GoArg& a = args[arg_num++];
  if (a.kind != GoArg::Kind::kInt || a.int_value > kGoFormatTooLarge ||
      a.int_value < -kGoFormatTooLarge) {
    return std::nullopt;
  }
  return static_cast<int>(a.int_value);
}

}  // namespace

std::string GoPrinter::Run(std::string_view format) {
  for (size_t i = 0; i < format.size();) {
    size_t pct = format.find('%', i);
    if (pct == std::string_view::npos) pct = format.size();
    out_.append(format.substr(i, pct - i));
    if (pct >= format.size()) break;
    i = pct + 1;
    Directive(format, i);
  }
  if (!reordered_ && arg_num_ < args_.size()) Extra();
  return std::move(out_);
}

void GoPrinter::Directive(std::string_view format, size_t& i) {
  f_ = GoFlags();
  good_arg_num_ = true;
  for (; i < format.size(); ++i) {
    char c = format[i];
    if (c == '#') {
      f_.sharp = true;
    } else if (c == '0') {
      f_.zero = !f_.minus;  // zero padding only to the left
    } else if (c == '+') {
      f_.plus = true;
    } else if (c == '-') {
      f_.minus = true;
      f_.zero = false;
    } else if (c == ' ') {
      f_.space = true;
    } else {
      break;
    }
  }
  bool after_index = ArgNumber(format, i);
  Width(format, i, after_index);
  Precision(format, i, after_index);
  if (!after_index) after_index = ArgNumber(format, i);
  if (i >= format.size()) {
    out_ += "%!(NOVERB)";
    return;
  }
  char32_t verb;
  i += DecodeUtf8(format, i, &verb);
  Verb(verb);
}

// An explicit argument index "[n]" (1-based) at format[i...].
bool GoPrinter::ArgNumber(std::string_view format, size_t& i) {
  if (i >= format.size() || format[i] != '[') return false;
  reordered_ = true;
  size_t close = format.find(']', i + 1);
  if (format.size() - i < 3 || close == std::string_view::npos) {
    i += 1;
    good_arg_num_ = false;
    return false;
  }
  size_t j = i + 1;
  std::optional<int> n = ParseNum(format, j);
  const bool ok = n.has_value() && j == close;
  i = close + 1;
  if (ok && *n >= 1 && static_cast<size_t>(*n) <= args_.size()) {
    arg_num_ = static_cast<size_t>(*n - 1);
    return true;
  }
  good_arg_num_ = false;
  return ok;
}

void GoPrinter::Width(std::string_view format, size_t& i, bool& after_index) {
  if (i < format.size() && format[i] == '*') {
    ++i;
    std::optional<int> w = StarArg(args_, arg_num_);
    f_.wid_present = w.has_value();
    f_.wid = w.value_or(0);
    if (!w) out_ += "%!(BADWIDTH)";
    if (f_.wid < 0) {
      f_.wid = -f_.wid;
      f_.minus = true;
      f_.zero = false;
    }
    after_index = false;
    return;
  }
  std::optional<int> w = ParseNum(format, i);
  f_.wid_present = w.has_value();
  f_.wid = w.value_or(0);
  if (after_index && f_.wid_present) good_arg_num_ = false;  // "%[3]2d"
}

void GoPrinter::Precision(std::string_view format, size_t& i, bool& after_index) {
  // A '.' that ends the format is the verb, not a precision.
  if (i + 1 >= format.size() || format[i] != '.') return;
  ++i;
  if (after_index) good_arg_num_ = false;  // "%[3].2d"
  after_index = ArgNumber(format, i);
  if (i < format.size() && format[i] == '*') {
    ++i;
    std::optional<int> p = StarArg(args_, arg_num_);
    f_.prec_present = p.has_value() && *p >= 0;
    f_.prec = f_.prec_present ? *p : 0;
    if (!p) out_ += "%!(BADPREC)";
    after_index = false;
    return;
  }
  f_.prec = ParseNum(format, i).value_or(0);
  f_.prec_present = true;
}

void GoPrinter::Verb(char32_t verb) {
  if (verb == '%') {
    out_ += '%';  // absorbs no argument and ignores width and precision
    return;
  }
  std::string name;
  AppendUtf8(name, verb);
  if (!good_arg_num_) {
    out_ += "%!" + name + "(BADINDEX)";
  } else if (arg_num_ >= args_.size()) {
    out_ += "%!" + name + "(MISSING)";
  } else if (verb == 'w') {
    BadVerb(args_[arg_num_], verb);  // only Errorf wraps; the argument stays unused
  } else {
    if (verb == 'v') {
      f_.sharp_v = f_.sharp;
      f_.sharp = false;
      f_.plus_v = f_.plus;
      f_.plus = false;
    }
    PrintArg(args_[arg_num_++], verb);
  }
}

void GoPrinter::Extra() {
  f_ = GoFlags();
  out_ += "%!(EXTRA ";
  for (size_t i = arg_num_; i < args_.size(); ++i) {
    if (i > arg_num_) out_ += ", ";
    switch (args_[i].kind) {
      case GoArg::Kind::kInt:
        out_ += "int=";
        break;
      case GoArg::Kind::kBigInt:
        out_ += "*big.Int=";
        break;
      case GoArg::Kind::kFloat:
        out_ += "float64=";
        break;
      case GoArg::Kind::kString:
        out_ += "string=";
        break;
    }
    PrintArg(args_[i], 'v');
  }
  out_ += ')';
}

}  // namespace internal

std::string GoFormat(std::string_view format, std::span<const GoArg> args) {
  return internal::GoPrinter(args).Run(format);
}

}  // namespace tf::rego::builtins
