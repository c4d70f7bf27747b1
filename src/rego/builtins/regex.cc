// The regex namespace: regex.match (and the deprecated re_match), regex.is_valid, regex.split,
// regex.find_n, regex.find_all_string_submatch_n, regex.replace and regex.template_match, with
// Go's regexp semantics over RE2. regex.globs_match is in regex_globs.cc.
#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"
#include "rego/builtins/regex_util.h"
#include "rego/regex_cache.h"

namespace tf::rego::builtins {
namespace {

using RegexPtr = std::shared_ptr<const re2::RE2>;

std::string_view Slice(std::string_view s, const std::pair<size_t, size_t>& span) {
  if (span.first == std::string_view::npos) return {};
  return s.substr(span.first, span.second - span.first);
}

Result<Value> Match(BuiltinContext& ctx, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(RegexPtr re, FindRegex(ctx, a[0].string()));
  const std::string& s = a[1].string();
  return Value::Bool(re2::RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *re));
}

// Any valid pattern is true; anything else, including a non-string, is false.
Result<Value> IsValid(BuiltinContext& ctx, std::span<const Value> a) {
  return Value::Bool(a[0].is_string() && FindRegex(ctx, a[0].string()).ok());
}

// Go's Regexp.Split(s, -1).
Result<Value> Split(BuiltinContext& ctx, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(RegexPtr re, FindRegex(ctx, a[0].string()));
  std::string_view s = a[1].string();
  if (!a[0].string().empty() && s.empty()) return Value::Array({Value::String("")});
  std::vector<Value> parts;
  size_t begin = 0, end = 0;
  for (const MatchSpans& m : AllMatches(*re, s, -1, false)) {
    end = m[0].first;
    if (m[0].second != 0) parts.push_back(Value::String(s.substr(begin, end - begin)));
    begin = m[0].second;
  }
  if (end != s.size()) parts.push_back(Value::String(s.substr(begin)));
  return Value::Array(std::move(parts));
}

Result<Value> FindN(BuiltinContext& ctx, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(RegexPtr re, FindRegex(ctx, a[0].string()));
  TF_ASSIGN_OR_RETURN(int64_t n, IntOperand(a[2], 3));
  std::string_view s = a[1].string();
  std::vector<Value> out;
  if (n != 0) {
    for (const MatchSpans& m : AllMatches(*re, s, n, false))
      out.push_back(Value::String(Slice(s, m[0])));
  }
  return Value::Array(std::move(out));
}

Result<Value> FindAllSubmatch(BuiltinContext& ctx, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(RegexPtr re, FindRegex(ctx, a[0].string()));
  TF_ASSIGN_OR_RETURN(int64_t n, IntOperand(a[2], 3));
  std::string_view s = a[1].string();
  std::vector<Value> out;
  if (n != 0) {
    for (const MatchSpans& m : AllMatches(*re, s, n, true)) {
      std::vector<Value> groups;
      for (const auto& span : m)
        groups.push_back(Value::String(Slice(s, span)));
      out.push_back(Value::Array(std::move(groups)));
    }
  }
  return Value::Array(std::move(out));
}

Result<Value> Replace(BuiltinContext& ctx, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(RegexPtr re, FindRegex(ctx, a[1].string()));
  return Value::String(ReplaceAllGo(*re, a[0].string(), a[2].string()));
}

// Offsets of the outermost delimited sections: start, end+1 pairs.
Result<std::vector<size_t>> DelimiterIndices(std::string_view s, char open, char close) {
  std::vector<size_t> out;
  int level = 0;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == open) {
      if (++level == 1) start = i;
    } else if (s[i] == close) {
      if (--level == 0) {
        out.push_back(start);
        out.push_back(i + 1);
      } else if (level < 0) {
        break;
      }
    }
  }
  if (level != 0) {
    std::string msg = "unbalanced braces in ";
    AppendGoQuoted(msg, s);
    return BuiltinError(msg);
  }
  return out;
}

// "urn:foo:{.*}" with delimiters { } becomes ^urn:foo:(.*)$; each section must compile alone.
Result<std::string> TemplatePattern(BuiltinContext& ctx, std::string_view t, char open,
                                    char close) {
  TF_ASSIGN_OR_RETURN(std::vector<size_t> idx, DelimiterIndices(t, open, close));
  std::string pattern = "^";
  size_t end = 0;
  for (size_t i = 0; i < idx.size(); i += 2) {
    std::string_view raw = t.substr(end, idx[i] - end);
    end = idx[i + 1];
    std::string_view section = t.substr(idx[i] + 1, end - idx[i] - 2);
    pattern += QuoteRegexMeta(raw) + "(" + std::string(section) + ")";
    TF_RETURN_IF_ERROR(FindRegex(ctx, "^" + std::string(section) + "$").status());
  }
  return pattern + QuoteRegexMeta(t.substr(end)) + "$";
}

Result<Value> TemplateMatch(BuiltinContext& ctx, std::span<const Value> a) {
  const std::string& start = a[2].string();
  const std::string& end = a[3].string();
  if (start.size() != 1) {
    return BuiltinError("start delimiter has to be exactly one character long but is " +
                        std::to_string(start.size()) + " long");
  }
  if (end.size() != 1) {  // OPA reports the start delimiter's length here
    return BuiltinError("end delimiter has to be exactly one character long but is " +
                        std::to_string(start.size()) + " long");
  }
  TF_ASSIGN_OR_RETURN(std::string pattern, TemplatePattern(ctx, a[0].string(), start[0], end[0]));
  TF_ASSIGN_OR_RETURN(RegexPtr re, FindRegex(ctx, pattern));
  const std::string& s = a[1].string();
  return Value::Bool(re2::RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *re));
}

BuiltinDecl PatternValue(std::string_view name, KindSet result, BuiltinFn fn) {
  return BuiltinDecl{.name = name,
                     .params = {{kString, "pattern"}, {kString, "value"}},
                     .result = result,
                     .fn = fn};
}

BuiltinDecl PatternValueNumber(std::string_view name, BuiltinFn fn) {
  return BuiltinDecl{.name = name,
                     .params = {{kString, "pattern"}, {kString, "value"}, {kNumber, "number"}},
                     .result = kArray,
                     .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> RegexBuiltins() {
  return {
      PatternValue("regex.match", kBoolean, Match),
      PatternValue("re_match", kBoolean, Match),
      {.name = "regex.is_valid",
       .params = {{kAnyKind, "pattern"}},
       .result = kBoolean,
       .fn = IsValid},
      PatternValue("regex.split", kArray, Split),
      PatternValueNumber("regex.find_n", FindN),
      PatternValueNumber("regex.find_all_string_submatch_n", FindAllSubmatch),
      {.name = "regex.replace",
       .params = {{kString, "s"}, {kString, "pattern"}, {kString, "value"}},
       .result = kString,
       .fn = Replace},
      {.name = "regex.template_match",
       .params = {{kString, "template"},
                  {kString, "value"},
                  {kString, "delimiter_start"},
                  {kString, "delimiter_end"}},
       .result = kBoolean,
       .fn = TemplateMatch},
  };
}

}  // namespace tf::rego::builtins
