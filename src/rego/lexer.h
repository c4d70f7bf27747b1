// File: rego/lexer.h
//
// Splits Rego source into tokens. Keywords are returned as identifiers: Rego allows most of
// them as names in refs and rule heads (`foo.as`, `as.foo := 1`), so the parser decides by
// context. Each token records whether whitespace, and whether a newline, preceded it: a ref
// continues only when `.`/`[`/`(` follows with no space, and a newline ends an expression.
#ifndef TF_REGO_LEXER_H_
#define TF_REGO_LEXER_H_

#include <string>
#include <string_view>
#include <vector>

#include "rego/source.h"

namespace tf::rego {

enum class Tok : uint8_t {
  kEof,
  kIdent,
  kNumber,
  kString,     // "..." with escapes already decoded into `text`
  kRawString,  // `...`
  kTemplate,   // $"..." or $`...`: decoded into `template_parts`
  kLBrace,
  kRBrace,
  kLBrack,
  kRBrack,
  kLParen,
  kRParen,
  kDot,
  kComma,
  kSemicolon,
  kColon,
  kAssign,  // :=
  kUnify,   // =
  kEq,      // ==
  kNeq,     // !=
  kLt,
  kLte,
  kGt,
  kGte,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kAmp,
  kBar,
  kIllegal,
};

// How the parser names a token kind in messages ("unexpected } token").
std::string_view TokName(Tok t);

// One piece of a template string: literal text, or the source of an embedded expression.
struct TemplatePart {
  bool is_expr = false;
  std::string text;     // decoded literal, or expression source
  uint32_t offset = 0;  // offset of the expression source in the file
};

struct Token {
  Tok kind = Tok::kEof;
  std::string text;  // identifier, number literal, or decoded string
  Location loc;
  bool space_before = false;
  bool newline_before = false;
  std::vector<TemplatePart> template_parts;
};

// A `#` comment: its text after the `#`, and where it starts.
struct Comment {
  std::string text;
  Location loc;
};

class Lexer {
 public:
  // `begin`/`end` select a sub-range of the source (for template-string expressions).
  explicit Lexer(const Source& source, uint32_t begin = 0, uint32_t end = UINT32_MAX);
  Token Next();
  // The first lexical error, if any (reported by the parser with the token's location).
  const std::string& error() const { return error_; }
  // Comments seen so far, in order (METADATA annotations live in them).
  std::vector<Comment>& comments() { return comments_; }

 private:
  void SkipSpaceAndComments(Token& tok);
  Location Here() const;
  Token LexNumber(Token tok);
  Token LexString(Token tok);
  Token LexRawString(Token tok);
  Token LexTemplate(Token tok);
  bool DecodeEscape(std::string& out);
  Token Illegal(Token tok, std::string message);

  const Source& source_;
  std::string_view text_;
  uint32_t pos_;
  uint32_t line_ = 1;
  uint32_t line_start_ = 0;
  std::string error_;
  std::vector<Comment> comments_;
};

// True for the words that cannot start a term or name a variable in an expression.
bool IsReservedWord(std::string_view word);

}  // namespace tf::rego

#endif  // TF_REGO_LEXER_H_
