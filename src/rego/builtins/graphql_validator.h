// File: rego/builtins/graphql_validator.h
//
// The walker behind ValidateGqlQuery (graphql_schema.h), shared by graphql_validate.cc
// (documents, operations, fragments) and graphql_validate_fields.cc (fields, arguments,
// directives, values).
#ifndef TF_REGO_BUILTINS_GRAPHQL_VALIDATOR_H_
#define TF_REGO_BUILTINS_GRAPHQL_VALIDATOR_H_

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>

#include "rego/builtins/graphql_schema.h"

namespace tf::rego::builtins::graphql_internal {

class QueryValidator {
 public:
  QueryValidator(const GqlSchema& schema, const Value& doc) : schema_(schema), doc_(doc) {}
  std::optional<GqlError> Run();

 private:
  void Report(const Value& node, std::string message) {
    if (!error_) error_ = GqlErrorAt(node, std::move(message));
  }
  // A selection is a field (it has an alias), an inline fragment (a type condition, maybe
  // empty) or a fragment spread (only a name).
  static bool IsField(const Value& s) { return GqlMember(s, "Alias") != nullptr; }
  static bool IsFragmentSpread(const Value& s) {
    return !IsField(s) && GqlMember(s, "TypeCondition") == nullptr &&
           GqlMember(s, "Name") != nullptr;
  }
  static void CollectSpreads(std::span<const Value> selections, std::vector<std::string>& out);

  void CheckDocumentShape();
  void Operation(const Value& op);
  void VariableDefinition(const Value& var);
  void FragmentDefinition(const Value& f);
  void CheckCycles(const std::string& name, std::set<std::string>& path,
                   std::set<std::string>& done, const Value& origin);
  const GqlTypeDef* TypeCondition(const Value& node, std::string_view type_name,
                                  const std::string& fragment);
  void SelectionSet(const GqlTypeDef* parent, std::span<const Value> selections);
  void Field(const GqlTypeDef* parent, const Value& field);
  void FragmentSpread(const GqlTypeDef* parent, const Value& spread);
  void InlineFragment(const GqlTypeDef* parent, const Value& inline_fragment);
  void PossibleSpread(const GqlTypeDef* parent, const GqlTypeDef* type, const Value& node,
                      const std::string& name);
  void Arguments(std::span<const Value> args, std::span<const Value> defs, const std::string& owner,
                 bool directive, const Value& node);
  void Directives(std::span<const Value> directives, std::string_view location);
  void ArgumentValue(const Value& value, const Value* expected);

  const GqlSchema& schema_;
  const Value& doc_;
  std::map<std::string, const Value*> fragments_;
  std::set<std::string> spread_fragments_;
  const Value* operation_ = nullptr;
  std::map<std::string, const Value*> variables_;
  std::set<std::string> used_variables_;
  std::set<std::string> walked_fragments_;
  std::optional<GqlError> error_;
};

}  // namespace tf::rego::builtins::graphql_internal

#endif  // TF_REGO_BUILTINS_GRAPHQL_VALIDATOR_H_
