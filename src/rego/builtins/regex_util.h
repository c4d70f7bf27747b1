// File: rego/builtins/regex_util.h
//
// Go regexp behaviour on top of RE2 for the regex.* and glob.* builtins: the compiled pattern
// (through the context's RegexCache when there is one), Go's rules for successive matches and
// Go's `$1` / `${name}` replacement templates.
#ifndef TF_REGO_BUILTINS_REGEX_UTIL_H_
#define TF_REGO_BUILTINS_REGEX_UTIL_H_

#include <re2/re2.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rego/builtin.h"

namespace tf::rego::builtins {

// One match: [start, end) byte offsets of the whole match (index 0) and of each group; a
// group that did not take part is {npos, npos}.
using MatchSpans = std::vector<std::pair<size_t, size_t>>;

Result<std::shared_ptr<const re2::RE2>> FindRegex(BuiltinContext& ctx, std::string_view pattern);

// Go's allMatches: successive non-overlapping matches, at most `limit` (all if negative); an
// empty match adjacent to the previous match is skipped. `with_groups` fills group spans.
std::vector<MatchSpans> AllMatches(const re2::RE2& re, std::string_view s, int64_t limit,
                                   bool with_groups);

// Go's Regexp.ReplaceAllString: `template` expanded for every match ($1, ${1}, $name, $$).
std::string ReplaceAllGo(const re2::RE2& re, std::string_view s, std::string_view template_text);

// Go's regexp.QuoteMeta: escapes \.+*?()|[]{}^$.
std::string QuoteRegexMeta(std::string_view s);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_REGEX_UTIL_H_
