// regex.globs_match: whether two glob-style regular expressions (only ., *, +, [...] with
// ranges, and \ escapes are special) match a common non-empty string. Each glob is a sequence
// of single-character classes, each once, '*' (any number) or '+' (at least once); the answer
// is a search of the product of the two sequences. Syntax errors use the wording of the Go
// library OPA calls (yashtewari/glob-intersection).
#include <set>
#include <tuple>

#include "core/utf8.h"
#include "rego/builtins/families.h"

namespace tf::rego::builtins {
namespace {

enum class Repeat { kOnce, kStar, kPlus };

struct GlobToken {
  bool any = false;  // '.'
  // A character or a [set], as inclusive ranges.
  std::vector<std::pair<char32_t, char32_t>> ranges;
  Repeat repeat = Repeat::kOnce;
};

bool Intersects(const GlobToken& a, const GlobToken& b) {
  if (a.any || b.any) return true;
  for (auto [lo, hi] : a.ranges) {
    for (auto [blo, bhi] : b.ranges) {
      if (lo <= bhi && blo <= hi) return true;
    }
  }
  return false;
}

class GlobTokenizer {
 public:
  explicit GlobTokenizer(std::string_view input) : input_(input), runes_(ToCodePoints(input)) {}
  Result<std::vector<GlobToken>> Run();

 private:
  Status Invalid(size_t pos, std::string_view what) const {
    return BuiltinError("input:" + std::string(input_) + ", pos:" + std::to_string(pos) + ", " +
                        std::string(what) + ": the input provided is invalid");
  }
  // The next rune and whether it was escaped; nullopt at the end.
  Result<std::optional<std::pair<char32_t, bool>>> Next();
  Result<GlobToken> Set();

  std::string_view input_;
  std::u32string runes_;
  size_t pos_ = 0;
};

Result<std::optional<std::pair<char32_t, bool>>> GlobTokenizer::Next() {
  if (pos_ >= runes_.size()) return std::optional<std::pair<char32_t, bool>>();
  if (runes_[pos_] != '\\') return std::optional(std::pair(runes_[pos_++], false));
  if (pos_ + 1 == runes_.size()) return Invalid(pos_, "input ends with a \\ (escape) character");
  pos_ += 2;
  return std::optional(std::pair(runes_[pos_ - 1], true));
}

Result<GlobToken> GlobTokenizer::Set() {
  GlobToken token;
  std::optional<char32_t> prev;
  for (;;) {
    TF_ASSIGN_OR_RETURN(auto next, Next());
    if (!next) return Invalid(pos_, "found [ without matching ]");
    auto [r, escaped] = *next;
    if (!escaped && r == ']') return token;
    if (escaped || r != '-') {
      token.ranges.emplace_back(r, r);
      prev = r;
      continue;
    }
    if (!prev) return Invalid(pos_, "range character '-' must be preceded by a Unicode character");
    if (pos_ >= runes_.size() - 1) {
      return Invalid(pos_, "range character '-' must be followed by a Unicode character");
    }
    TF_ASSIGN_OR_RETURN(auto hi, Next());
    if (!hi->second && (hi->first == ']' || hi->first == '-')) {
      return Invalid(pos_, "range character '-' cannot be followed by a special symbol");
    }
    if (hi->first < *prev) {
      std::string lo_text, hi_text;
      AppendUtf8(lo_text, *prev);
      AppendUtf8(hi_text, hi->first);
      return Invalid(pos_, "range is out of order: '" + hi_text + "' comes before '" + lo_text +
                               "' in Unicode");
    }
    token.ranges.emplace_back(*prev, hi->first);
    prev.reset();
  }
}

Result<std::vector<GlobToken>> GlobTokenizer::Run() {
  std::vector<GlobToken> tokens;
  for (;;) {
    TF_ASSIGN_OR_RETURN(auto next, Next());
    if (!next) return tokens;
    auto [r, escaped] = *next;
    if (!escaped && (r == '*' || r == '+')) {
      if (tokens.empty() || tokens.back().repeat != Repeat::kOnce) {
        std::string flag;
        AppendUtf8(flag, r);
        return Invalid(pos_, "flag '" + flag + "' must be preceded by a non-flag");
      }
      tokens.back().repeat = r == '*' ? Repeat::kStar : Repeat::kPlus;
    } else if (!escaped && r == ']') {
      return Invalid(pos_, "set-close ']' with no preceding '['");
    } else if (!escaped && r == '[') {
      TF_ASSIGN_OR_RETURN(GlobToken set, Set());
      tokens.push_back(std::move(set));
    } else {
      GlobToken t;
      t.any = !escaped && r == '.';
      if (!t.any) t.ranges.emplace_back(r, r);
      tokens.push_back(std::move(t));
    }
  }
}

// X+ is X followed by X*; afterwards every token is either once or starred.
std::vector<GlobToken> Normalize(std::vector<GlobToken> tokens) {
  std::vector<GlobToken> out;
  for (GlobToken& t : tokens) {
    if (t.repeat == Repeat::kPlus) {
      GlobToken once = t;
      once.repeat = Repeat::kOnce;
      out.push_back(std::move(once));
      t.repeat = Repeat::kStar;
    }
    out.push_back(std::move(t));
  }
  return out;
}

// Depth-first search over (position in a, position in b, consumed anything yet).
bool CommonNonEmptyString(const std::vector<GlobToken>& a, const std::vector<GlobToken>& b) {
  std::set<std::tuple<size_t, size_t, bool>> seen;
  std::vector<std::tuple<size_t, size_t, bool>> todo = {{0, 0, false}};
  while (!todo.empty()) {
    auto state = todo.back();
    todo.pop_back();
    if (!seen.insert(state).second) continue;
    auto [i, j, consumed] = state;
    if (i == a.size() && j == b.size() && consumed) return true;
    if (i < a.size() && a[i].repeat == Repeat::kStar) todo.emplace_back(i + 1, j, consumed);
    if (j < b.size() && b[j].repeat == Repeat::kStar) todo.emplace_back(i, j + 1, consumed);
    if (i < a.size() && j < b.size() && Intersects(a[i], b[j])) {
      // A starred token may consume again; a once token moves on.
      todo.emplace_back(a[i].repeat == Repeat::kStar ? i : i + 1,
                        b[j].repeat == Repeat::kStar ? j : j + 1, true);
    }
  }
  return false;
}

Result<Value> GlobsMatch(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(std::vector<GlobToken> g1, GlobTokenizer(a[0].string()).Run());
  TF_ASSIGN_OR_RETURN(std::vector<GlobToken> g2, GlobTokenizer(a[1].string()).Run());
  return Value::Bool(CommonNonEmptyString(Normalize(std::move(g1)), Normalize(std::move(g2))));
}

}  // namespace

std::vector<BuiltinDecl> RegexGlobsBuiltins() {
  return {
      {.name = "regex.globs_match",
       .params = {{kString, "glob1"}, {kString, "glob2"}},
       .result = kBoolean,
       .fn = GlobsMatch},
  };
}

}  // namespace tf::rego::builtins
