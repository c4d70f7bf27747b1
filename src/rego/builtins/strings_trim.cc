// OPA's string builtins, part two: cutting strings (substring, trim, trim_left, trim_right,
// trim_prefix, trim_suffix, trim_space), with Go's rune semantics.
#include <algorithm>

#include "core/utf8.h"
#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

// Code points, by offset and length; a negative length means "to the end".
Result<Value> Substring(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(int64_t offset, IntOperand(a[1], 2));
  TF_ASSIGN_OR_RETURN(int64_t length, IntOperand(a[2], 3));
  if (offset < 0) return BuiltinError("negative offset");
  const std::string& s = a[0].string();
  std::u32string runes = ToCodePoints(s);
  const int64_t count = static_cast<int64_t>(runes.size());
  if (offset == 0 && length >= count) return a[0];
  if (offset >= count) return Value::String("");
  const int64_t end = length < 0 ? count : std::min(count, offset + length);
  return Value::String(FromCodePoints(std::u32string_view(runes).substr(offset, end - offset)));
}

// Go's unicode.IsSpace.
bool IsSpace(char32_t r) {
  switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

template <typename Pred>
size_t LeadingRun(std::string_view s, Pred cut) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t r;
    size_t n = DecodeUtf8(s, i, &r);
    if (!cut(r)) break;
    i += n;
  }
  return i;
}

// Length of the longest suffix made of runes satisfying `cut`.
template <typename Pred>
size_t TrailingRun(std::string_view s, Pred cut) {
  size_t end = s.size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 && end - start < 4) {
      --start;
    }
    char32_t r;
    size_t n = DecodeUtf8(s, start, &r);
    if (start + n != end) {  // not one whole sequence: the last byte stands alone
      start = end - 1;
      r = kReplacementChar;
    }
    if (!cut(r)) break;
    end = start;
  }
  return s.size() - end;
}

template <bool kLeft, bool kRight>
Result<Value> TrimCutset(BuiltinContext&, std::span<const Value> a) {
  std::string_view s = a[0].string();
  std::u32string cutset = ToCodePoints(a[1].string());
  auto cut = [&](char32_t r) { return cutset.find(r) != std::u32string::npos; };
  if (kLeft) s.remove_prefix(LeadingRun(s, cut));
  if (kRight) s.remove_suffix(TrailingRun(s, cut));
  return Value::String(s);
}

Result<Value> TrimPrefix(BuiltinContext&, std::span<const Value> a) {
  std::string_view s = a[0].string();
  if (s.starts_with(a[1].string())) s.remove_prefix(a[1].string().size());
  return Value::String(s);
}

Result<Value> TrimSuffix(BuiltinContext&, std::span<const Value> a) {
  std::string_view s = a[0].string();
  if (s.ends_with(a[1].string())) s.remove_suffix(a[1].string().size());
  return Value::String(s);
}

Result<Value> TrimSpace(BuiltinContext&, std::span<const Value> a) {
  std::string_view s = a[0].string();
  s.remove_prefix(LeadingRun(s, IsSpace));
  s.remove_suffix(TrailingRun(s, IsSpace));
  return Value::String(s);
}

BuiltinDecl Trim(std::string_view name, std::string_view cut, BuiltinFn fn) {
  return BuiltinDecl{
      .name = name, .params = {{kString, "value"}, {kString, cut}}, .result = kString, .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> StringTrimBuiltins() {
  return {
      {.name = "substring",
       .params = {{kString, "value"}, {kNumber, "offset"}, {kNumber, "length"}},
       .result = kString,
       .fn = Substring},
      Trim("trim", "cutset", TrimCutset<true, true>),
      Trim("trim_left", "cutset", TrimCutset<true, false>),
      Trim("trim_right", "cutset", TrimCutset<false, true>),
      Trim("trim_prefix", "prefix", TrimPrefix),
      Trim("trim_suffix", "suffix", TrimSuffix),
      {.name = "trim_space", .params = {{kString, "value"}}, .result = kString, .fn = TrimSpace},
  };
}

}  // namespace tf::rego::builtins
