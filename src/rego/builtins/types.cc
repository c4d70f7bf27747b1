// Type predicates and type_name: is_number, is_string, is_boolean, is_array, is_set, is_object,
// is_null (each true or false for any value) and type_name.
#include "rego/builtins/families.h"

namespace tf::rego::builtins {
namespace {

template <ValueKind kKind>
Result<Value> IsKind(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(a[0].kind() == kKind);
}

Result<Value> TypeName(BuiltinContext&, std::span<const Value> a) {
  return Value::String(a[0].TypeName());
}

BuiltinDecl Predicate(std::string_view name, BuiltinFn fn) {
  return BuiltinDecl{.name = name, .params = {{kAnyKind, "x"}}, .result = kBoolean, .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> TypeBuiltins() {
  return {
      Predicate("is_number", IsKind<ValueKind::kNumber>),
      Predicate("is_string", IsKind<ValueKind::kString>),
      Predicate("is_boolean", IsKind<ValueKind::kBool>),
      Predicate("is_array", IsKind<ValueKind::kArray>),
      Predicate("is_set", IsKind<ValueKind::kSet>),
      Predicate("is_object", IsKind<ValueKind::kObject>),
      Predicate("is_null", IsKind<ValueKind::kNull>),
      {.name = "type_name", .params = {{kAnyKind, "x"}}, .result = kString, .fn = TypeName},
  };
}

}  // namespace tf::rego::builtins
