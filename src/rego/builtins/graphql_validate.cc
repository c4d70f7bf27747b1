// Validation of executable documents against a schema (GraphQL spec §5, with the rules and
// messages of gqlparser's validator). The document is walked as gqlparser walks it (operations,
// then fragments; children before a field's own checks) and the first error is reported.
// OverlappingFieldsCanBeMerged (§5.3.2) is not checked.
#include "rego/builtins/graphql_validator.h"

namespace tf::rego::builtins {
namespace graphql_internal {

std::optional<GqlError> QueryValidator::Run() {
  for (const Value& f : GqlList(doc_, "Fragments"))
    fragments_.emplace(std::string(GqlStr(f, "Name")), &f);
  CheckDocumentShape();
  for (const Value& op : GqlList(doc_, "Operations"))
    Operation(op);
  for (const Value& f : GqlList(doc_, "Fragments"))
    FragmentDefinition(f);
  return error_;
}

// LoneAnonymousOperation, UniqueOperationNames, UniqueFragmentNames (spec §5.2.1, §5.2.2.1,
// §5.5.1.1).
void QueryValidator::CheckDocumentShape() {
  std::span<const Value> ops = GqlList(doc_, "Operations");
  std::set<std::string_view> names;
  for (const Value& op : ops) {
    const std::string_view name = GqlStr(op, "Name");
    if (name.empty() && ops.size() > 1)
      Report(op, "This anonymous operation must be the only defined operation.");
    if (!name.empty() && !names.insert(name).second) {
      Report(op, "There can be only one operation named \"" + std::string(name) + "\".");
    }
  }
  std::set<std::string_view> fragment_names;
  for (const Value& f : GqlList(doc_, "Fragments")) {
    if (!fragment_names.insert(GqlStr(f, "Name")).second) {
      Report(f, "There can be only one fragment named \"" + std::string(GqlStr(f, "Name")) + "\".");
    }
  }
}

void QueryValidator::Operation(const Value& op) {
  operation_ = &op;
  variables_.clear();
  used_variables_.clear();
  walked_fragments_.clear();
  const std::string kind(GqlStr(op, "Operation").empty() ? "query" : GqlStr(op, "Operation"));
  for (const Value& var : GqlList(op, "VariableDefinitions"))
    VariableDefinition(var);
  static const std::map<std::string, std::string> kLocations = {
      {"query", "QUERY"}, {"mutation", "MUTATION"}, {"subscription", "SUBSCRIPTION"}};
  auto loc = kLocations.find(kind);
  Directives(GqlList(op, "Directives"), loc == kLocations.end() ? "QUERY" : loc->second);
  const GqlTypeDef* root = schema_.Root(kind);
  SelectionSet(root, GqlList(op, "SelectionSet"));
  const std::string name(GqlStr(op, "Name"));
  for (const auto& [var, def] : variables_) {
    if (used_variables_.count(var) == 0) {
      Report(*def, "Variable \"$" + var + "\" is never used" +
                       (name.empty() ? "" : " in operation \"" + name + "\"") + ".");
    }
  }
  if (root == nullptr) Report(op, "Schema does not support operation type \"" + kind + "\"");
  if (kind == "subscription" && GqlList(op, "SelectionSet").size() != 1) {
    Report(op, name.empty()
                   ? "Anonymous Subscription must select only one top level field."
                   : "Subscription \"" + name + "\" must select only one top level field.");
  }
  operation_ = nullptr;
}

void QueryValidator::VariableDefinition(const Value& var) {
  const std::string name(GqlStr(var, "Variable"));
  if (!variables_.emplace(name, &var).second)
    Report(var, "There can be only one variable named \"$" + name + "\".");
  const Value* type = GqlMember(var, "Type");
  if (type == nullptr) return;
  const GqlTypeDef* def = schema_.Type(GqlTypeName(*type));
  if (def == nullptr) {
    Report(*type, "Unknown type \"" + GqlTypeName(*type) + "\".");
  } else if (!def->IsInput()) {
    Report(var,
           "Variable \"$" + name + "\" cannot be non-input type \"" + GqlTypeString(*type) + "\".");
  }
  if (const Value* dv = GqlMember(var, "DefaultValue"); dv != nullptr && dv->is_object()) {
    if (std::optional<GqlError> e = CheckGqlValue(schema_, *dv, *type)) Report(*dv, e->message);
  }
  Directives(GqlList(var, "Directives"), "VARIABLE_DEFINITION");
}

void QueryValidator::FragmentDefinition(const Value& f) {
  const std::string name(GqlStr(f, "Name"));
  const GqlTypeDef* type = TypeCondition(f, GqlStr(f, "TypeCondition"), name);
  Directives(GqlList(f, "Directives"), "FRAGMENT_DEFINITION");
  SelectionSet(type, GqlList(f, "SelectionSet"));
  if (spread_fragments_.count(name) == 0) Report(f, "Fragment \"" + name + "\" is never used.");
  std::set<std::string> path, done;
  CheckCycles(name, path, done, f);
}

// NoFragmentCycles (spec §5.5.2.2).
void QueryValidator::CheckCycles(const std::string& name, std::set<std::string>& path,
                                 std::set<std::string>& done, const Value& origin) {
  if (done.count(name) != 0) return;  // explored before: no cycle through it
  if (!path.insert(name).second) {
    Report(origin, "Cannot spread fragment \"" + name + "\" within itself.");
    return;
  }
  if (auto it = fragments_.find(name); it != fragments_.end()) {
    std::vector<std::string> spreads;
    CollectSpreads(GqlList(*it->second, "SelectionSet"), spreads);
    for (const std::string& s : spreads)
      CheckCycles(s, path, done, origin);
  }
  path.erase(name);
  done.insert(name);
}

void QueryValidator::CollectSpreads(std::span<const Value> selections,
                                    std::vector<std::string>& out) {
  for (const Value& s : selections) {
    if (IsFragmentSpread(s)) out.emplace_back(GqlStr(s, "Name"));
    CollectSpreads(GqlList(s, "SelectionSet"), out);
  }
}

const GqlTypeDef* QueryValidator::TypeCondition(const Value& node, std::string_view type_name,
                                                const std::string& fragment) {
  if (type_name.empty()) return nullptr;
  const GqlTypeDef* type = schema_.Type(type_name);
  if (type == nullptr) {
    Report(node, "Unknown type \"" + std::string(type_name) + "\".");
  } else if (!type->IsComposite()) {
    Report(node, (fragment.empty() ? std::string("Fragment") : "Fragment \"" + fragment + "\"") +
                     " cannot condition on non composite type \"" + std::string(type_name) + "\".");
  }
  return type;
}

void QueryValidator::SelectionSet(const GqlTypeDef* parent, std::span<const Value> selections) {
  for (const Value& s : selections) {
    if (error_) return;
    if (IsField(s))
      Field(parent, s);
    else if (IsFragmentSpread(s))
      FragmentSpread(parent, s);
    else
      InlineFragment(parent, s);
  }
}

}  // namespace graphql_internal

std::optional<GqlError> ValidateGqlQuery(const GqlSchema& schema, const Value& document) {
  return graphql_internal::QueryValidator(schema, document).Run();
}

}  // namespace tf::rego::builtins
