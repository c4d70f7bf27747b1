// File: rego/builtins/string_replacer.h
//
// Go's strings.Replacer semantics, which OPA's replace and strings.replace_n use: one left-to-
// right pass over the bytes; at each position the earliest listed pattern that matches there
// wins and the scan resumes after it (no overlapping, no rescanning of replacements). An empty
// pattern matches at every byte boundary, but not twice in a row.
//
//   ReplaceAll("foobar", {{"f", "x"}, {"foo", "xxx"}}) == "xoobar"
#ifndef TF_REGO_BUILTINS_STRING_REPLACER_H_
#define TF_REGO_BUILTINS_STRING_REPLACER_H_

#include <span>
#include <string>
#include <string_view>

namespace tf::rego::builtins {

struct ReplacePair {
  std::string_view old_text;
  std::string_view new_text;
};

std::string ReplaceAll(std::string_view s, std::span<const ReplacePair> pairs);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_STRING_REPLACER_H_
