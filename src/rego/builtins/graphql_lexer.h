// File: rego/builtins/graphql_lexer.h
//
// The GraphQL lexer (GraphQL spec, October 2021, §2.1) with the token kinds, positions (1-based
// line and rune column) and error texts of the gqlparser library that OPA uses.
#ifndef TF_REGO_BUILTINS_GRAPHQL_LEXER_H_
#define TF_REGO_BUILTINS_GRAPHQL_LEXER_H_

#include <optional>
#include <string>
#include <string_view>

namespace tf::rego::builtins {

enum class GqlTokenKind : uint8_t {
  kInvalid,
  kEof,
  kBang,
  kDollar,
  kAmp,
  kParenL,
  kParenR,
  kSpread,
  kColon,
  kEquals,
  kAt,
  kBracketL,
  kBracketR,
  kBraceL,
  kBraceR,
  kPipe,
  kName,
  kInt,
  kFloat,
  kString,
  kBlockString,
};

// "<EOF>", "Name", "{", ...: how gqlparser names a token kind in messages.
std::string_view GqlTokenKindName(GqlTokenKind kind);

struct GqlToken {
  GqlTokenKind kind = GqlTokenKind::kEof;
  std::string value;  // names, numbers and (unescaped) strings
  int line = 1;
  int column = 1;

  // Kind, and the quoted value when there is one: `Name "foo"`.
  std::string Describe() const;
};

// A lexing error, reported at a position as gqlparser does.
struct GqlError {
  std::string message;
  int line = 0;
  int column = 0;
};

class GqlLexer {
 public:
  explicit GqlLexer(std::string_view input) : input_(input) {}

  // The next token; on a lexing error an kInvalid token and the error.
  GqlToken Next(std::optional<GqlError>* error);

 private:
  void SkipIgnored();
  GqlToken Make(GqlTokenKind kind, std::string value) const;
  GqlToken Fail(std::optional<GqlError>* error, std::string message) const;
  GqlToken ReadName();
  GqlToken ReadNumber(std::optional<GqlError>* error);
  GqlToken ReadString(std::optional<GqlError>* error);
  GqlToken ReadBlockString(std::optional<GqlError>* error);
  void Advance(size_t bytes, int runes);
  bool AcceptByte(std::string_view any);
  int AcceptDigits();
  std::string DescribeNext() const;

  std::string_view input_;
  size_t start_ = 0;  // byte offsets
  size_t end_ = 0;
  int start_runes_ = 0;
  int end_runes_ = 0;
  int line_ = 1;
  int line_start_runes_ = 0;
};

// GraphQL block string value (spec §2.9.4): common indentation and blank edge lines removed.
std::string GqlBlockStringValue(std::string_view raw);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_GRAPHQL_LEXER_H_
