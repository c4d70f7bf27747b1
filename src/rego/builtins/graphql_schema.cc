#include "rego/builtins/graphql_schema.h"

#include <algorithm>

#include "rego/builtins/graphql_parser.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

// The types and directives every schema has (GraphQL spec §3.5, §3.13, §4.5).
constexpr std::string_view kPrelude = R"(
scalar Int
scalar Float
scalar String
scalar Boolean
scalar ID
directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
directive @specifiedBy(url: String!) on SCALAR
type __Schema { description: String types: [__Type!]! queryType: __Type! mutationType: __Type
  subscriptionType: __Type directives: [__Directive!]! }
type __Type { kind: __TypeKind! name: String description: String
  fields(includeDeprecated: Boolean = false): [__Field!] interfaces: [__Type!] possibleTypes: [__Type!]
  enumValues(includeDeprecated: Boolean = false): [__EnumValue!] inputFields: [__InputValue!]
  ofType: __Type specifiedByURL: String }
type __Field { name: String! description: String args: [__InputValue!]! type: __Type!
  isDeprecated: Boolean! deprecationReason: String }
type __InputValue { name: String! description: String type: __Type! defaultValue: String }
type __EnumValue { name: String! description: String isDeprecated: Boolean! deprecationReason: String }
enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
type __Directive { name: String! description: String locations: [__DirectiveLocation!]!
  args: [__InputValue!]! isRepeatable: Boolean! }
enum __DirectiveLocation { QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD
  INLINE_FRAGMENT VARIABLE_DEFINITION SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION
  INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION }
)";

std::optional<GqlError> ValidateName(const Value& node, std::string_view name) {
  if (name.substr(0, 2) == "__") {
    return GqlErrorAt(
        node, "Name \"" + std::string(name) +
                  "\" must not begin with \"__\", which is reserved by GraphQL introspection.");
  }
  return std::nullopt;
}

std::vector<std::string> Strings(std::span<const Value> items) {
  std::vector<std::string> out;
  for (const Value& v : items)
    out.emplace_back(v.is_string() ? v.string() : "");
  return out;
}

GqlTypeDef TypeFromNode(const Value& node) {
  GqlTypeDef def;
  def.kind = std::string(GqlStr(node, "Kind"));
  def.name = std::string(GqlStr(node, "Name"));
  for (const Value& f : GqlList(node, "Fields"))
    def.fields.push_back(f);
  for (const Value& e : GqlList(node, "EnumValues"))
    def.enum_values.push_back(e);
  for (const Value& d : GqlList(node, "Directives"))
    def.directives.push_back(d);
  def.interfaces = Strings(GqlList(node, "Interfaces"));
  def.types = Strings(GqlList(node, "Types"));
  def.builtin = GqlBool(node, "BuiltIn");
  if (const Value* p = GqlMember(node, "Position")) def.position = *p;
  return def;
}

void Append(GqlTypeDef& def, const GqlTypeDef& ext) {
  def.directives.insert(def.directives.end(), ext.directives.begin(), ext.directives.end());
  def.interfaces.insert(def.interfaces.end(), ext.interfaces.begin(), ext.interfaces.end());
  def.fields.insert(def.fields.end(), ext.fields.begin(), ext.fields.end());
  def.types.insert(def.types.end(), ext.types.begin(), ext.types.end());
  def.enum_values.insert(def.enum_values.end(), ext.enum_values.begin(), ext.enum_values.end());
}

}  // namespace

std::string_view GqlStr(const Value& node, std::string_view key) {
  const Value* v = GqlMember(node, key);
  return v != nullptr && v->is_string() ? std::string_view(v->string()) : std::string_view();
}

bool GqlBool(const Value& node, std::string_view key) {
  const Value* v = GqlMember(node, key);
  return v != nullptr && v->is_bool() && v->bool_value();
}

std::span<const Value> GqlList(const Value& node, std::string_view key) {
  const Value* v = GqlMember(node, key);
  return v != nullptr && v->is_array() ? v->array() : std::span<const Value>();
}

const Value* GqlMember(const Value& node, std::string_view key) {
  const Value* v = node.is_object() ? node.Find(key) : nullptr;
  return v != nullptr && !v->is_null() ? v : nullptr;  // a null member is an absent one
}

GqlError GqlErrorAt(const Value& node, std::string message) {
  GqlError e{std::move(message), 0, 0};
  if (const Value* p = GqlMember(node, "Position")) {
    if (const Value* l = GqlMember(*p, "Line"); l && l->is_number())
      e.line = static_cast<int>(l->number().ToInt64().value_or(0));
    if (const Value* c = GqlMember(*p, "Column"); c && c->is_number())
      e.column = static_cast<int>(c->number().ToInt64().value_or(0));
  }
  return e;
}

std::string GqlTypeName(const Value& type) {
  if (!GqlStr(type, "NamedType").empty()) return std::string(GqlStr(type, "NamedType"));
  const Value* elem = GqlMember(type, "Elem");
  return elem != nullptr && elem->is_object() ? GqlTypeName(*elem) : "";
}

std::string GqlTypeString(const Value& type) {
  const Value* elem = GqlMember(type, "Elem");
  std::string s = elem != nullptr && elem->is_object() ? "[" + GqlTypeString(*elem) + "]"
                                                       : std::string(GqlStr(type, "NamedType"));
  return GqlBool(type, "NonNull") ? s + "!" : s;
}

const Value* GqlTypeDef::Field(std::string_view name) const {
  for (const Value& f : fields) {
    if (GqlStr(f, "Name") == name) return &f;
  }
  return nullptr;
}

const GqlTypeDef* GqlSchema::Type(std::string_view name) const {
  auto it = types_.find(name);
  return it == types_.end() ? nullptr : &it->second;
}

const Value* GqlSchema::Directive(std::string_view name) const {
  auto it = directives_.find(name);
  return it == directives_.end() ? nullptr : &it->second;
}

const GqlTypeDef* GqlSchema::Root(std::string_view operation) const {
  auto it = roots_.find(operation);
  return it == roots_.end() ? nullptr : Type(it->second);
}

std::vector<const GqlTypeDef*> GqlSchema::PossibleTypes(const GqlTypeDef& type) const {
  std::vector<const GqlTypeDef*> out;
  if (type.kind == "OBJECT") return {&type};
  if (type.kind == "UNION") {
    for (const std::string& t : type.types) {
      if (const GqlTypeDef* d = Type(t)) out.push_back(d);
    }
    return out;
  }
  for (const auto& [name, def] : types_) {
    if (def.kind == "OBJECT" && std::find(def.interfaces.begin(), def.interfaces.end(),
                                          type.name) != def.interfaces.end()) {
      out.push_back(&def);
    }
  }
  return out;
}

std::optional<GqlError> GqlSchema::Build(const Value& document, GqlSchema* out) {
  GqlParsed prelude = ParseGqlSchema(kPrelude, true);
  if (prelude.error) return prelude.error;  // cannot happen: the prelude is constant
  std::vector<ObjectEntry> merged;
  for (std::string_view key :
       {"Schema", "SchemaExtension", "Directives", "Definitions", "Extensions"}) {
    std::vector<Value> items(GqlList(prelude.document, key).begin(),
                             GqlList(prelude.document, key).end());
    for (const Value& v : GqlList(document, key))
      items.push_back(v);
    merged.emplace_back(Value::String(key), Value::Array(std::move(items)));
  }
  return out->Load(Value::Object(std::move(merged)));
}

// gqlparser's ValidateSchemaDocument: collect types (extensions may create them), directives
// and root operation types, then validate every type and directive in name order.
std::optional<GqlError> GqlSchema::Load(const Value& doc) {
  for (const Value& node : GqlList(doc, "Definitions")) {
    GqlTypeDef def = TypeFromNode(node);
    if (types_.count(def.name) != 0)
      return GqlErrorAt(node, "Cannot redeclare type " + def.name + ".");
    types_.emplace(def.name, std::move(def));
  }
  for (const Value& node : GqlList(doc, "Extensions")) {
    GqlTypeDef ext = TypeFromNode(node);
    auto [it, created] = types_.try_emplace(ext.name);
    if (created) {
      it->second.kind = ext.kind;
      it->second.name = ext.name;
      it->second.position = ext.position;
    }
    if (it->second.kind != ext.kind) {
      return GqlErrorAt(node, "Cannot extend type " + ext.name + " because the base type is a " +
                                  it->second.kind + ", not " + ext.kind + ".");
    }
    Append(it->second, ext);
  }
  for (const Value& node : GqlList(doc, "Directives")) {
    const std::string name(GqlStr(node, "Name"));
    const bool builtin =
        name == "include" || name == "skip" || name == "deprecated" || name == "specifiedBy";
    if (directives_.count(name) != 0) {
      if (builtin) continue;  // SDL may restate the built-in directives; the first one is kept
      return GqlErrorAt(node, "Cannot redeclare directive " + name + ".");
    }
    directives_.emplace(name, node);
  }
  std::span<const Value> schema = GqlList(doc, "Schema");
  if (schema.size() > 1) {
    return GqlErrorAt(
        schema[1], "Cannot have multiple schema entry points, consider schema extensions instead.");
  }
  std::vector<Value> entry_points;
  for (const Value& s : schema)
    for (const Value& op : GqlList(s, "OperationTypes"))
      entry_points.push_back(op);
  for (const Value& s : GqlList(doc, "SchemaExtension"))
    for (const Value& op : GqlList(s, "OperationTypes"))
      entry_points.push_back(op);
  for (const Value& op : entry_points) {
    const std::string type(GqlStr(op, "Type"));
    if (Type(type) == nullptr) {
      return GqlErrorAt(op, "Schema root " + std::string(GqlStr(op, "Operation")) +
                                " refers to a type " + type + " that does not exist.");
    }
    roots_[std::string(GqlStr(op, "Operation"))] = type;
  }
  for (const auto& [name, def] : types_) {
    if (std::optional<GqlError> e = ValidateDefinition(def)) return e;
  }
  for (const auto& [name, dir] : directives_) {
    if (std::optional<GqlError> e = ValidateName(dir, name)) return e;
    if (std::optional<GqlError> e = ValidateArgs(GqlList(dir, "Arguments"), &dir)) return e;
  }
  if (schema.empty()) {  // conventional root names when no schema definition names them
    for (const auto& [op, type] : {std::pair{"query", "Query"},
                                   {"mutation", "Mutation"},
                                   {"subscription", "Subscription"}}) {
      if (roots_.count(op) == 0 && Type(type) != nullptr) roots_[op] = type;
    }
  }
  if (auto it = roots_.find("query"); it != roots_.end()) {
    // Introspection entry points (spec §4.2) on the query root.
    GqlTypeDef& query = types_[it->second];
    query.fields.push_back(GqlNode({{"Name", Value::String("__schema")},
                                    {"Type", GqlNode({{"NamedType", Value::String("__Schema")},
                                                      {"NonNull", Value::Bool(true)}})}}));
    query.fields.push_back(GqlNode(
        {{"Name", Value::String("__type")},
         {"Type",
          GqlNode({{"NamedType", Value::String("__Type")}, {"NonNull", Value::Bool(false)}})},
         {"Arguments",
          Value::Array({GqlNode({{"Name", Value::String("name")},
                                 {"Type", GqlNode({{"NamedType", Value::String("String")},
                                                   {"NonNull", Value::Bool(true)}})}})})}}));
  }
  return std::nullopt;
}

}  // namespace tf::rego::builtins
