// OPA's string builtins, part one: joining, searching, case, splitting and replacing (concat,
// contains, startswith, endswith, format_int, indexof, indexof_n, lower, upper, split, replace,
// strings.replace_n, strings.count, strings.reverse, strings.any_prefix_match,
// strings.any_suffix_match). Trimming and substrings are in strings_trim.cc, sprintf in
// strings_format.cc, strings.render_template in go_template_{parse,exec}.cc. Indexes count code
// points.
#include <openssl/bn.h>

#include <algorithm>
#include <clocale>
#include <cwctype>
#include <memory>

#include "core/utf8.h"
#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"
#include "rego/builtins/string_replacer.h"

namespace tf::rego::builtins {
namespace {

Result<Value> Concat(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(std::vector<std::string_view> parts, StringElements(a[1], 2));
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += a[0].string();
    out += parts[i];
  }
  return Value::String(std::move(out));
}

// Digits of an integer in base 2, 8 or 16, with a leading '-' for negatives (Go's %b/%o/%x).
std::string IntegerDigits(const Number& n, unsigned base) {
  std::string dec = n.ToString();
  const bool negative = !dec.empty() && dec[0] == '-';
  BIGNUM* raw = nullptr;
  BN_dec2bn(&raw, dec.c_str() + (negative ? 1 : 0));
  std::unique_ptr<BIGNUM, void (*)(BIGNUM*)> bn(raw, BN_free);
  std::string digits;
  while (bn != nullptr && !BN_is_zero(bn.get())) {
    digits += "0123456789abcdef"[BN_div_word(bn.get(), base)];
  }
  if (digits.empty()) digits = "0";
  if (negative) digits += '-';
  std::reverse(digits.begin(), digits.end());
  return digits;
}

// The number rounded toward zero, written in base 2, 8, 10 or 16.
Result<Value> FormatInt(BuiltinContext&, std::span<const Value> a) {
  std::optional<int64_t> base = a[1].number().ToInt64();
  if (!base || (*base != 2 && *base != 8 && *base != 10 && *base != 16)) {
    return OperandError(2, "must be one of {2, 8, 10, 16}");
  }
  Number integer = TruncateNumber(a[0].number());
  if (*base == 10) return Value::String(integer.ToString());
  return Value::String(IntegerDigits(integer, static_cast<unsigned>(*base)));
}

Result<Value> Contains(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(a[0].string().find(a[1].string()) != std::string::npos);
}

Result<Value> StartsWith(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(std::string_view(a[0].string()).starts_with(a[1].string()));
}

Result<Value> EndsWith(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(std::string_view(a[0].string()).ends_with(a[1].string()));
}

// Code point offsets of `needle` in `haystack`; only the first when `all` is false.
std::vector<int64_t> CodePointMatches(std::string_view haystack, std::string_view needle,
                                      bool all) {
  std::vector<int64_t> out;
  int64_t index = 0;
  for (size_t pos = 0; pos + needle.size() <= haystack.size(); ++index) {
    if (haystack.compare(pos, needle.size(), needle) == 0) {
      out.push_back(index);
      if (!all) break;
    }
    char32_t ignored;
    pos += DecodeUtf8(haystack, pos, &ignored);
  }
  return out;
}

Result<Value> IndexOf(BuiltinContext&, std::span<const Value> a) {
  if (a[1].string().empty()) return BuiltinError("empty search character");
  std::vector<int64_t> found = CodePointMatches(a[0].string(), a[1].string(), false);
  return Value::Int(found.empty() ? -1 : found[0]);
}

Result<Value> IndexOfN(BuiltinContext&, std::span<const Value> a) {
  if (a[1].string().empty()) return BuiltinError("empty search character");
  std::vector<Value> out;
  for (int64_t i : CodePointMatches(a[0].string(), a[1].string(), true))
    out.push_back(Value::Int(i));
  return Value::Array(std::move(out));
}

// Unicode case mapping through glibc's C.UTF-8 tables; ASCII only if that locale is missing.
locale_t Utf8Locale() {
  static const locale_t kLocale = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
  return kLocale;
}

std::string MapCase(std::string_view s, bool upper) {
  // ASCII prefix (usually the whole string): map bytes in place, no decoding, no locale.
  size_t ascii = 0;
  while (ascii < s.size() && static_cast<unsigned char>(s[ascii]) < 0x80)
    ++ascii;
  std::string out(s.substr(0, ascii));
  char from = upper ? 'a' : 'A';
  int shift = upper ? 'A' - 'a' : 'a' - 'A';
  for (char& c : out) {
    if (c >= from && c <= from + 25) c = static_cast<char>(c + shift);
  }
  locale_t loc{};
  bool have_locale = false;
  for (size_t i = ascii; i < s.size();) {
    char c = s[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      out += c;
      ++i;
      continue;
    }
    if (!have_locale) {
      loc = Utf8Locale();
      have_locale = true;
    }
    char32_t r;
    size_t n = DecodeUtf8(s, i, &r);
    if (r == kReplacementChar && n == 1) {
      out += s[i];  // invalid byte: kept as is
    } else if (r < 0x80) {
      char c = s[i];
      if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      out += c;
    } else if (loc == locale_t{}) {
      out.append(s.substr(i, n));
    } else {
      wint_t w = static_cast<wint_t>(r);
      AppendUtf8(out, static_cast<char32_t>(upper ? towupper_l(w, loc) : towlower_l(w, loc)));
    }
    i += n;
  }
  return out;
}

Result<Value> Lower(BuiltinContext&, std::span<const Value> a) {
  return Value::String(MapCase(a[0].string(), false));
}

Result<Value> Upper(BuiltinContext&, std::span<const Value> a) {
  return Value::String(MapCase(a[0].string(), true));
}

// Go's strings.Split: an empty delimiter splits into UTF-8 sequences.
Result<Value> Split(BuiltinContext&, std::span<const Value> a) {
  std::string_view s = a[0].string();
  std::string_view delim = a[1].string();
  std::vector<Value> out;
  if (delim.empty()) {
    for (size_t i = 0; i < s.size();) {
      char32_t ignored;
      size_t n = DecodeUtf8(s, i, &ignored);
      out.push_back(Value::String(s.substr(i, n)));
      i += n;
    }
    return Value::Array(std::move(out));
  }
  size_t start = 0;
  for (size_t at = s.find(delim); at != std::string_view::npos; at = s.find(delim, start)) {
    out.push_back(Value::String(s.substr(start, at - start)));
    start = at + delim.size();
  }
  out.push_back(Value::String(s.substr(start)));
  return Value::Array(std::move(out));
}

Result<Value> Replace(BuiltinContext&, std::span<const Value> a) {
  std::vector<ReplacePair> pairs = {{a[1].string(), a[2].string()}};
  return Value::String(ReplaceAll(a[0].string(), pairs));
}

// Patterns apply in key order (the object's order), the first matching key winning.
Result<Value> ReplaceN(BuiltinContext&, std::span<const Value> a) {
  std::vector<ReplacePair> pairs;
  for (const ObjectEntry& e : a[0].object()) {
    if (!e.first.is_string()) return OperandError(1, "non-string key found in pattern object");
    if (!e.second.is_string()) return OperandError(1, "non-string value found in pattern object");
    pairs.push_back({e.first.string(), e.second.string()});
  }
  return Value::String(ReplaceAll(a[1].string(), pairs));
}

// Go's strings.Count: non-overlapping matches; an empty substring matches between code points.
Result<Value> Count(BuiltinContext&, std::span<const Value> a) {
  std::string_view s = a[0].string();
  std::string_view sub = a[1].string();
  if (sub.empty()) return Value::Int(static_cast<int64_t>(CountCodePoints(s)) + 1);
  int64_t n = 0;
  for (size_t at = s.find(sub); at != std::string_view::npos; at = s.find(sub, at + sub.size())) {
    ++n;
  }
  return Value::Int(n);
}

// Reverses by UTF-8 sequence; an invalid byte moves as a unit of its own.
Result<Value> Reverse(BuiltinContext&, std::span<const Value> a) {
  std::string_view s = a[0].string();
  std::string out(s.size(), '\0');
  for (size_t i = 0; i < s.size();) {
    char32_t ignored;
    size_t n = DecodeUtf8(s, i, &ignored);
    s.copy(out.data() + (s.size() - i - n), n, i);
    i += n;
  }
  return Value::String(std::move(out));
}

// A string, or an array/set of strings, as a list.
Result<std::vector<std::string_view>> OneOrMoreStrings(const Value& v, int pos) {
  if (v.is_string()) return std::vector<std::string_view>{v.string()};
  return StringElements(v, pos);
}

template <bool kSuffix>
Result<Value> AnyAffixMatch(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(std::vector<std::string_view> strs, OneOrMoreStrings(a[0], 1));
  TF_ASSIGN_OR_RETURN(std::vector<std::string_view> affixes, OneOrMoreStrings(a[1], 2));
  for (std::string_view s : strs) {
    for (std::string_view affix : affixes) {
      if (kSuffix ? s.ends_with(affix) : s.starts_with(affix)) return Value::Bool(true);
    }
  }
  return Value::Bool(false);
}

BuiltinDecl StringPair(std::string_view name, std::string_view y, KindSet result, BuiltinFn fn) {
  return BuiltinDecl{
      .name = name, .params = {{kString, "x"}, {kString, y}}, .result = result, .fn = fn};
}

constexpr KindSet kStrings = kString | kArray | kSet;
constexpr std::string_view kStringsText = "one of {string, set, array}";

}  // namespace

std::vector<BuiltinDecl> StringBuiltins() {
  return {
      {.name = "concat",
       .params = {{kString, "delimiter"}, {kArray | kSet, "collection", "one of {set, array}"}},
       .result = kString,
       .fn = Concat},
      {.name = "format_int",
       .params = {{kNumber, "number"}, {kNumber, "base"}},
       .result = kString,
       .fn = FormatInt},
      StringPair("contains", "needle", kBoolean, Contains),
      StringPair("startswith", "base", kBoolean, StartsWith),
      StringPair("endswith", "base", kBoolean, EndsWith),
      StringPair("indexof", "needle", kNumber, IndexOf),
      StringPair("indexof_n", "needle", kArray, IndexOfN),
      {.name = "lower", .params = {{kString, "x"}}, .result = kString, .fn = Lower},
      {.name = "upper", .params = {{kString, "x"}}, .result = kString, .fn = Upper},
      StringPair("split", "delimiter", kArray, Split),
      {.name = "replace",
       .params = {{kString, "x"}, {kString, "old"}, {kString, "new"}},
       .result = kString,
       .fn = Replace},
      {.name = "strings.replace_n",
       .params = {{kObject, "patterns"}, {kString, "value"}},
       .result = kString,
       .fn = ReplaceN},
      StringPair("strings.count", "substring", kNumber, Count),
      {.name = "strings.reverse", .params = {{kString, "x"}}, .result = kString, .fn = Reverse},
      {.name = "strings.any_prefix_match",
       .params = {{kStrings, "search", kStringsText}, {kStrings, "base", kStringsText}},
       .result = kBoolean,
       .fn = AnyAffixMatch<false>},
      {.name = "strings.any_suffix_match",
       .params = {{kStrings, "search", kStringsText}, {kStrings, "base", kStringsText}},
       .result = kBoolean,
       .fn = AnyAffixMatch<true>},
  };
}

}  // namespace tf::rego::builtins
