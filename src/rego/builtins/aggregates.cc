// Aggregates over collections: count, sum, product, max, min, sort, the deprecated any/all, and
// the membership functions behind `x in xs` and `k, v in xs` (internal.member_2/3).
#include <algorithm>

#include "core/utf8.h"
#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

constexpr std::string_view kSetOrArray = "one of {set, array}";

std::span<const Value> Elements(const Value& v) {
  return v.is_array() ? v.array() : v.set();
}

Result<Value> Count(BuiltinContext&, std::span<const Value> a) {
  const Value& x = a[0];
  // Strings count code points, as Go's len([]rune(s)) (an invalid byte counts as one).
  size_t n = x.is_string() ? CountCodePoints(x.string()) : x.size();
  return Value::Int(static_cast<int64_t>(n));
}

// Exact accumulation: integers and decimals alike, so sum([0.1, 0.2]) == 0.3.
template <typename Op>
Result<Value> Accumulate(const Value& collection, Number init, Op op) {
  Number acc = std::move(init);
  for (const Value& x : Elements(collection)) {
    if (!x.is_number()) return ElementTypeError(1, collection, x, "number");
    acc = op(acc, x.number());
  }
  return Value::FromNumber(acc);
}

Result<Value> Sum(BuiltinContext&, std::span<const Value> a) {
  return Accumulate(a[0], Number(0),
                    [](const Number& x, const Number& y) { return Number::Add(x, y); });
}

Result<Value> Product(BuiltinContext&, std::span<const Value> a) {
  return Accumulate(a[0], Number(1),
                    [](const Number& x, const Number& y) { return Number::Mul(x, y); });
}

Result<Value> Max(BuiltinContext&, std::span<const Value> a) {
  std::span<const Value> items = Elements(a[0]);
  if (items.empty()) return BuiltinUndefined();
  return *std::max_element(items.begin(), items.end());
}

Result<Value> Min(BuiltinContext&, std::span<const Value> a) {
  std::span<const Value> items = Elements(a[0]);
  if (items.empty()) return BuiltinUndefined();
  return *std::min_element(items.begin(), items.end());
}

Result<Value> Sort(BuiltinContext&, std::span<const Value> a) {
  std::vector<Value> items(Elements(a[0]).begin(), Elements(a[0]).end());
  if (a[0].is_array()) std::sort(items.begin(), items.end());
  return Value::Array(std::move(items));
}

Result<Value> All(BuiltinContext&, std::span<const Value> a) {
  std::span<const Value> items = Elements(a[0]);
  return Value::Bool(std::all_of(items.begin(), items.end(),
                                 [](const Value& v) { return v.is_bool() && v.bool_value(); }));
}

Result<Value> Any(BuiltinContext&, std::span<const Value> a) {
  std::span<const Value> items = Elements(a[0]);
  return Value::Bool(std::any_of(items.begin(), items.end(),
                                 [](const Value& v) { return v.is_bool() && v.bool_value(); }));
}

// `x in xs`: set membership, or any array element / object value equal to x. False for scalars.
Result<Value> Member(BuiltinContext&, std::span<const Value> a) {
  const Value& x = a[0];
  const Value& xs = a[1];
  if (xs.is_set()) return Value::Bool(xs.Contains(x));
  if (xs.is_array()) {
    return Value::Bool(std::find(xs.array().begin(), xs.array().end(), x) != xs.array().end());
  }
  if (xs.is_object()) {
    return Value::Bool(std::any_of(xs.object().begin(), xs.object().end(),
                                   [&](const ObjectEntry& e) { return e.second == x; }));
  }
  return Value::Bool(false);
}

// `k, v in xs`: xs[k] == v for objects and arrays; for sets, k is an element and equals v.
Result<Value> MemberWithKey(BuiltinContext&, std::span<const Value> a) {
  const Value& key = a[0];
  const Value& value = a[1];
  const Value& xs = a[2];
  if (xs.is_set()) return Value::Bool(xs.Contains(key) && key == value);
  if (xs.is_object() || xs.is_array()) {
    const Value* found = xs.Find(key);
    return Value::Bool(found != nullptr && *found == value);
  }
  return Value::Bool(false);
}

BuiltinDecl OverCollection(std::string_view name, KindSet result, BuiltinFn fn) {
  return BuiltinDecl{.name = name,
                     .params = {{kArray | kSet, "collection", kSetOrArray}},
                     .result = result,
                     .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> AggregateBuiltins() {
  return {
      {.name = "count",
       .params = {{kString | kArray | kObject | kSet, "collection",
                   "one of {array, object, set, string}"}},
       .result = kNumber,
       .fn = Count},
      OverCollection("sum", kNumber, Sum),
      OverCollection("product", kNumber, Product),
      OverCollection("max", kAnyKind, Max),
      OverCollection("min", kAnyKind, Min),
      OverCollection("sort", kArray, Sort),
      {.name = "all", .params = {{kArray | kSet, "collection"}}, .result = kBoolean, .fn = All},
      {.name = "any", .params = {{kArray | kSet, "collection"}}, .result = kBoolean, .fn = Any},
      {.name = "internal.member_2",
       .params = {{kAnyKind, "x"}, {kAnyKind, "xs"}},
       .result = kBoolean,
       .fn = Member,
       .infix = "in"},
      {.name = "internal.member_3",
       .params = {{kAnyKind, "key"}, {kAnyKind, "value"}, {kAnyKind, "xs"}},
       .result = kBoolean,
       .fn = MemberWithKey,
       .infix = "in"},
  };
}

}  // namespace tf::rego::builtins
