// Field, fragment, argument, directive and variable-usage rules of query validation (GraphQL
// spec §5.3-5.8, gqlparser's messages).
#include "rego/builtins/graphql_parser.h"
#include "rego/builtins/graphql_validator.h"

namespace tf::rego::builtins::graphql_internal {
namespace {

const Value* FindByName(std::span<const Value> nodes, std::string_view name) {
  for (const Value& n : nodes) {
    if (GqlStr(n, "Name") == name) return &n;
  }
  return nullptr;
}

Value StringType() {
  return GqlNode({{"NamedType", Value::String("String")}, {"NonNull", Value::Bool(false)}});
}

// gqlparser's Type.IsCompatible: may a variable of type `var` be used where `loc` is expected?
bool IsCompatible(const Value& var, const Value& loc) {
  if (GqlStr(var, "NamedType") != GqlStr(loc, "NamedType")) return false;
  const Value* var_elem = GqlMember(var, "Elem");
  const Value* loc_elem = GqlMember(loc, "Elem");
  const bool var_list = var_elem != nullptr && var_elem->is_object();
  const bool loc_list = loc_elem != nullptr && loc_elem->is_object();
  if (var_list && !loc_list) return false;
  if (var_list && !IsCompatible(*var_elem, *loc_elem)) return false;
  return !GqlBool(loc, "NonNull") || GqlBool(var, "NonNull");
}

}  // namespace

void QueryValidator::Field(const GqlTypeDef* parent, const Value& field) {
  const std::string name(GqlStr(field, "Name"));
  const Value typename_def =
      GqlNode({{"Name", Value::String("__typename")}, {"Type", StringType()}});
  const Value* def = name == "__typename" ? &typename_def
                     : parent != nullptr  ? parent->Field(name)
                                          : nullptr;
  const Value* type = def != nullptr ? GqlMember(*def, "Type") : nullptr;
  const GqlTypeDef* next = type != nullptr ? schema_.Type(GqlTypeName(*type)) : nullptr;
  const std::string owner = (parent != nullptr ? parent->name + "." : "") + name;
  Arguments(GqlList(field, "Arguments"),
            def != nullptr ? GqlList(*def, "Arguments") : std::span<const Value>(),
            def != nullptr ? owner : "", false, field);
  Directives(GqlList(field, "Directives"), "FIELD");
  SelectionSet(next, GqlList(field, "SelectionSet"));
  if (parent != nullptr && def == nullptr) {
    Report(field, "Cannot query field \"" + name + "\" on type \"" + parent->name + "\".");
  }
  if (next == nullptr) return;
  const bool has_selection = !GqlList(field, "SelectionSet").empty();
  if (next->IsLeaf() && has_selection) {
    Report(field, "Field \"" + name + "\" must not have a selection since type \"" +
                      GqlTypeString(*type) + "\" has no subfields.");
  } else if (next->IsComposite() && !has_selection) {
    Report(field, "Field \"" + name + "\" of type \"" + GqlTypeString(*type) +
                      "\" must have a selection of subfields. Did you mean \"" + name +
                      " { ... }\"?");
  }
}

void QueryValidator::FragmentSpread(const GqlTypeDef* parent, const Value& spread) {
  const std::string name(GqlStr(spread, "Name"));
  if (operation_ != nullptr) spread_fragments_.insert(name);
  Directives(GqlList(spread, "Directives"), "FRAGMENT_SPREAD");
  auto it = fragments_.find(name);
  if (it == fragments_.end()) {
    Report(spread, "Unknown fragment \"" + name + "\".");
    return;
  }
  const GqlTypeDef* type = schema_.Type(GqlStr(*it->second, "TypeCondition"));
  PossibleSpread(parent, type, spread, name);
  // Within an operation, a fragment's body is walked once, for the variables it uses.
  if (operation_ != nullptr && walked_fragments_.insert(name).second) {
    SelectionSet(type, GqlList(*it->second, "SelectionSet"));
  }
}

void QueryValidator::InlineFragment(const GqlTypeDef* parent, const Value& inline_fragment) {
  const std::string_view condition = GqlStr(inline_fragment, "TypeCondition");
  const GqlTypeDef* type =
      condition.empty() ? parent : TypeCondition(inline_fragment, condition, "");
  Directives(GqlList(inline_fragment, "Directives"), "INLINE_FRAGMENT");
  if (!condition.empty()) PossibleSpread(parent, type, inline_fragment, "");
  SelectionSet(type, GqlList(inline_fragment, "SelectionSet"));
}

// PossibleFragmentSpreads (spec §5.5.2.3): the fragment's type and the parent must overlap.
void QueryValidator::PossibleSpread(const GqlTypeDef* parent, const GqlTypeDef* type,
                                    const Value& node, const std::string& name) {
  if (parent == nullptr || type == nullptr || !parent->IsComposite() || !type->IsComposite())
    return;
  for (const GqlTypeDef* a : schema_.PossibleTypes(*parent)) {
    for (const GqlTypeDef* b : schema_.PossibleTypes(*type)) {
      if (a == b) return;
    }
  }
  Report(node, (name.empty() ? std::string("Fragment") : "Fragment \"" + name + "\"") +
                   " cannot be spread here as objects of type \"" + parent->name +
                   "\" can never be of type \"" + type->name + "\".");
}

// UniqueArgumentNames, KnownArgumentNames, ProvidedRequiredArguments and the arguments' values.
// `owner` is "Type.field" for a known field, "@name" for a known directive, "" when unknown.
void QueryValidator::Arguments(std::span<const Value> args, std::span<const Value> defs,
                               const std::string& owner, bool directive, const Value& node) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view name = GqlStr(args[i], "Name");
    for (size_t j = 0; j < i; ++j) {
      if (GqlStr(args[j], "Name") == name)
        Report(args[i], "There can be only one argument named \"" + std::string(name) + "\".");
    }
    const Value* def = FindByName(defs, name);
    if (def == nullptr && !owner.empty()) {
      Report(args[i], "Unknown argument \"" + std::string(name) + "\" on " +
                          (directive ? "directive \"" : "field \"") + owner + "\".");
    }
    if (const Value* value = GqlMember(args[i], "Value"); value != nullptr && value->is_object()) {
      ArgumentValue(*value, def != nullptr ? GqlMember(*def, "Type") : nullptr);
    }
  }
  for (const Value& def : defs) {
    const Value* type = GqlMember(def, "Type");
    if (type == nullptr || !GqlBool(*type, "NonNull") || GqlMember(def, "DefaultValue") != nullptr)
      continue;
    const std::string_view name = GqlStr(def, "Name");
    if (FindByName(args, name) != nullptr) continue;
    Report(node, std::string(directive ? "Directive \"" : "Field \"") +
                     (directive ? owner : std::string(GqlStr(node, "Name"))) + "\" argument \"" +
                     std::string(name) + "\" of type \"" + GqlTypeString(*type) +
                     "\" is required, but it was not provided.");
  }
}

// KnownDirectives and UniqueDirectivesPerLocation (spec §5.7.1-5.7.3).
void QueryValidator::Directives(std::span<const Value> directives, std::string_view location) {
  for (size_t i = 0; i < directives.size(); ++i) {
    const Value& d = directives[i];
    const std::string name(GqlStr(d, "Name"));
    const Value* def = schema_.Directive(name);
    if (def == nullptr) {
      Report(d, "Unknown directive \"@" + name + "\".");
      continue;
    }
    bool allowed = false;
    for (const Value& loc : GqlList(*def, "Locations"))
      allowed |= loc.is_string() && loc.string() == location;
    if (!allowed)
      Report(d, "Directive \"@" + name + "\" may not be used on " + std::string(location) + ".");
    for (size_t j = 0; j < i && !GqlBool(*def, "IsRepeatable"); ++j) {
      if (GqlStr(directives[j], "Name") == name) {
        Report(d, "The directive \"@" + name + "\" can only be used once at this location.");
      }
    }
    Arguments(GqlList(d, "Arguments"), GqlList(*def, "Arguments"), "@" + name, true, d);
  }
}

// Variables used in a value (NoUndefinedVariables, VariablesInAllowedPosition) and the value's
// literal parts (ValuesOfCorrectType, UniqueInputFieldNames).
void QueryValidator::ArgumentValue(const Value& value, const Value* expected) {
  const int64_t kind =
      GqlMember(value, "Kind") ? GqlMember(value, "Kind")->number().ToInt64().value_or(-1) : -1;
  if (kind == 0) {  // a variable
    const std::string name(GqlStr(value, "Raw"));
    used_variables_.insert(name);
    if (operation_ == nullptr) return;
    auto it = variables_.find(name);
    if (it == variables_.end()) {
      const std::string op(GqlStr(*operation_, "Name"));
      Report(value, "Variable \"$" + name + "\" is not defined" +
                        (op.empty() ? "" : " by operation \"" + op + "\"") + ".");
      return;
    }
    const Value* var_type = GqlMember(*it->second, "Type");
    if (expected == nullptr || var_type == nullptr) return;
    std::vector<ObjectEntry> loc(expected->object().begin(), expected->object().end());
    const Value* dv = GqlMember(*it->second, "DefaultValue");
    if (dv != nullptr && dv->is_object() && GqlMember(*dv, "Kind") &&
        *GqlMember(*dv, "Kind") != Value::Int(6)) {
      loc.emplace_back(Value::String("NonNull"),
                       Value::Bool(false));  // a default makes null impossible
    }
    if (!IsCompatible(*var_type, Value::Object(std::move(loc)))) {
      Report(value, "Variable \"$" + name + "\" of type \"" + GqlTypeString(*var_type) +
                        "\" used in position expecting type \"" + GqlTypeString(*expected) + "\".");
    }
    return;
  }
  std::span<const Value> children = GqlList(value, "Children");
  for (size_t i = 0; i < children.size() && kind == 9; ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (GqlStr(children[i], "Name") == GqlStr(children[j], "Name")) {
        Report(children[i], "There can be only one input field named \"" +
                                std::string(GqlStr(children[i], "Name")) + "\".");
      }
    }
  }
  if (expected != nullptr) {
    if (std::optional<GqlError> e = CheckGqlValue(schema_, value, *expected)) {
      if (!error_) error_ = std::move(e);
    }
  }
  // Variables nested in lists and input objects are checked against their element / field types.
  const GqlTypeDef* input = expected != nullptr ? schema_.Type(GqlTypeName(*expected)) : nullptr;
  const Value* elem = expected != nullptr ? GqlMember(*expected, "Elem") : nullptr;
  for (const Value& child : children) {
    const Value* v = GqlMember(child, "Value");
    if (v == nullptr || !v->is_object()) continue;
    const Value* child_type = nullptr;
    if (kind == 8 && elem != nullptr && elem->is_object()) child_type = elem;
    if (kind == 9 && input != nullptr) {
      if (const Value* f = input->Field(GqlStr(child, "Name"))) child_type = GqlMember(*f, "Type");
    }
    ArgumentValue(*v, child_type);
  }
}

}  // namespace tf::rego::builtins::graphql_internal
