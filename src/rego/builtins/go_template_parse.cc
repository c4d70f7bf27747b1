// Parser for Go text/template, as strings.render_template needs it: text and actions with trim
// markers and comments, pipelines, variables, field chains, literals, if/else if/else,
// range (with break/continue), with/else with. `define`, `template` and `block` are refused:
// a rendered string has no named templates to call.
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <set>

#include "rego/builtins/go_template_internal.h"

namespace tf::rego::builtins::go_template {
namespace {

const std::set<std::string_view>& KnownFunctions() {
  static const std::set<std::string_view> names = {
      "and", "or", "not", "len", "index", "slice", "print", "printf", "println",
      "eq",  "ne", "lt",  "le",  "gt",    "ge",    "html",  "js",     "urlquery"};
  return names;
}

Status ParseError(int line, std::string_view message) {
  return Status(ErrorCode::kEvalBuiltinError,
                "template: template:" + std::to_string(line) + ": " + std::string(message));
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// One `{{…}}` or the text between them.
struct Item {
  bool is_action = false;
  std::string text;  // text, or the action's content without delimiters and trim markers
  int line = 1;
};

int CountLines(std::string_view s) {
  int n = 0;
  for (char c : s)
    n += c == '\n';
  return n;
}

// Finds the `}}` closing an action whose content starts at `from`, skipping quoted strings.
size_t FindClose(std::string_view text, size_t from) {
  for (size_t i = from; i + 1 < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      for (++i; i < text.size() && text[i] != c; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '`') {
      i = text.find('`', i + 1);
      if (i == std::string_view::npos) return i;
    } else if (c == '}' && text[i + 1] == '}') {
      return i;
    }
  }
  return std::string_view::npos;
}

Result<std::vector<Item>> Split(std::string_view text) {
  std::vector<Item> items;
  size_t pos = 0;
  int line = 1;
  bool trim_next_text = false;
  while (pos <= text.size()) {
    const size_t open = text.find("{{", pos);
    std::string_view segment =
        text.substr(pos, open == std::string_view::npos ? text.npos : open - pos);
    const int segment_line = line;
    line += CountLines(segment);
    const bool trim_left = open != std::string_view::npos && open + 3 < text.size() &&
                           text[open + 2] == '-' && IsSpace(text[open + 3]);
    if (trim_next_text) {
      while (!segment.empty() && IsSpace(segment.front()))
        segment.remove_prefix(1);
    }
    if (trim_left) {
      while (!segment.empty() && IsSpace(segment.back()))
        segment.remove_suffix(1);
    }
    if (!segment.empty()) items.push_back({false, std::string(segment), segment_line});
    if (open == std::string_view::npos) break;

    size_t start = open + (trim_left ? 3 : 2);
    const size_t close = FindClose(text, start);
    if (close == std::string_view::npos) return ParseError(line, "unclosed action");
    size_t end = close;
    const bool trim_right = end >= start + 2 && text[end - 1] == '-' && IsSpace(text[end - 2]);
    if (trim_right) end -= 1;
    std::string_view content = text.substr(start, end - start);
    const int action_line = line;
    line += CountLines(text.substr(open, close + 2 - open));
    std::string_view trimmed = content;
    while (!trimmed.empty() && IsSpace(trimmed.front()))
      trimmed.remove_prefix(1);
    if (trimmed.starts_with("/*")) {
      while (!trimmed.empty() && IsSpace(trimmed.back()))
        trimmed.remove_suffix(1);
      if (!trimmed.ends_with("*/") || trimmed.size() < 4)
        return ParseError(action_line, "unclosed comment");
    } else {
      items.push_back({true, std::string(content), action_line});
    }
    pos = close + 2;
    trim_next_text = trim_right;
  }
  return items;
}

enum class Tok {
  kDot,
  kField,
  kVariable,
  kIdent,
  kString,
  kInt,
  kFloat,
  kLParen,
  kRParen,
  kPipe,
  kDeclare,
  kAssign,
  kComma,
  kEnd
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;  // field/variable/ident name, decoded string
  bool space_before = false;
  int64_t int_value = 0;
  double float_value = 0;
};

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Decodes a Go interpreted string or character literal body (escapes \n \t \\ \" \' \xNN
// \uNNNN \NNN); false on a malformed escape.
bool DecodeEscapes(std::string_view body, std::string& out) {
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\') {
      out += body[i];
      continue;
    }
    if (++i >= body.size()) return false;
    const char e = body[i];
    auto hex = [&](size_t digits) -> std::optional<uint32_t> {
      if (i + digits >= body.size()) return std::nullopt;
      uint32_t v = 0;
      auto r = std::from_chars(body.data() + i + 1, body.data() + i + 1 + digits, v, 16);
      if (r.ec != std::errc() || r.ptr != body.data() + i + 1 + digits) return std::nullopt;
      i += digits;
      return v;
    };
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
        out += '\\';
        break;
      case '"':
        out += '"';
        break;
      case '\'':
        out += '\'';
        break;
      case 'x': {
        std::optional<uint32_t> v = hex(2);
        if (!v) return false;
        out += static_cast<char>(*v);
        break;
      }
      case 'u':
      case 'U': {
        const size_t digits = e == 'u' ? 4 : 8;
        std::optional<uint32_t> cp = hex(digits);
        if (!cp || *cp > 0x10FFFF) return false;
        if (*cp < 0x80) {
          out += static_cast<char>(*cp);
        } else if (*cp < 0x800) {
          out += static_cast<char>(0xC0 | (*cp >> 6));
          out += static_cast<char>(0x80 | (*cp & 0x3F));
        } else if (*cp < 0x10000) {
          out += static_cast<char>(0xE0 | (*cp >> 12));
          out += static_cast<char>(0x80 | ((*cp >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (*cp & 0x3F));
        } else {
          out += static_cast<char>(0xF0 | (*cp >> 18));
          out += static_cast<char>(0x80 | ((*cp >> 12) & 0x3F));
          out += static_cast<char>(0x80 | ((*cp >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (*cp & 0x3F));
        }
        break;
      }
      default:
        if (e < '0' || e > '7' || i + 2 >= body.size()) return false;
        out += static_cast<char>((e - '0') * 64 + (body[i + 1] - '0') * 8 + (body[i + 2] - '0'));
        i += 2;
    }
  }
  return true;
}

Result<std::vector<Token>> Lex(std::string_view s, int line) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    bool space = false;
    while (i < s.size() && IsSpace(s[i])) {
      ++i;
      space = true;
    }
    Token t;
    t.space_before = space;
    if (i >= s.size()) {
      tokens.push_back(t);
      return tokens;
    }
    const char c = s[i];
    const bool next_is_digit =
        i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]));
    const bool next_is_ident = i + 1 < s.size() && IsIdentChar(s[i + 1]);
    if (c == '.' && !next_is_ident) {
      t.kind = Tok::kDot;
      ++i;
      tokens.push_back(t);
      continue;
    }
    if ((c == '.' && !next_is_digit) || c == '$') {
      size_t j = i + 1;
      while (j < s.size() && IsIdentChar(s[j]))
        ++j;
      t.kind = c == '.' ? Tok::kField : Tok::kVariable;
      t.text = std::string(s.substr(i + 1, j - i - 1));
      i = j;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t j = i;
      while (j < s.size() && IsIdentChar(s[j]))
        ++j;
      t.kind = Tok::kIdent;
      t.text = std::string(s.substr(i, j - i));
      i = j;
    } else if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != c) {
        if (s[j] == '\\') ++j;
        ++j;
      }
      if (j >= s.size()) return ParseError(line, "unterminated quoted string");
      std::string decoded;
      if (!DecodeEscapes(s.substr(i + 1, j - i - 1), decoded))
        return ParseError(line, "invalid syntax in quoted string");
      if (c == '\'') {
        // A character constant is an integer: its code point.
        if (decoded.empty()) return ParseError(line, "empty character constant");
        const auto lead = static_cast<unsigned char>(decoded[0]);
        int64_t cp = lead;
        if (lead >= 0x80) {
          const int len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
          cp = lead & (0x3F >> (len - 1));
          for (int k = 1; k < len && k < static_cast<int>(decoded.size()); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(decoded[k]) & 0x3F);
        }
        t.kind = Tok::kInt;
        t.int_value = cp;
      } else {
        t.kind = Tok::kString;
        t.text = std::move(decoded);
      }
      i = j + 1;
    } else if (c == '`') {
      const size_t j = s.find('`', i + 1);
      if (j == std::string_view::npos) return ParseError(line, "unterminated raw quoted string");
      t.kind = Tok::kString;
      t.text = std::string(s.substr(i + 1, j - i - 1));
      i = j + 1;
    } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '.' ||
               ((c == '-' || c == '+') && i + 1 < s.size() &&
                (std::isdigit(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '.'))) {
      size_t j = i + 1;
      while (j < s.size() &&
             (IsIdentChar(s[j]) || s[j] == '.' ||
              ((s[j] == '-' || s[j] == '+') && (s[j - 1] == 'e' || s[j - 1] == 'E'))))
        ++j;
      std::string number(s.substr(i, j - i));
      std::erase(number, '_');
      const bool is_float = number.find_first_of(".eE") != std::string::npos &&
                            number.find("0x") == std::string::npos &&
                            number.find("0X") == std::string::npos;
      char* end = nullptr;
      errno = 0;
      if (is_float) {
        t.kind = Tok::kFloat;
        t.float_value = std::strtod(number.c_str(), &end);
      } else {
        t.kind = Tok::kInt;
        const bool octal_prefix = number.find("0o") != std::string::npos;
        if (octal_prefix) number.erase(number.find("0o"), 2).insert(number[0] == '-' ? 1 : 0, "0");
        const bool binary = number.find("0b") != std::string::npos;
        if (binary) {
          const bool neg = number[0] == '-';
          t.int_value = std::strtoll(number.c_str() + number.find("0b") + 2, &end, 2);
          if (neg) t.int_value = -t.int_value;
        } else {
          t.int_value = std::strtoll(number.c_str(), &end, 0);
        }
      }
      if (end == nullptr || *end != '\0' || errno == ERANGE)
        return ParseError(line, "bad number syntax: \"" + std::string(s.substr(i, j - i)) + "\"");
      i = j;
    } else if (c == ':' && i + 1 < s.size() && s[i + 1] == '=') {
      t.kind = Tok::kDeclare;
      i += 2;
    } else if (c == '=') {
      t.kind = Tok::kAssign;
      ++i;
    } else if (c == '(' || c == ')' || c == '|' || c == ',') {
      t.kind = c == '('   ? Tok::kLParen
               : c == ')' ? Tok::kRParen
               : c == '|' ? Tok::kPipe
                          : Tok::kComma;
      ++i;
    } else {
      return ParseError(line, std::string("unexpected \"") + c + "\" in command");
    }
    tokens.push_back(std::move(t));
  }
}

// Parses the tokens of one action.
class ActionParser {
 public:
  ActionParser(std::vector<Token> tokens, int line, std::string text)
      : tokens_(std::move(tokens)), line_(line), text_(std::move(text)) {}

  const Token& Peek() const { return tokens_[pos_]; }
  bool AtEnd() const { return Peek().kind == Tok::kEnd; }
  void Skip() { ++pos_; }

  // `context` names the construct for "missing value for if".
  Result<Pipeline> ParsePipeline(std::string_view context, bool allow_decl, int max_decls) {
    Pipeline p;
    p.line = line_;
    p.text = text_;
    if (allow_decl) TF_RETURN_IF_ERROR(ParseDecls(p, max_decls));
    while (true) {
      Command cmd;
      while (!AtEnd() && Peek().kind != Tok::kPipe && Peek().kind != Tok::kRParen) {
        TF_ASSIGN_OR_RETURN(Operand op, ParseOperand());
        cmd.operands.push_back(std::move(op));
      }
      if (cmd.operands.empty()) {
        if (p.commands.empty() && Peek().kind != Tok::kPipe)
          return ParseError(line_, "missing value for " + std::string(context));
        return ParseError(line_, "missing value for command");
      }
      p.commands.push_back(std::move(cmd));
      if (Peek().kind != Tok::kPipe) break;
      Skip();
    }
    return p;
  }

  Status ExpectEnd(std::string_view context) {
    if (AtEnd()) return Status::Ok();
    return ParseError(line_, "unexpected token in " + std::string(context));
  }

 private:
  Status ParseDecls(Pipeline& p, int max_decls) {
    size_t look = pos_;
    std::vector<std::string> names;
    while (tokens_[look].kind == Tok::kVariable) {
      names.push_back(tokens_[look].text);
      ++look;
      if (tokens_[look].kind == Tok::kComma && static_cast<int>(names.size()) < max_decls) {
        ++look;
        continue;
      }
      break;
    }
    const Tok op = tokens_[look].kind;
    if (names.empty() || (op != Tok::kDeclare && op != Tok::kAssign)) return Status::Ok();
    if (static_cast<int>(names.size()) > max_decls)
      return ParseError(line_, "too many declarations");
    p.decls = std::move(names);
    p.is_assign = op == Tok::kAssign;
    pos_ = look + 1;
    return Status::Ok();
  }

  Result<Operand> ParseOperand() {
    Token t = Peek();
    Skip();
    Operand op;
    switch (t.kind) {
      case Tok::kDot:
        op.kind = Operand::Kind::kDot;
        return op;
      case Tok::kField:
        op.kind = Operand::Kind::kDot;
        op.fields.push_back(t.text);
        break;
      case Tok::kVariable:
        op.kind = Operand::Kind::kVariable;
        op.name = t.text;
        break;
      case Tok::kLParen: {
        TF_ASSIGN_OR_RETURN(Pipeline inner, ParsePipeline("parenthesized pipeline", true, 1));
        if (Peek().kind != Tok::kRParen) return ParseError(line_, "unclosed left paren");
        Skip();
        op.kind = Operand::Kind::kPipeline;
        op.pipeline = std::make_shared<const Pipeline>(std::move(inner));
        break;
      }
      case Tok::kIdent:
        if (t.text == "true" || t.text == "false") {
          op.kind = Operand::Kind::kBool;
          op.bool_value = t.text == "true";
          return op;
        }
        if (t.text == "nil") {
          op.kind = Operand::Kind::kNil;
          return op;
        }
        if (!KnownFunctions().contains(t.text))
          return ParseError(line_, "function \"" + t.text + "\" not defined");
        op.kind = Operand::Kind::kFunction;
        op.name = t.text;
        return op;
      case Tok::kString:
        op.kind = Operand::Kind::kString;
        op.name = t.text;
        return op;
      case Tok::kInt:
        op.kind = Operand::Kind::kInt;
        op.int_value = t.int_value;
        return op;
      case Tok::kFloat:
        op.kind = Operand::Kind::kFloat;
        op.float_value = t.float_value;
        return op;
      default:
        return ParseError(line_, "unexpected token in operand");
    }
    // Field chains attach without spaces: `.a.b`, `$x.a`, `(p).a`.
    while (Peek().kind == Tok::kField && !Peek().space_before) {
      op.fields.push_back(Peek().text);
      Skip();
    }
    return op;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int line_;
  std::string text_;
};

class TreeParser {
 public:
  explicit TreeParser(std::vector<Item> items) : items_(std::move(items)) {}

  Result<NodeList> ParseAll() {
    NodeList nodes;
    TF_ASSIGN_OR_RETURN(Terminator end, ParseList(nodes));
    if (end.kind != Terminator::kEof)
      return ParseError(end.line, std::string("unexpected {{") +
                                      (end.kind == Terminator::kEnd ? "end" : "else") + "}}");
    return nodes;
  }

 private:
  struct Terminator {
    enum Kind { kEof, kEnd, kElse } kind = kEof;
    int line = 1;
    std::unique_ptr<ActionParser> rest;  // for else: what follows the keyword
  };

  Result<Terminator> ParseList(NodeList& out) {
    while (next_ < items_.size()) {
      const Item& item = items_[next_++];
      if (!item.is_action) {
        out.push_back({.kind = Node::Kind::kText, .text = item.text});
        continue;
      }
      TF_ASSIGN_OR_RETURN(std::vector<Token> tokens, Lex(item.text, item.line));
      auto parser = std::make_unique<ActionParser>(std::move(tokens), item.line, item.text);
      const Token& first = parser->Peek();
      const std::string keyword = first.kind == Tok::kIdent ? first.text : "";
      if (keyword == "end" || keyword == "else") {
        parser->Skip();
        Terminator t{keyword == "end" ? Terminator::kEnd : Terminator::kElse, item.line,
                     std::move(parser)};
        if (t.kind == Terminator::kEnd) TF_RETURN_IF_ERROR(t.rest->ExpectEnd("end"));
        return t;
      }
      if (keyword == "if" || keyword == "range" || keyword == "with") {
        parser->Skip();
        TF_ASSIGN_OR_RETURN(Node node, ParseControl(keyword, *parser, item.line));
        out.push_back(std::move(node));
      } else if (keyword == "break" || keyword == "continue") {
        parser->Skip();
        TF_RETURN_IF_ERROR(parser->ExpectEnd(keyword));
        if (range_depth_ == 0)
          return ParseError(item.line, "{{" + keyword + "}} outside {{range}}");
        out.push_back({.kind = keyword == "break" ? Node::Kind::kBreak : Node::Kind::kContinue});
      } else if (keyword == "define" || keyword == "template" || keyword == "block") {
        return ParseError(item.line, "{{" + keyword + "}} is not supported by render_template");
      } else {
        TF_ASSIGN_OR_RETURN(Pipeline p, parser->ParsePipeline("command", true, 1));
        TF_RETURN_IF_ERROR(parser->ExpectEnd("command"));
        out.push_back({.kind = Node::Kind::kAction, .pipeline = std::move(p)});
      }
    }
    return Terminator{};
  }

  // After the keyword of {{if …}}, {{range …}} or {{with …}} (or of an `else if`).
  Result<Node> ParseControl(const std::string& keyword, ActionParser& parser, int line) {
    Node node;
    node.kind = keyword == "if"      ? Node::Kind::kIf
                : keyword == "range" ? Node::Kind::kRange
                                     : Node::Kind::kWith;
    TF_ASSIGN_OR_RETURN(node.pipeline,
                        parser.ParsePipeline(keyword, true, keyword == "range" ? 2 : 1));
    TF_RETURN_IF_ERROR(parser.ExpectEnd(keyword));
    if (node.kind == Node::Kind::kRange) ++range_depth_;
    Result<Terminator> body_end = ParseList(node.body);
    if (node.kind == Node::Kind::kRange) --range_depth_;
    if (!body_end.ok()) return body_end.status();
    if (body_end->kind == Terminator::kEof) return ParseError(line, "unexpected EOF");
    if (body_end->kind == Terminator::kEnd) return node;

    ActionParser& rest = *body_end->rest;
    if (node.kind != Node::Kind::kRange && rest.Peek().kind == Tok::kIdent &&
        rest.Peek().text == keyword) {
      // `{{else if x}}` is `{{else}}{{if x}}…{{end}}` sharing the final {{end}}.
      rest.Skip();
      TF_ASSIGN_OR_RETURN(Node chained, ParseControl(keyword, rest, body_end->line));
      node.else_body.push_back(std::move(chained));
      return node;
    }
    TF_RETURN_IF_ERROR(rest.ExpectEnd("else"));
    TF_ASSIGN_OR_RETURN(Terminator else_end, ParseList(node.else_body));
    if (else_end.kind != Terminator::kEnd)
      return ParseError(else_end.line, else_end.kind == Terminator::kEof
                                           ? "unexpected EOF"
                                           : "expected end; found {{else}}");
    return node;
  }

  std::vector<Item> items_;
  size_t next_ = 0;
  int range_depth_ = 0;
};

}  // namespace

Result<NodeList> Parse(std::string_view text) {
  TF_ASSIGN_OR_RETURN(std::vector<Item> items, Split(text));
  return TreeParser(std::move(items)).ParseAll();
}

}  // namespace tf::rego::builtins::go_template
