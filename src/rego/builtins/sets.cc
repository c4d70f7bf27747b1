// Set operators and functions: & (and), | (or), intersection, union.
#include <algorithm>

#include "rego/builtins/families.h"

namespace tf::rego::builtins {
namespace {

Value Intersect(const Value& a, const Value& b) {
  std::vector<Value> out;
  std::set_intersection(a.set().begin(), a.set().end(), b.set().begin(), b.set().end(),
                        std::back_inserter(out));
  return Value::SetFromSorted(std::move(out));
}

Value Unite(const Value& a, const Value& b) {
  std::vector<Value> out;
  std::set_union(a.set().begin(), a.set().end(), b.set().begin(), b.set().end(),
                 std::back_inserter(out));
  return Value::SetFromSorted(std::move(out));
}

Result<Value> And(BuiltinContext&, std::span<const Value> a) {
  return Intersect(a[0], a[1]);
}
Result<Value> Or(BuiltinContext&, std::span<const Value> a) {
  return Unite(a[0], a[1]);
}

// intersection(set[set]) and union(set[set]).
Status CheckSetOfSets(const Value& s) {
  for (const Value& e : s.set()) {
    if (!e.is_set())
      return OperandError(
          1, "must be set of sets but got set containing " + std::string(e.TypeName()));
  }
  return Status();
}

Result<Value> IntersectionOf(BuiltinContext&, std::span<const Value> a) {
  TF_RETURN_IF_ERROR(CheckSetOfSets(a[0]));
  if (a[0].size() == 0) return Value::EmptySet();
  Value acc = a[0].set()[0];
  for (const Value& s : a[0].set().subspan(1))
    acc = Intersect(acc, s);
  return acc;
}

Result<Value> UnionOf(BuiltinContext&, std::span<const Value> a) {
  TF_RETURN_IF_ERROR(CheckSetOfSets(a[0]));
  Value acc = Value::EmptySet();
  for (const Value& s : a[0].set())
    acc = Unite(acc, s);
  return acc;
}

}  // namespace

std::vector<BuiltinDecl> SetBuiltins() {
  return {
      {.name = "and",
       .params = {{kSet, "x"}, {kSet, "y"}},
       .result = kSet,
       .fn = And,
       .infix = "&"},
      {.name = "or", .params = {{kSet, "x"}, {kSet, "y"}}, .result = kSet, .fn = Or, .infix = "|"},
      {.name = "intersection", .params = {{kSet, "xs"}}, .result = kSet, .fn = IntersectionOf},
      {.name = "union", .params = {{kSet, "xs"}}, .result = kSet, .fn = UnionOf},
  };
}

}  // namespace tf::rego::builtins
