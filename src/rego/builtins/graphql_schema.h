// File: rego/builtins/graphql_schema.h
//
// A validated GraphQL schema built from a SchemaDocument `Value` (graphql_parser.h) merged with
// the built-in prelude (spec §3.5 scalars, §3.13 directives, §4.5 introspection types), with the
// rules of gqlparser's ValidateSchemaDocument, and validation of executable documents against it
// (spec §5, graphql_validate.cc).
#ifndef TF_REGO_BUILTINS_GRAPHQL_SCHEMA_H_
#define TF_REGO_BUILTINS_GRAPHQL_SCHEMA_H_

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"
#include "rego/builtins/graphql_lexer.h"

namespace tf::rego::builtins {

// Field access on AST nodes that tolerates missing, null or mistyped members (ASTs may come from
// policy data as well as from the parser).
std::string_view GqlStr(const Value& node, std::string_view key);
bool GqlBool(const Value& node, std::string_view key);
std::span<const Value> GqlList(const Value& node, std::string_view key);
const Value* GqlMember(const Value& node, std::string_view key);
// The node's position, or 0:0.
GqlError GqlErrorAt(const Value& node, std::string message);

// Type references ({"NamedType", "Elem", "NonNull"}).
std::string GqlTypeName(const Value& type);    // innermost named type
std::string GqlTypeString(const Value& type);  // "[Int!]!"

struct GqlTypeDef {
  std::string kind;  // "OBJECT", "INTERFACE", ...
  std::string name;
  std::vector<Value> fields;       // FieldDefinition nodes
  std::vector<Value> enum_values;  // EnumValueDefinition nodes
  std::vector<Value> directives;
  std::vector<std::string> interfaces;
  std::vector<std::string> types;  // union members
  bool builtin = false;
  Value position;

  const Value* Field(std::string_view name) const;
  bool IsComposite() const { return kind == "OBJECT" || kind == "INTERFACE" || kind == "UNION"; }
  bool IsLeaf() const { return kind == "SCALAR" || kind == "ENUM"; }
  bool IsInput() const { return kind == "SCALAR" || kind == "ENUM" || kind == "INPUT_OBJECT"; }
};

class GqlSchema {
 public:
  // Merges the prelude with `document` and validates the result.
  static std::optional<GqlError> Build(const Value& document, GqlSchema* out);

  const GqlTypeDef* Type(std::string_view name) const;
  const Value* Directive(std::string_view name) const;
  const GqlTypeDef* Root(std::string_view operation) const;
  // Object types that an interface or union (or the object itself) may be at runtime.
  std::vector<const GqlTypeDef*> PossibleTypes(const GqlTypeDef& type) const;

 private:
  std::optional<GqlError> Load(const Value& document);
  std::optional<GqlError> ValidateDefinition(const GqlTypeDef& def) const;
  std::optional<GqlError> ValidateImplements(const GqlTypeDef& def, const std::string& name) const;
  std::optional<GqlError> ValidateArgs(std::span<const Value> args, const Value* directive) const;
  std::optional<GqlError> ValidateDirectives(std::span<const Value> dirs, std::string_view location,
                                             const Value* directive) const;
  bool IsCovariant(const Value& required, const Value& actual) const;

  std::map<std::string, GqlTypeDef, std::less<>> types_;
  std::map<std::string, Value, std::less<>> directives_;
  std::map<std::string, std::string, std::less<>> roots_;  // operation -> type name
};

// ValuesOfCorrectType (spec §5.6.1) for a literal (not a variable) against a type reference.
std::optional<GqlError> CheckGqlValue(const GqlSchema& schema, const Value& value,
                                      const Value& type);

// Validates an executable document (QueryDocument node) against the schema; the first error
// in document order, as gqlparser's validator reports it.
std::optional<GqlError> ValidateGqlQuery(const GqlSchema& schema, const Value& document);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_GRAPHQL_SCHEMA_H_
