#include "rego/lexer.h"

#include "core/utf8.h"

namespace tf::rego {
namespace {

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsIdentChar(char c) {
  return IsIdentStart(c) || (c >= '0' && c <= '9');
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view TokName(Tok t) {
  switch (t) {
    case Tok::kEof:
      return "eof";
    case Tok::kIdent:
      return "ident";
    case Tok::kNumber:
      return "number";
    case Tok::kString:
    case Tok::kRawString:
      return "string";
    case Tok::kTemplate:
      return "template-string";
    case Tok::kLBrace:
      return "{";
    case Tok::kRBrace:
      return "}";
    case Tok::kLBrack:
      return "[";
    case Tok::kRBrack:
      return "]";
    case Tok::kLParen:
      return "(";
    case Tok::kRParen:
      return ")";
    case Tok::kDot:
      return ".";
    case Tok::kComma:
      return ",";
    case Tok::kSemicolon:
      return ";";
    case Tok::kColon:
      return ":";
    case Tok::kAssign:
      return ":=";
    case Tok::kUnify:
      return "=";
    case Tok::kEq:
      return "==";
    case Tok::kNeq:
      return "!=";
    case Tok::kLt:
      return "<";
    case Tok::kLte:
      return "<=";
    case Tok::kGt:
      return ">";
    case Tok::kGte:
      return ">=";
    case Tok::kPlus:
      return "+";
    case Tok::kMinus:
      return "-";
    case Tok::kStar:
      return "*";
    case Tok::kSlash:
      return "/";
    case Tok::kPercent:
      return "%";
    case Tok::kAmp:
      return "&";
    case Tok::kBar:
      return "|";
    case Tok::kIllegal:
      return "illegal";
  }
  return "illegal";
}

bool IsReservedWord(std::string_view w) {
  return w == "not" || w == "some" || w == "every" || w == "with" || w == "if" || w == "in" ||
         w == "else" || w == "default" || w == "import" || w == "package" || w == "true" ||
         w == "false" || w == "null";
}

Lexer::Lexer(const Source& source, uint32_t begin, uint32_t end)
    : source_(source), text_(source.text), pos_(begin) {
  if (end < text_.size()) text_ = text_.substr(0, end);
  for (uint32_t i = 0; i < begin && i < source.text.size(); ++i) {
    if (source.text[i] == '\n') {
      ++line_;
      line_start_ = i + 1;
    }
  }
}

Location Lexer::Here() const {
  return Location{&source_, line_, pos_ - line_start_ + 1, pos_};
}

void Lexer::SkipSpaceAndComments(Token& tok) {
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '\n') {
      tok.newline_before = true;
      tok.space_before = true;
      ++pos_;
      ++line_;
      line_start_ = pos_;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      tok.space_before = true;
      ++pos_;
    } else if (c == '#') {
      tok.space_before = true;
      Location at = Here();
      uint32_t start = ++pos_;
      while (pos_ < text_.size() && text_[pos_] != '\n')
        ++pos_;
      std::string_view body = text_.substr(start, pos_ - start);
      if (!body.empty() && body.back() == '\r') body.remove_suffix(1);
      comments_.push_back({std::string(body), at});
    } else {
      return;
    }
  }
}

Token Lexer::Illegal(Token tok, std::string message) {
  if (error_.empty()) error_ = message;
  tok.kind = Tok::kIllegal;
  tok.text = std::move(message);
  return tok;
}

Token Lexer::Next() {
  Token tok;
  SkipSpaceAndComments(tok);
  tok.loc = Here();
  if (pos_ >= text_.size()) return tok;
  char c = text_[pos_];
  auto peek = [&](size_t k) { return pos_ + k < text_.size() ? text_[pos_ + k] : '\0'; };
  auto op = [&](Tok kind, uint32_t len) {
    tok.kind = kind;
    tok.text = std::string(text_.substr(pos_, len));
    pos_ += len;
    return tok;
  };
  if (IsIdentStart(c)) {
    uint32_t start = pos_;
    while (pos_ < text_.size() && IsIdentChar(text_[pos_]))
      ++pos_;
    tok.kind = Tok::kIdent;
    tok.text = std::string(text_.substr(start, pos_ - start));
    return tok;
  }
  if (IsDigit(c)) return LexNumber(std::move(tok));
  switch (c) {
    case '"':
      return LexString(std::move(tok));
    case '`':
      return LexRawString(std::move(tok));
    case '$':
      if (peek(1) == '"' || peek(1) == '`') return LexTemplate(std::move(tok));
      ++pos_;
      return Illegal(std::move(tok), "illegal token '$'");
    case '{':
      return op(Tok::kLBrace, 1);
    case '}':
      return op(Tok::kRBrace, 1);
    case '[':
      return op(Tok::kLBrack, 1);
    case ']':
      return op(Tok::kRBrack, 1);
    case '(':
      return op(Tok::kLParen, 1);
    case ')':
      return op(Tok::kRParen, 1);
    case '.':
      return op(Tok::kDot, 1);
    case ',':
      return op(Tok::kComma, 1);
    case ';':
      return op(Tok::kSemicolon, 1);
    case ':':
      return peek(1) == '=' ? op(Tok::kAssign, 2) : op(Tok::kColon, 1);
    case '=':
      return peek(1) == '=' ? op(Tok::kEq, 2) : op(Tok::kUnify, 1);
    case '!':
      if (peek(1) == '=') return op(Tok::kNeq, 2);
      ++pos_;
      return Illegal(std::move(tok), "illegal ! character");
    case '<':
      return peek(1) == '=' ? op(Tok::kLte, 2) : op(Tok::kLt, 1);
    case '>':
      return peek(1) == '=' ? op(Tok::kGte, 2) : op(Tok::kGt, 1);
    case '+':
      return op(Tok::kPlus, 1);
    case '-':
      return op(Tok::kMinus, 1);
    case '*':
      return op(Tok::kStar, 1);
    case '/':
      return op(Tok::kSlash, 1);
    case '%':
      return op(Tok::kPercent, 1);
    case '&':
      return op(Tok::kAmp, 1);
    case '|':
      return op(Tok::kBar, 1);
    default:
      break;
  }
  char32_t cp;
  pos_ += static_cast<uint32_t>(DecodeUtf8(text_, pos_, &cp));
  return Illegal(std::move(tok), "illegal character");
}

Token Lexer::LexNumber(Token tok) {
  uint32_t start = pos_;
  while (pos_ < text_.size() && IsDigit(text_[pos_]))
    ++pos_;
  if (pos_ + 1 < text_.size() && text_[pos_] == '.' && IsDigit(text_[pos_ + 1])) {
    ++pos_;
    while (pos_ < text_.size() && IsDigit(text_[pos_]))
      ++pos_;
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    uint32_t save = pos_;
    ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (pos_ < text_.size() && IsDigit(text_[pos_])) {
      while (pos_ < text_.size() && IsDigit(text_[pos_]))
        ++pos_;
    } else {
      pos_ = save;
    }
  }
  tok.kind = Tok::kNumber;
  tok.text = std::string(text_.substr(start, pos_ - start));
  return tok;
}

// Decodes one JSON escape after the backslash at pos_ (RFC 8259 §7), advancing pos_.
bool Lexer::DecodeEscape(std::string& out) {
  ++pos_;  // backslash
  if (pos_ >= text_.size()) return false;
  char e = text_[pos_++];
  switch (e) {
    case '"':
      out += '"';
      return true;
    case '\\':
      out += '\\';
      return true;
    case '/':
      out += '/';
      return true;
    case 'b':
      out += '\b';
      return true;
    case 'f':
      out += '\f';
      return true;
    case 'n':
      out += '\n';
      return true;
    case 'r':
      out += '\r';
      return true;
    case 't':
      out += '\t';
      return true;
    case 'u': {
      auto read4 = [&](char32_t* v) {
        if (pos_ + 4 > text_.size()) return false;
        *v = 0;
        for (int i = 0; i < 4; ++i) {
          int d = HexDigit(text_[pos_ + i]);
          if (d < 0) return false;
          *v = (*v << 4) | static_cast<char32_t>(d);
        }
        pos_ += 4;
        return true;
      };
      char32_t cp;
      if (!read4(&cp)) return false;
      if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 1 < text_.size() && text_[pos_] == '\\' &&
          text_[pos_ + 1] == 'u') {
        uint32_t save = pos_;
        pos_ += 2;
        char32_t low;
        if (read4(&low) && low >= 0xDC00 && low <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else {
          pos_ = save;
        }
      }
      AppendUtf8(out, cp);  // a lone surrogate becomes U+FFFD, as Go's decoder does
      return true;
    }
    default:
      return false;
  }
}

Token Lexer::LexString(Token tok) {
  ++pos_;  // opening quote
  std::string out;
  while (true) {
    if (pos_ >= text_.size() || text_[pos_] == '\n') {
      return Illegal(std::move(tok), "non-terminated string");
    }
    char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      break;
    }
    if (c == '\\') {
      if (!DecodeEscape(out)) return Illegal(std::move(tok), "illegal escape sequence in string");
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20) {
      return Illegal(std::move(tok), "illegal control character in string");
    }
    out += c;
    ++pos_;
  }
  tok.kind = Tok::kString;
  tok.text = std::move(out);
  return tok;
}

Token Lexer::LexRawString(Token tok) {
  ++pos_;
  uint32_t start = pos_;
  while (pos_ < text_.size() && text_[pos_] != '`') {
    if (text_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }
  if (pos_ >= text_.size()) return Illegal(std::move(tok), "non-terminated raw string");
  tok.kind = Tok::kRawString;
  tok.text = std::string(text_.substr(start, pos_ - start));
  ++pos_;
  return tok;
}

// $"..{expr}.." or $`..{expr}..`: literal parts are decoded here; each expression's source is
// kept for the parser, which parses it in place. An expression ends at the `}` that balances
// its opening `{`, skipping braces inside nested strings.
Token Lexer::LexTemplate(Token tok) {
  pos_ += 1;  // '$'
  char quote = text_[pos_++];
  bool raw = quote == '`';
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) tok.template_parts.push_back({false, std::move(literal), 0});
    literal.clear();
  };
  while (true) {
    if (pos_ >= text_.size()) return Illegal(std::move(tok), "non-terminated template string");
    char c = text_[pos_];
    if (c == quote) {
      ++pos_;
      break;
    }
    if (!raw && c == '\n') return Illegal(std::move(tok), "non-terminated template string");
    if (c == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    if (!raw && c == '\\') {
      char next = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
      if (next == '{' || next == '}') {
        literal += next;
        pos_ += 2;
        continue;
      }
      if (!DecodeEscape(literal)) {
        return Illegal(std::move(tok), "illegal escape sequence in template string");
      }
      continue;
    }
    if (c != '{') {
      literal += c;
      ++pos_;
      continue;
    }
    flush();
    uint32_t expr_start = ++pos_;
    int depth = 1;
    while (pos_ < text_.size() && depth > 0) {
      char d = text_[pos_];
      if (d == '{') {
        ++depth;
      } else if (d == '}') {
        --depth;
      } else if (d == '"' || d == '`') {
        char q = d;
        ++pos_;
        while (pos_ < text_.size() && text_[pos_] != q)
          pos_ += (q == '"' && text_[pos_] == '\\') ? 2 : 1;
      } else if (d == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      }
      if (depth > 0) ++pos_;
    }
    if (depth > 0) return Illegal(std::move(tok), "non-terminated template string expression");
    tok.template_parts.push_back(
        {true, std::string(text_.substr(expr_start, pos_ - expr_start)), expr_start});
    ++pos_;  // closing brace
  }
  flush();
  tok.kind = Tok::kTemplate;
  return tok;
}

}  // namespace tf::rego
