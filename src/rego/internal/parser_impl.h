// File: rego/internal/parser_impl.h
//
// The recursive-descent parser behind rego/parser.h. The source is tokenised up front so that
// the parser can back off (set vs comprehension, `k, v in xs`) by restoring a token index.
// Operator precedence follows OPA: `in` < relations < `|` < `&` < `+ -` < `* / %`.
#ifndef TF_REGO_INTERNAL_PARSER_IMPL_H_
#define TF_REGO_INTERNAL_PARSER_IMPL_H_

#include <optional>
#include <string>
#include <vector>

#include "rego/ast.h"
#include "rego/lexer.h"

namespace tf::rego::internal {

class ParserImpl {
 public:
  ParserImpl(const Source& source, uint32_t begin = 0, uint32_t end = UINT32_MAX);

  std::optional<Module> ParseModule();
  std::optional<Body> ParseQuery();
  std::optional<Term> ParseSingleTerm();
  // Template-string expressions: a single literal spanning the whole range.
  std::optional<Term> ParseTemplateExpression();

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  // Tokens.
  const Token& Cur() const { return tokens_[pos_]; }
  const Token& PeekTok(size_t k = 1) const;
  void Advance() {
    if (pos_ + 1 < tokens_.size()) ++pos_;
  }
  bool At(Tok kind) const { return Cur().kind == kind; }
  bool AtWord(std::string_view word) const { return At(Tok::kIdent) && Cur().text == word; }
  // A keyword acting as a keyword: not the head of a ref such as `if.foo` or `in.bar`.
  bool AtKeyword(std::string_view word) const {
    return AtWord(word) && !(PeekTok().kind == Tok::kDot && !PeekTok().space_before);
  }
  // A token that continues the current term: `.`, `[` or `(` with no space before it.
  bool AtAdjacent(Tok kind) const { return At(kind) && !Cur().space_before; }
  bool Expect(Tok kind, std::string_view what);
  void Error(const Location& loc, std::string message);
  void Unexpected(std::string_view expected);
  bool failed() const { return !diagnostics_.empty(); }

  // Modules and rules (parser.cc).
  bool ParsePackage(Module& m);
  bool ParseImport(Module& m);
  bool ParseRule(Module& m);
  bool ParseRuleHeadRef(RuleHead& head);
  bool ParseRuleBody(Body& body, bool allow_single_literal);
  bool ParseElse(Rule& rule);
  bool ClassifyRule(Rule& rule);

  // Bodies, expressions and terms (parser_term.cc).
  std::optional<Body> ParseBody(Tok end);
  std::optional<Expr> ParseLiteral();
  std::optional<Expr> ParseSome();
  std::optional<Expr> ParseEvery();
  bool ParseWith(Expr& expr);
  std::optional<Term> ParseExprTerm();
  // An expression's parse functions take an optional `head`: its first term, already parsed
  // by a caller that had to look past it (`[x | ...]` against `[x + 1, ...]`). Parsing the
  // term again instead would cost twice per level of nesting, 2^depth in all.
  std::optional<Term> ParseTermIn(bool allow_key_value, std::optional<Term> head = std::nullopt);
  std::optional<Term> ParseRelation(std::optional<Term> head = std::nullopt);
  std::optional<Term> ParseOr(std::optional<Term> head = std::nullopt);
  std::optional<Term> ParseAnd(std::optional<Term> head = std::nullopt);
  std::optional<Term> ParseArith(std::optional<Term> head = std::nullopt);
  std::optional<Term> ParseFactor(std::optional<Term> head = std::nullopt);
  std::optional<Term> ParseTerm();
  std::optional<Term> ParseTermFinish(Term head);
  std::optional<Term> ParseNumber(bool negative, const Location& loc);
  std::optional<Term> ParseArray();
  std::optional<Term> ParseSetOrObject();
  std::optional<Term> ParseObjectRest(Term key, const Location& loc, bool maybe_comprehension);
  std::optional<Term> ParseTemplate();
  bool ParseTermList(Tok end, std::vector<Term>& out, std::optional<Term> head = std::nullopt);
  Term Wildcard(const Location& loc);

  const Source& source_;
  std::vector<Token> tokens_;
  std::vector<Comment> comments_;
  size_t pos_ = 0;
  std::vector<Diagnostic> diagnostics_;
  int wildcard_count_ = 0;
  int depth_ = 0;  // recursion guard against pathological nesting
};

// Limits nesting so hostile input cannot overflow the stack.
inline constexpr int kMaxParseDepth = 400;

}  // namespace tf::rego::internal

#endif  // TF_REGO_INTERNAL_PARSER_IMPL_H_
