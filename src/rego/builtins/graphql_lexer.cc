#include "rego/builtins/graphql_lexer.h"

#include <climits>
#include <cstdio>
#include <vector>

#include "core/utf8.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

using K = GqlTokenKind;

bool IsNameStart(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsNameChar(char c) {
  return IsNameStart(c) || (c >= '0' && c <= '9');
}

std::string ControlCharMessage(std::string_view prefix, unsigned char c, std::string_view suffix) {
  // gqlparser prints the code with %04d, i.e. in decimal.
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d", c);
  return std::string(prefix) + "\"\\u" + buf + "\"" + std::string(suffix);
}

int Unhex(std::string_view s) {
  int v = 0;
  for (char c : s) {
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= c - '0';
    else if (c >= 'a' && c <= 'f')
      v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      v |= c - 'A' + 10;
    else
      return -1;
  }
  return v;
}

int LeadingWhitespace(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != ' ' && line[i] != '\t') return static_cast<int>(i);
  }
  return INT_MAX;  // blank lines do not count
}

}  // namespace

std::string_view GqlTokenKindName(GqlTokenKind kind) {
  static constexpr std::string_view kNames[] = {
      "<Invalid>", "<EOF>", "!", "$", "&", "(",    ")",   "...",   ":",      "=",          "@",
      "[",         "]",     "{", "}", "|", "Name", "Int", "Float", "String", "BlockString"};
  return kNames[static_cast<int>(kind)];
}

std::string GqlToken::Describe() const {
  std::string out(GqlTokenKindName(kind));
  if (!value.empty()) {
    out += ' ';
    AppendGoQuoted(out, value);
  }
  return out;
}

std::string GqlBlockStringValue(std::string_view raw) {
  std::vector<std::string_view> lines;
  for (size_t start = 0;;) {
    const size_t nl = raw.find('\n', start);
    lines.push_back(
        raw.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  int common = INT_MAX;
  for (std::string_view line : lines) {
    const int indent = LeadingWhitespace(line);
    if (indent < static_cast<int>(line.size()) && indent < common) common = indent;
  }
  if (common != INT_MAX) {
    for (size_t i = 1; i < lines.size(); ++i) {
      lines[i] = static_cast<int>(lines[i].size()) < common
                     ? std::string_view()
                     : lines[i].substr(static_cast<size_t>(common));
    }
  }
  size_t begin = 0, end = lines.size();
  while (begin < end && LeadingWhitespace(lines[begin]) == INT_MAX)
    ++begin;
  while (begin < end && LeadingWhitespace(lines[end - 1]) == INT_MAX)
    --end;
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out += '\n';
    out += lines[i];
  }
  return out;
}

void GqlLexer::Advance(size_t bytes, int runes) {
  end_ += bytes;
  end_runes_ += runes;
}

GqlToken GqlLexer::Make(GqlTokenKind kind, std::string value) const {
  return GqlToken{kind, std::move(value), line_, start_runes_ - line_start_runes_ + 1};
}

GqlToken GqlLexer::Fail(std::optional<GqlError>* error, std::string message) const {
  const int column = end_runes_ - line_start_runes_ + 1;
  *error = GqlError{std::move(message), line_, column};
  return GqlToken{K::kInvalid, "", line_, column};
}

// Whitespace, line terminators, commas, byte order marks and comments (spec §2.1.2-2.1.7).
void GqlLexer::SkipIgnored() {
  while (end_ < input_.size()) {
    const char c = input_[end_];
    if (c == '\t' || c == ' ' || c == ',') {
      Advance(1, 1);
    } else if (c == '\n' || c == '\r') {
      Advance(1, 1);
      if (c == '\r' && end_ < input_.size() && input_[end_] == '\n') Advance(1, 1);
      ++line_;
      line_start_runes_ = end_runes_;
    } else if (input_.substr(end_, 3) == "\xEF\xBB\xBF") {
      Advance(3, 1);
    } else if (c == '#') {
      while (end_ < input_.size()) {
        char32_t cp = 0;
        const size_t w = DecodeUtf8(input_, end_, &cp);
        if (cp <= 0x1f && cp != '\t') break;
        Advance(w, 1);
      }
    } else {
      return;
    }
  }
}

GqlToken GqlLexer::Next(std::optional<GqlError>* error) {
  SkipIgnored();
  start_ = end_;
  start_runes_ = end_runes_;
  if (end_ >= input_.size()) return Make(K::kEof, "");
  const char c = input_[start_];
  static constexpr std::pair<char, K> kPunctuators[] = {
      {'!', K::kBang},     {'$', K::kDollar},   {'&', K::kAmp},    {'(', K::kParenL},
      {')', K::kParenR},   {':', K::kColon},    {'=', K::kEquals}, {'@', K::kAt},
      {'[', K::kBracketL}, {']', K::kBracketR}, {'{', K::kBraceL}, {'}', K::kBraceR},
      {'|', K::kPipe}};
  for (const auto& [ch, kind] : kPunctuators) {
    if (c == ch) {
      Advance(1, 1);
      return Make(kind, "");
    }
  }
  if (input_.substr(start_, 3) == "...") {
    Advance(3, 3);
    return Make(K::kSpread, "");
  }
  if (IsNameStart(c)) return ReadName();
  if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber(error);
  if (c == '"')
    return input_.substr(start_, 3) == "\"\"\"" ? ReadBlockString(error) : ReadString(error);
  if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
    return Fail(error, ControlCharMessage("Cannot contain the invalid character ",
                                          static_cast<unsigned char>(c), ""));
  }
  if (c == '\'') {
    return Fail(error,
                "Unexpected single quote character ('), did you mean to use a double quote (\")?");
  }
  char32_t cp = 0;
  const size_t w = DecodeUtf8(input_, start_, &cp);
  return Fail(error, "Cannot parse the unexpected character \"" +
                         std::string(input_.substr(start_, w)) + "\".");
}

GqlToken GqlLexer::ReadName() {
  while (end_ < input_.size() && IsNameChar(input_[end_]))
    Advance(1, 1);
  return Make(K::kName, std::string(input_.substr(start_, end_ - start_)));
}

bool GqlLexer::AcceptByte(std::string_view any) {
  if (end_ < input_.size() && any.find(input_[end_]) != std::string_view::npos) {
    Advance(1, 1);
    return true;
  }
  return false;
}

int GqlLexer::AcceptDigits() {
  int n = 0;
  while (end_ < input_.size() && input_[end_] >= '0' && input_[end_] <= '9')
    Advance(1, 1), ++n;
  return n;
}

std::string GqlLexer::DescribeNext() const {
  return end_ < input_.size() ? "\"" + std::string(1, input_[end_]) + "\"" : "<EOF>";
}

// Int: -?(0|[1-9][0-9]*); Float adds a fraction and/or an exponent (spec §2.9.1-2.9.2).
GqlToken GqlLexer::ReadNumber(std::optional<GqlError>* error) {
  bool is_float = false;
  AcceptByte("-");
  if (AcceptByte("0")) {
    if (const int n = AcceptDigits(); n != 0) {
      end_ -= static_cast<size_t>(n), end_runes_ -= n;
      return Fail(error, "Invalid number, unexpected digit after 0: " + DescribeNext() + ".");
    }
  } else if (AcceptDigits() == 0) {
    return Fail(error, "Invalid number, expected digit but got: " + DescribeNext() + ".");
  }
  if (AcceptByte(".")) {
    is_float = true;
    if (AcceptDigits() == 0)
      return Fail(error, "Invalid number, expected digit but got: " + DescribeNext() + ".");
  }
  if (AcceptByte("eE")) {
    is_float = true;
    AcceptByte("-+");
    if (AcceptDigits() == 0)
      return Fail(error, "Invalid number, expected digit but got: " + DescribeNext() + ".");
  }
  return Make(is_float ? K::kFloat : K::kInt, std::string(input_.substr(start_, end_ - start_)));
}

GqlToken GqlLexer::ReadString(std::optional<GqlError>* error) {
  Advance(1, 1);  // opening quote; as in gqlparser, the token's column is just after it
  start_ = end_;
  start_runes_ = end_runes_;
  std::string value;
  while (end_ < input_.size()) {
    const char c = input_[end_];
    if (c == '\n' || c == '\r') break;
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
      return Fail(error, ControlCharMessage("Invalid character within String: ",
                                            static_cast<unsigned char>(c), "."));
    }
    if (c == '"') {
      GqlToken t = Make(K::kString, std::move(value));
      Advance(1, 1);
      return t;
    }
    if (c != '\\') {
      char32_t cp = 0;
      const size_t w = DecodeUtf8(input_, end_, &cp);
      value.append(input_.substr(end_, w));
      Advance(w, 1);
      continue;
    }
    if (end_ + 1 >= input_.size()) {
      Advance(1, 1);
      return Fail(error, "Invalid character escape sequence.");
    }
    const char esc = input_[end_ + 1];
    if (esc == 'u') {
      const int v = end_ + 6 < input_.size() ? Unhex(input_.substr(end_ + 2, 4)) : -2;
      if (v < 0) {
        const std::string shown(input_.substr(end_, v == -2 ? std::string_view::npos : 5));
        Advance(1, 1);
        return Fail(error, "Invalid character escape sequence: \\" + shown + ".");
      }
      AppendUtf8(value, static_cast<char32_t>(v));
      Advance(6, 6);
      continue;
    }
    static constexpr std::pair<char, char> kEscapes[] = {{'"', '"'},  {'/', '/'},  {'\\', '\\'},
                                                         {'b', '\b'}, {'f', '\f'}, {'n', '\n'},
                                                         {'r', '\r'}, {'t', '\t'}};
    bool known = false;
    for (const auto& [from, to] : kEscapes) {
      if (esc == from) value += to, known = true;
    }
    if (!known) {
      Advance(1, 1);
      return Fail(error, "Invalid character escape sequence: \\" + std::string(1, esc) + ".");
    }
    Advance(2, 2);
  }
  return Fail(error, "Unterminated string.");
}

GqlToken GqlLexer::ReadBlockString(std::optional<GqlError>* error) {
  Advance(3, 3);
  start_ = end_;
  start_runes_ = end_runes_;
  std::string raw;
  while (end_ < input_.size()) {
    const char c = input_[end_];
    if (input_.substr(end_, 3) == "\"\"\"") {
      GqlToken t = Make(K::kBlockString, GqlBlockStringValue(raw));
      Advance(3, 3);
      return t;
    }
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return Fail(error, ControlCharMessage("Invalid character within String: ",
                                            static_cast<unsigned char>(c), "."));
    }
    if (input_.substr(end_, 4) == "\\\"\"\"") {
      raw += "\"\"\"";
      Advance(4, 4);
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && end_ + 1 < input_.size() && input_[end_ + 1] == '\n') Advance(1, 1);
      raw += '\n';
      Advance(1, 1);
      ++line_;
      line_start_runes_ = end_runes_;
    } else {
      char32_t cp = 0;
      const size_t w = DecodeUtf8(input_, end_, &cp);
      raw.append(input_.substr(end_, w));
      Advance(w, 1);
    }
  }
  return Fail(error, "Unterminated string.");
}

}  // namespace tf::rego::builtins
