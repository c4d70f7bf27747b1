// File: rego/builtins/graphql_parser.h
//
// GraphQL parsing (GraphQL spec, October 2021, §2 executable documents and §3 type system
// documents) into `Value` trees with the field names of gqlparser's Go AST, which is what OPA's
// graphql.* builtins return. Nodes carry a "Position" ({"Line", "Column"}) that the builtins prune
// from their results, as OPA does. Parse errors use gqlparser's messages and positions.
#ifndef TF_REGO_BUILTINS_GRAPHQL_PARSER_H_
#define TF_REGO_BUILTINS_GRAPHQL_PARSER_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/value.h"
#include "rego/builtins/graphql_lexer.h"

namespace tf::rego::builtins {

// A parsed document, or the first error.
struct GqlParsed {
  Value document;
  std::optional<GqlError> error;
};

// A QueryDocument: {"Operations": [...], "Fragments": [...]}.
GqlParsed ParseGqlQuery(std::string_view source);
// A SchemaDocument: {"Schema", "SchemaExtension", "Directives", "Definitions", "Extensions"};
// `builtin` marks every definition BuiltIn (the prelude).
GqlParsed ParseGqlSchema(std::string_view source, bool builtin);

// An AST node: an object from (field, value) pairs.
Value GqlNode(std::initializer_list<std::pair<std::string_view, Value>> fields);

namespace graphql_internal {

// The recursive-descent parser shared by graphql_parser.cc (executable documents, values,
// types, directives) and graphql_schema_parser.cc (type system documents). After the first
// error it stops consuming input and every production returns quickly, as gqlparser's does.
class Parser {
 public:
  explicit Parser(std::string_view input) : lexer_(input) {}

  Value QueryDocument();
  Value SchemaDocument(bool builtin);
  const std::optional<GqlError>& error() const { return error_; }

 private:
  using K = GqlTokenKind;

  // Tokens.
  const GqlToken& Peek();
  GqlToken Next();
  void Fail(const GqlToken& at, std::string message);
  void Unexpected(const GqlToken& token) { Fail(token, "Unexpected " + token.Describe()); }
  bool Skip(K kind);
  GqlToken Expect(K kind);
  void ExpectKeyword(std::string_view keyword);
  Value PeekPosition();
  template <typename F>
  void Many(K start, K end, F item);
  template <typename F>
  void Some(K start, K end, F item);

  // Executable documents.
  Value OperationDefinition();
  Value OperationType();
  Value VariableDefinitions();
  Value VariableDefinition();
  std::string Variable();
  Value SelectionSet(bool required);
  Value Selection();
  Value Field();
  Value Fragment();
  Value FragmentDefinition();
  std::string FragmentName();

  // Shared.
  Value Arguments(bool is_const);
  Value ValueLiteral(bool is_const);
  Value ListOrObject(bool is_const, bool is_list);
  Value Directives(bool is_const);
  Value TypeReference();
  std::string Name();

  // Type system documents.
  std::string Description();
  Value TypeSystemDefinition(const std::string& description);
  Value SchemaDefinition(const std::string& description, bool extension);
  Value OperationTypeDefinition();
  Value TypeDefinition(std::string_view keyword, const std::string& description, bool extension);
  Value ImplementsInterfaces();
  Value FieldsDefinition(bool input);
  Value FieldDefinition(bool input);
  Value ArgumentDefs();
  Value UnionMemberTypes();
  Value EnumValuesDefinition();
  Value DirectiveDefinition(const std::string& description);
  Value DirectiveLocation();
  void TypeSystemExtension(std::vector<Value>& schema_extensions, std::vector<Value>& extensions);

  // Nesting guard: deeply nested input fails instead of exhausting the stack.
  static constexpr int kMaxDepth = 512;
  bool Enter();
  void Leave() { --depth_; }

  GqlLexer lexer_;
  int depth_ = 0;
  std::optional<GqlToken> peeked_;
  std::optional<GqlError> peek_error_;
  GqlToken prev_;
  std::optional<GqlError> error_;
};

// `start item* end`, nothing if `start` is absent.
template <typename F>
void Parser::Many(K start, K end, F item) {
  if (!Skip(start)) return;
  while (Peek().kind != end && !error_)
    item();
  Next();
}

// `start item+ end`: an empty list is "expected at least one definition".
template <typename F>
void Parser::Some(K start, K end, F item) {
  if (!Skip(start)) return;
  bool called = false;
  while (Peek().kind != end && !error_) {
    called = true;
    item();
  }
  if (!called) {
    const GqlToken& at = Peek();
    Fail(at, "expected at least one definition, found " + std::string(GqlTokenKindName(at.kind)));
    return;
  }
  Next();
}

}  // namespace graphql_internal
}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_GRAPHQL_PARSER_H_
