#include "rego/builtins/string_replacer.h"

namespace tf::rego::builtins {
namespace {

// One non-empty pattern: plain search, the common case.
std::string ReplaceOne(std::string_view s, const ReplacePair& pair) {
  std::string out;
  size_t last = 0;
  for (size_t at = s.find(pair.old_text); at != std::string_view::npos;
       at = s.find(pair.old_text, last)) {
    out.append(s.substr(last, at - last));
    out.append(pair.new_text);
    last = at + pair.old_text.size();
  }
  out.append(s.substr(last));
  return out;
}

// The earliest listed pattern matching at `s`, skipping the empty one if `skip_empty`.
const ReplacePair* FirstMatch(std::string_view s, std::span<const ReplacePair> pairs,
                              bool skip_empty) {
  for (const ReplacePair& p : pairs) {
    if (p.old_text.empty() && skip_empty) continue;
    if (s.starts_with(p.old_text)) return &p;
  }
  return nullptr;
}

}  // namespace

std::string ReplaceAll(std::string_view s, std::span<const ReplacePair> pairs) {
  if (pairs.size() == 1 && !pairs[0].old_text.empty()) return ReplaceOne(s, pairs[0]);
  std::string out;
  size_t last = 0;
  bool previous_match_empty = false;
  for (size_t i = 0; i <= s.size();) {
    const ReplacePair* match = FirstMatch(s.substr(i), pairs, previous_match_empty);
    previous_match_empty = match != nullptr && match->old_text.empty();
    if (match == nullptr) {
      ++i;
      continue;
    }
    out.append(s.substr(last, i - last));
    out.append(match->new_text);
    i += match->old_text.size();
    last = i;
  }
  if (last < s.size()) out.append(s.substr(last));
  return out;
}

}  // namespace tf::rego::builtins
