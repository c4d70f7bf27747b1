// ValuesOfCorrectType (GraphQL spec §5.6.1 and the input coercion rules of §3.5, §3.9, §3.10,
// §3.11), with gqlparser / graphql-js messages.
#include "rego/builtins/graphql_schema.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

enum ValueKind : int64_t {
  kVariable,
  kInt,
  kFloat,
  kString,
  kBlock,
  kBoolean,
  kNull,
  kEnum,
  kList,
  kObject
};

int64_t KindOf(const Value& v) {
  const Value* k = GqlMember(v, "Kind");
  return k != nullptr && k->is_number() ? k->number().ToInt64().value_or(-1) : -1;
}

// How a value is shown in messages: strings quoted, other literals raw.
std::string Shown(const Value& v) {
  const int64_t kind = KindOf(v);
  if (kind == kString || kind == kBlock) {
    std::string out;
    AppendGoQuoted(out, GqlStr(v, "Raw"));
    return out;
  }
  if (kind == kVariable) return "$" + std::string(GqlStr(v, "Raw"));
  if (kind == kList) return "list";
  if (kind == kObject) return "object";
  return std::string(GqlStr(v, "Raw"));
}

GqlError Mismatch(const Value& v, const Value& type) {
  return GqlErrorAt(
      v, "Expected value of type \"" + GqlTypeString(type) + "\", found " + Shown(v) + ".");
}

std::optional<GqlError> CheckScalar(const GqlTypeDef& def, const Value& v) {
  const int64_t kind = KindOf(v);
  const std::string& name = def.name;
  if (name == "Int" && kind != kInt)
    return GqlErrorAt(v, "Int cannot represent non-integer value: " + Shown(v));
  if (name == "Float" && kind != kInt && kind != kFloat) {
    return GqlErrorAt(v, "Float cannot represent non numeric value: " + Shown(v));
  }
  if (name == "String" && kind != kString && kind != kBlock) {
    return GqlErrorAt(v, "String cannot represent a non string value: " + Shown(v));
  }
  if (name == "Boolean" && kind != kBoolean) {
    return GqlErrorAt(v, "Boolean cannot represent a non boolean value: " + Shown(v));
  }
  if (name == "ID" && kind != kInt && kind != kString && kind != kBlock) {
    return GqlErrorAt(v, "ID cannot represent a non-string and non-integer value: " + Shown(v));
  }
  return std::nullopt;  // custom scalars accept any literal
}

std::optional<GqlError> CheckInputObject(const GqlSchema& schema, const GqlTypeDef& def,
                                         const Value& v, const Value& type) {
  if (KindOf(v) != kObject) return Mismatch(v, type);
  for (const Value& child : GqlList(v, "Children")) {
    const std::string name(GqlStr(child, "Name"));
    const Value* field = def.Field(name);
    if (field == nullptr)
      return GqlErrorAt(child,
                        "Field \"" + name + "\" is not defined by type \"" + def.name + "\".");
    const Value* child_value = GqlMember(child, "Value");
    const Value* field_type = GqlMember(*field, "Type");
    if (child_value != nullptr && field_type != nullptr) {
      if (std::optional<GqlError> e = CheckGqlValue(schema, *child_value, *field_type)) return e;
    }
  }
  for (const Value& field : def.fields) {
    const Value* field_type = GqlMember(field, "Type");
    if (field_type == nullptr || !GqlBool(*field_type, "NonNull") ||
        GqlMember(field, "DefaultValue") != nullptr)
      continue;
    bool provided = false;
    for (const Value& child : GqlList(v, "Children"))
      provided |= GqlStr(child, "Name") == GqlStr(field, "Name");
    if (!provided) {
      return GqlErrorAt(v, "Field \"" + def.name + "." + std::string(GqlStr(field, "Name")) +
                               "\" of required type \"" + GqlTypeString(*field_type) +
                               "\" was not provided.");
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<GqlError> CheckGqlValue(const GqlSchema& schema, const Value& v, const Value& type) {
  const int64_t kind = KindOf(v);
  if (kind == kVariable) return std::nullopt;  // checked by VariablesInAllowedPosition
  if (kind == kNull) {
    return GqlBool(type, "NonNull") ? std::optional<GqlError>(Mismatch(v, type)) : std::nullopt;
  }
  if (const Value* elem = GqlMember(type, "Elem"); elem != nullptr && elem->is_object()) {
    if (kind != kList) return CheckGqlValue(schema, v, *elem);  // a single item coerces to a list
    for (const Value& child : GqlList(v, "Children")) {
      const Value* item = GqlMember(child, "Value");
      if (item == nullptr) continue;
      if (std::optional<GqlError> e = CheckGqlValue(schema, *item, *elem)) return e;
    }
    return std::nullopt;
  }
  const GqlTypeDef* def = schema.Type(GqlStr(type, "NamedType"));
  if (def == nullptr) return std::nullopt;  // reported by KnownTypeNames
  if (def->kind == "ENUM") {
    if (kind != kEnum)
      return GqlErrorAt(
          v, "Enum \"" + def->name + "\" cannot represent non-enum value: " + Shown(v) + ".");
    for (const Value& e : def->enum_values) {
      if (GqlStr(e, "Name") == GqlStr(v, "Raw")) return std::nullopt;
    }
    return GqlErrorAt(v, "Value \"" + std::string(GqlStr(v, "Raw")) + "\" does not exist in \"" +
                             def->name + "\" enum.");
  }
  if (def->kind == "INPUT_OBJECT") return CheckInputObject(schema, *def, v, type);
  if (kind == kList || kind == kObject) return Mismatch(v, type);
  if (def->kind == "SCALAR") return CheckScalar(*def, v);
  return std::nullopt;
}

}  // namespace tf::rego::builtins
