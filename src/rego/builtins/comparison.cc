// Comparison operators. They compare any two values in Rego's total order (core/value.h).
#include "rego/builtins/families.h"

namespace tf::rego::builtins {
namespace {

Result<Value> Equal(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(a[0] == a[1]);
}
Result<Value> NotEqual(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(a[0] != a[1]);
}
Result<Value> Less(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(a[0] < a[1]);
}
Result<Value> LessEq(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(a[0].Compare(a[1]) <= 0);
}
Result<Value> Greater(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(a[0].Compare(a[1]) > 0);
}
Result<Value> GreaterEq(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(a[0].Compare(a[1]) >= 0);
}

BuiltinDecl Comparison(std::string_view name, std::string_view infix, BuiltinFn fn) {
  return BuiltinDecl{.name = name,
                     .params = {{kAnyKind, "x"}, {kAnyKind, "y"}},
                     .result = kBoolean,
                     .fn = fn,
                     .infix = infix};
}

}  // namespace

std::vector<BuiltinDecl> ComparisonBuiltins() {
  return {
      Comparison("equal", "==", Equal), Comparison("neq", "!=", NotEqual),
      Comparison("lt", "<", Less),      Comparison("lte", "<=", LessEq),
      Comparison("gt", ">", Greater),   Comparison("gte", ">=", GreaterEq),
  };
}

}  // namespace tf::rego::builtins
