#include "rego/builtins/regex_util.h"

#include "core/utf8.h"
#include "rego/regex_cache.h"

namespace tf::rego::builtins {
namespace {

constexpr size_t kNoGroup = std::string_view::npos;

// One search from `pos`, as Go's doExecute: the text before `pos` is context for ^ and \b.
bool MatchFrom(const re2::RE2& re, std::string_view s, size_t pos, MatchSpans& spans, int groups) {
  std::vector<re2::StringPiece> pieces(static_cast<size_t>(groups) + 1);
  re2::StringPiece text(s.data(), s.size());
  if (!re.Match(text, pos, s.size(), re2::RE2::UNANCHORED, pieces.data(), groups + 1)) return false;
  spans.assign(pieces.size(), {kNoGroup, kNoGroup});
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].data() == nullptr) continue;
    size_t start = static_cast<size_t>(pieces[i].data() - s.data());
    spans[i] = {start, start + pieces[i].size()};
  }
  return true;
}

size_t RuneWidth(std::string_view s, size_t pos) {
  if (pos >= s.size()) return 0;
  char32_t ignored;
  return DecodeUtf8(s, pos, &ignored);
}

bool IsNameChar(char32_t r) {
  return r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') ||
         (r >= 0x80 && r != kReplacementChar);
}

struct TemplateRef {
  std::string name;
  int number = -1;  // -1: a name, not a group number
  size_t length = 0;
};

// The group reference after a '$' ("1", "{name}"); nullopt if malformed.
std::optional<TemplateRef> ExtractRef(std::string_view t) {
  const bool brace = !t.empty() && t[0] == '{';
  size_t i = brace ? 1 : 0;
  const size_t start = i;
  while (i < t.size()) {
    char32_t r;
    size_t n = DecodeUtf8(t, i, &r);
    if (!IsNameChar(r)) break;
    i += n;
  }
  if (i == start) return std::nullopt;
  TemplateRef ref{.name = std::string(t.substr(start, i - start))};
  if (brace) {
    if (i >= t.size() || t[i] != '}') return std::nullopt;
    ++i;
  }
  ref.length = i;
  ref.number = 0;
  for (char c : ref.name) {
    if (c < '0' || c > '9' || ref.number >= 100000000) {
      ref.number = -1;
      break;
    }
    ref.number = ref.number * 10 + (c - '0');
  }
  if (ref.name.size() > 1 && ref.name[0] == '0') ref.number = -1;
  return ref;
}

void Expand(const re2::RE2& re, std::string_view s, std::string_view t, const MatchSpans& m,
            std::string& out) {
  auto append_group = [&](int g) {
    if (g >= 0 && static_cast<size_t>(g) < m.size() && m[g].first != kNoGroup) {
      out.append(s.substr(m[g].first, m[g].second - m[g].first));
    }
  };
  for (size_t dollar = t.find('$'); dollar != std::string_view::npos; dollar = t.find('$')) {
    out.append(t.substr(0, dollar));
    t.remove_prefix(dollar + 1);
    if (!t.empty() && t[0] == '$') {
      out += '$';
      t.remove_prefix(1);
      continue;
    }
    std::optional<TemplateRef> ref = ExtractRef(t);
    if (!ref) {
      out += '$';  // malformed: the '$' is literal text
      continue;
    }
    t.remove_prefix(ref->length);
    if (ref->number >= 0) {
      append_group(ref->number);
    } else if (auto it = re.NamedCapturingGroups().find(ref->name);
               it != re.NamedCapturingGroups().end()) {
      append_group(it->second);
    }
  }
  out.append(t);
}

}  // namespace

Result<std::shared_ptr<const re2::RE2>> FindRegex(BuiltinContext& ctx, std::string_view pattern) {
  return ctx.regexes != nullptr ? ctx.regexes->Get(pattern) : CompileRegex(pattern);
}

std::vector<MatchSpans> AllMatches(const re2::RE2& re, std::string_view s, int64_t limit,
                                   bool with_groups) {
  std::vector<MatchSpans> out;
  const int groups = with_groups ? re.NumberOfCapturingGroups() : 0;
  size_t pos = 0;
  size_t previous_end = kNoGroup;
  MatchSpans m;
  while ((limit < 0 || static_cast<int64_t>(out.size()) < limit) && pos <= s.size()) {
    if (!MatchFrom(re, s, pos, m, groups)) break;
    bool accept = true;
    if (m[0].second == pos) {  // empty match: never right after the previous one
      accept = m[0].first != previous_end;
      size_t width = RuneWidth(s, pos);
      pos = width > 0 ? pos + width : s.size() + 1;
    } else {
      pos = m[0].second;
    }
    previous_end = m[0].second;
    if (accept) out.push_back(m);
  }
  return out;
}

std::string ReplaceAllGo(const re2::RE2& re, std::string_view s, std::string_view template_text) {
  std::string out;
  size_t last_end = 0;
  MatchSpans m;
  for (size_t search = 0; search <= s.size();) {
    if (!MatchFrom(re, s, search, m, re.NumberOfCapturingGroups())) break;
    out.append(s.substr(last_end, m[0].first - last_end));
    // No replacement for an empty match right after a match (Go avoids doubling).
    if (m[0].second > last_end || m[0].first == 0) Expand(re, s, template_text, m, out);
    last_end = m[0].second;
    const size_t width = RuneWidth(s, search);
    if (search + width > m[0].second) {
      search += width;
    } else if (search + 1 > m[0].second) {
      ++search;
    } else {
      search = m[0].second;
    }
  }
  out.append(s.substr(std::min(last_end, s.size())));
  return out;
}

std::string QuoteRegexMeta(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace tf::rego::builtins
