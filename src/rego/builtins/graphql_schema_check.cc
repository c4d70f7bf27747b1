// Per-definition schema rules (gqlparser's validateDefinition and friends; GraphQL spec §3).
#include <algorithm>

#include "rego/builtins/graphql_parser.h"
#include "rego/builtins/graphql_schema.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

std::string Quote(std::string_view s) {
  std::string out;
  AppendGoQuoted(out, s);
  return out;
}

GqlError At(const Value& position, std::string message) {
  return GqlErrorAt(GqlNode({{"Position", position}}), std::move(message));
}

std::optional<GqlError> ValidateName(const Value& node, std::string_view name) {
  if (name.substr(0, 2) == "__") {
    return GqlErrorAt(
        node, "Name \"" + std::string(name) +
                  "\" must not begin with \"__\", which is reserved by GraphQL introspection.");
  }
  return std::nullopt;
}

bool Contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

std::optional<GqlError> GqlSchema::ValidateDirectives(std::span<const Value> dirs,
                                                      std::string_view location,
                                                      const Value* directive) const {
  for (const Value& dir : dirs) {
    const std::string name(GqlStr(dir, "Name"));
    if (std::optional<GqlError> e = ValidateName(dir, name)) return e;
    if (directive != nullptr && name == GqlStr(*directive, "Name")) {
      return GqlErrorAt(dir, "Directive " + name + " cannot refer to itself.");
    }
    const Value* def = Directive(name);
    if (def == nullptr) return GqlErrorAt(dir, "Undefined directive " + name + ".");
    bool allowed = false;
    for (const Value& loc : GqlList(*def, "Locations"))
      allowed |= loc.is_string() && loc.string() == location;
    if (!allowed)
      return GqlErrorAt(
          dir, "Directive " + name + " is not applicable on " + std::string(location) + ".");
  }
  return std::nullopt;
}

std::optional<GqlError> GqlSchema::ValidateArgs(std::span<const Value> args,
                                                const Value* directive) const {
  for (const Value& arg : args) {
    if (std::optional<GqlError> e = ValidateName(arg, GqlStr(arg, "Name"))) return e;
    const Value* type = GqlMember(arg, "Type");
    const GqlTypeDef* def = type ? Type(GqlTypeName(*type)) : nullptr;
    if (def == nullptr)
      return GqlErrorAt(type ? *type : arg,
                        "Undefined type " + (type ? GqlTypeName(*type) : "") + ".");
    if (!def->IsInput()) {
      return GqlErrorAt(arg, "cannot use " + GqlTypeString(*type) + " as argument " +
                                 std::string(GqlStr(arg, "Name")) + " because " + def->kind +
                                 " is not a valid input type");
    }
    if (std::optional<GqlError> e =
            ValidateDirectives(GqlList(arg, "Directives"), "ARGUMENT_DEFINITION", directive))
      return e;
  }
  return std::nullopt;
}

bool GqlSchema::IsCovariant(const Value& required, const Value& actual) const {
  if (GqlBool(required, "NonNull") && !GqlBool(actual, "NonNull")) return false;
  if (!GqlStr(required, "NamedType").empty()) {
    const std::string_view want = GqlStr(required, "NamedType"), got = GqlStr(actual, "NamedType");
    if (want == got) return true;
    const GqlTypeDef* abstract = Type(want);
    if (abstract == nullptr) return false;
    for (const GqlTypeDef* t : PossibleTypes(*abstract)) {
      if (t->name == got) return true;
    }
    return false;
  }
  const Value* want_elem = GqlMember(required, "Elem");
  const Value* got_elem = GqlMember(actual, "Elem");
  if (want_elem == nullptr || got_elem == nullptr || !got_elem->is_object()) return false;
  return IsCovariant(*want_elem, *got_elem);
}

// Spec §3.6 "Type Validation" for an object or interface implementing `name`.
std::optional<GqlError> GqlSchema::ValidateImplements(const GqlTypeDef& def,
                                                      const std::string& name) const {
  const GqlTypeDef* intf = Type(name);
  if (intf == nullptr) return At(def.position, "Undefined type " + Quote(name) + ".");
  if (intf->kind != "INTERFACE")
    return At(def.position, Quote(name) + " is a non interface type " + intf->kind + ".");
  const std::string prefix = "For " + def.name + " to implement " + intf->name;
  for (const Value& required : intf->fields) {
    const std::string field(GqlStr(required, "Name"));
    const Value* found = def.Field(field);
    if (found == nullptr)
      return At(def.position, prefix + " it must have a field called " + field + ".");
    const Value* want_type = GqlMember(required, "Type");
    const Value* got_type = GqlMember(*found, "Type");
    if (want_type && got_type && !IsCovariant(*want_type, *got_type)) {
      return GqlErrorAt(*found, prefix + " the field " + field + " must have type " +
                                    GqlTypeString(*want_type) + ".");
    }
    for (const Value& arg : GqlList(required, "Arguments")) {
      const std::string arg_name(GqlStr(arg, "Name"));
      const auto found_args = GqlList(*found, "Arguments");
      auto it = std::find_if(found_args.begin(), found_args.end(),
                             [&](const Value& a) { return GqlStr(a, "Name") == arg_name; });
      if (it == found_args.end()) {
        return GqlErrorAt(*found, prefix + " the field " + field +
                                      " must have the same arguments but it is missing " +
                                      arg_name + ".");
      }
    }
  }
  for (const std::string& transitive : intf->interfaces) {
    if (!Contains(def.interfaces, transitive)) {
      if (transitive == def.name) {
        return At(def.position, "Type " + def.name + " cannot implement " + name +
                                    " because it would create a circular reference.");
      }
      return At(def.position, "Type " + def.name + " must implement " + transitive +
                                  " because it is implemented by " + name + ".");
    }
  }
  return std::nullopt;
}

std::optional<GqlError> GqlSchema::ValidateDefinition(const GqlTypeDef& def) const {
  for (const Value& field : def.fields) {
    if (std::optional<GqlError> e = ValidateName(field, GqlStr(field, "Name"))) return e;
    const Value* type = GqlMember(field, "Type");
    if (type == nullptr || Type(GqlTypeName(*type)) == nullptr) {
      return GqlErrorAt(type ? *type : field,
                        "Undefined type " + (type ? GqlTypeName(*type) : "") + ".");
    }
    if (std::optional<GqlError> e = ValidateArgs(GqlList(field, "Arguments"), nullptr)) return e;
    const std::string_view location =
        def.kind == "INPUT_OBJECT" ? "INPUT_FIELD_DEFINITION" : "FIELD_DEFINITION";
    if (std::optional<GqlError> e =
            ValidateDirectives(GqlList(field, "Directives"), location, nullptr))
      return e;
  }
  for (const std::string& member : def.types) {
    const GqlTypeDef* t = Type(member);
    if (t == nullptr) return At(def.position, "Undefined type " + Quote(member) + ".");
    if (t->kind != "OBJECT")
      return At(def.position, def.kind + " type " + Quote(member) + " must be OBJECT.");
  }
  for (const std::string& intf : def.interfaces) {
    if (std::optional<GqlError> e = ValidateImplements(def, intf)) return e;
  }
  if (def.kind == "OBJECT" || def.kind == "INTERFACE") {
    if (def.fields.empty())
      return At(def.position, def.kind + " " + def.name + ": must define one or more fields.");
    for (const Value& field : def.fields) {
      const GqlTypeDef* t = Type(GqlTypeName(*GqlMember(field, "Type")));
      if (t != nullptr && t->kind == "INPUT_OBJECT") {
        return GqlErrorAt(field,
                          def.kind + " " + def.name +
                              ": field must be one of SCALAR, OBJECT, INTERFACE, UNION, ENUM.");
      }
    }
  } else if (def.kind == "ENUM") {
    if (def.enum_values.empty())
      return At(def.position, "ENUM " + def.name + ": must define one or more unique enum values.");
    for (const Value& v : def.enum_values) {
      const std::string_view n = GqlStr(v, "Name");
      if (n == "true" || n == "false" || n == "null")
        return At(def.position, "ENUM " + def.name + ": non-enum value " + std::string(n) + ".");
    }
  } else if (def.kind == "INPUT_OBJECT") {
    if (def.fields.empty())
      return At(def.position,
                "INPUT_OBJECT " + def.name + ": must define one or more input fields.");
    for (const Value& field : def.fields) {
      const GqlTypeDef* t = Type(GqlTypeName(*GqlMember(field, "Type")));
      if (t != nullptr && !t->IsInput()) {
        return GqlErrorAt(field, t->kind + " " + std::string(GqlStr(field, "Name")) +
                                     ": field must be one of SCALAR, ENUM, INPUT_OBJECT.");
      }
    }
  }
  for (size_t i = 0; i < def.fields.size(); ++i) {
    for (size_t j = i + 1; j < def.fields.size(); ++j) {
      if (GqlStr(def.fields[i], "Name") == GqlStr(def.fields[j], "Name")) {
        return GqlErrorAt(def.fields[j], "Field " + def.name + "." +
                                             std::string(GqlStr(def.fields[j], "Name")) +
                                             " can only be defined once.");
      }
    }
  }
  if (!def.builtin) {
    if (std::optional<GqlError> e = ValidateName(GqlNode({{"Position", def.position}}), def.name))
      return e;
  }
  return ValidateDirectives(def.directives, def.kind, nullptr);
}

}  // namespace tf::rego::builtins
