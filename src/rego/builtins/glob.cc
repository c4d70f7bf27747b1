// The glob namespace: glob.match and glob.quote_meta, with the syntax of the Go library OPA
// uses (gobwas/glob): * (any run without a delimiter), ** (any run), ? (one non-delimiter),
// [abc] [a-z] [!...] (one character, delimiters included), {a,b} alternatives, \ escapes.
// A glob is translated to an RE2 pattern and matched in full; the regex cache keeps it.
#include <cstdio>
#include <optional>

#include "core/utf8.h"
#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"
#include "rego/builtins/regex_util.h"

namespace tf::rego::builtins {
namespace {

// A rune as an RE2 literal, safe inside and outside character classes.
std::string RegexLiteral(char32_t r) {
  if ((r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')) {
    return std::string(1, static_cast<char>(r));
  }
  char buf[16];
  std::snprintf(buf, sizeof(buf), "\\x{%X}", static_cast<unsigned>(r));
  return buf;
}

class GlobTranslator {
 public:
  GlobTranslator(std::string_view pattern, std::u32string delimiters)
      : runes_(ToCodePoints(pattern)), delimiters_(std::move(delimiters)) {}
  Result<std::string> Run();

 private:
  std::optional<char32_t> Peek(size_t ahead = 0) const {
    return pos_ + ahead < runes_.size() ? std::optional(runes_[pos_ + ahead]) : std::nullopt;
  }
  std::string NotDelimiter() const;
  Result<std::string> Range();
  std::string Text();

  std::u32string runes_;
  std::u32string delimiters_;
  size_t pos_ = 0;
  int terms_depth_ = 0;
};

std::string GlobTranslator::NotDelimiter() const {
  if (delimiters_.empty()) return ".";
  std::string out = "[^";
  for (char32_t d : delimiters_)
    out += RegexLiteral(d);
  return out + "]";
}

// Literal characters up to the next special one ('}' and ',' are special inside {...}).
std::string GlobTranslator::Text() {
  std::string out;
  while (Peek()) {
    char32_t r = *Peek();
    if (r == '\\') {
      pos_ += 2;  // a trailing backslash escapes nothing and is dropped
      if (pos_ - 1 < runes_.size()) out += RegexLiteral(runes_[pos_ - 1]);
      continue;
    }
    if (r == '*' || r == '?' || r == '[' || r == '{') break;
    if (terms_depth_ > 0 && (r == '}' || r == ',')) break;
    out += RegexLiteral(r);
    ++pos_;
  }
  return out;
}

// [abc], [a-z], [!abc], [!a-z]: one character in (or not in) the class.
Result<std::string> GlobTranslator::Range() {
  bool negate = false;
  if (Peek() == U'!') {
    negate = true;
    ++pos_;
  }
  std::string cls;
  if (Peek() && Peek(1) == U'-' && Peek(2) && Peek(3) == U']') {
    if (*Peek(2) < *Peek()) return BuiltinError("hi character should be greater than lo");
    cls = RegexLiteral(*Peek()) + "-" + RegexLiteral(*Peek(2));
    pos_ += 4;
  } else {
    while (Peek() && Peek() != U']') {
      if (Peek() == U'\\') ++pos_;
      if (Peek()) cls += RegexLiteral(runes_[pos_++]);
    }
    if (!Peek()) return BuiltinError("unexpected end of input");
    ++pos_;
    if (cls.empty()) return BuiltinError("could not parse range");
  }
  return (negate ? "[^" : "[") + cls + "]";
}

Result<std::string> GlobTranslator::Run() {
  std::string out;
  while (Peek()) {
    char32_t r = *Peek();
    if (r == '*') {
      ++pos_;
      if (Peek() == U'*') {
        ++pos_;
        out += ".*";
      } else {
        out += NotDelimiter() + "*";
      }
    } else if (r == '?') {
      ++pos_;
      out += NotDelimiter();
    } else if (r == '[') {
      ++pos_;
      TF_ASSIGN_OR_RETURN(std::string cls, Range());
      out += cls;
    } else if (r == '{') {
      ++pos_;
      ++terms_depth_;
      out += "(?:";
    } else if (terms_depth_ > 0 && r == ',') {
      ++pos_;
      out += "|";
    } else if (terms_depth_ > 0 && r == '}') {
      ++pos_;
      --terms_depth_;
      out += ")";
    } else {
      out += Text();
    }
  }
  for (; terms_depth_ > 0; --terms_depth_)
    out += ")";  // an unclosed { ends with the pattern
  return "(?s)" + out;
}

// The delimiters operand: null for none, [] for the default ".", else one-rune strings.
Result<std::u32string> Delimiters(const Value& v) {
  if (v.is_null()) return std::u32string();
  std::u32string out;
  for (const Value& d : v.array()) {
    if (!d.is_string()) return ElementTypeError(2, v, d, "string");
    std::u32string runes = ToCodePoints(d.string());
    if (runes.size() != 1) return ElementTypeError(2, v, d, "rune");
    out += runes[0];
  }
  return out.empty() ? U"." : out;
}

Result<Value> Match(BuiltinContext& ctx, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(std::u32string delimiters, Delimiters(a[1]));
  TF_ASSIGN_OR_RETURN(std::string regex, GlobTranslator(a[0].string(), delimiters).Run());
  TF_ASSIGN_OR_RETURN(std::shared_ptr<const re2::RE2> re, FindRegex(ctx, regex));
  const std::string& s = a[2].string();
  return Value::Bool(re2::RE2::FullMatch(re2::StringPiece(s.data(), s.size()), *re));
}

Result<Value> QuoteMeta(BuiltinContext&, std::span<const Value> a) {
  std::string out;
  for (char c : a[0].string()) {
    if (std::string_view("*?\\[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return Value::String(std::move(out));
}

}  // namespace

std::vector<BuiltinDecl> GlobBuiltins() {
  return {
      {.name = "glob.match",
       .params = {{kString, "pattern"},
                  {kArray | kNull, "delimiters", "one of {array, null}"},
                  {kString, "match"}},
       .result = kBoolean,
       .fn = Match},
      {.name = "glob.quote_meta",
       .params = {{kString, "pattern"}},
       .result = kString,
       .fn = QuoteMeta},
  };
}

}  // namespace tf::rego::builtins
