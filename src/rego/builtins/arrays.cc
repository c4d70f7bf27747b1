// The array namespace: array.concat, array.slice, array.reverse, array.flatten.
#include <algorithm>

#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

Result<Value> Concat(BuiltinContext&, std::span<const Value> a) {
  std::vector<Value> out(a[0].array().begin(), a[0].array().end());
  out.insert(out.end(), a[1].array().begin(), a[1].array().end());
  return Value::Array(std::move(out));
}

// Indexes are clamped into [0, len] and an inverted range is empty, as in OPA.
Result<Value> Slice(BuiltinContext&, std::span<const Value> a) {
  std::span<const Value> items = a[0].array();
  TF_ASSIGN_OR_RETURN(int64_t start, IntOperand(a[1], 2));
  TF_ASSIGN_OR_RETURN(int64_t stop, IntOperand(a[2], 3));
  const int64_t len = static_cast<int64_t>(items.size());
  stop = std::clamp<int64_t>(stop, 0, len);
  start = std::clamp<int64_t>(start, 0, stop);
  return Value::Array(std::vector<Value>(items.begin() + start, items.begin() + stop));
}

Result<Value> Reverse(BuiltinContext&, std::span<const Value> a) {
  return Value::Array(std::vector<Value>(a[0].array().rbegin(), a[0].array().rend()));
}

// Flattens one level: elements that are arrays are spliced in, others kept.
Result<Value> Flatten(BuiltinContext&, std::span<const Value> a) {
  std::vector<Value> out;
  for (const Value& item : a[0].array()) {
    if (item.is_array()) {
      out.insert(out.end(), item.array().begin(), item.array().end());
    } else {
      out.push_back(item);
    }
  }
  return Value::Array(std::move(out));
}

}  // namespace

std::vector<BuiltinDecl> ArrayBuiltins() {
  return {
      {.name = "array.concat",
       .params = {{kArray, "x"}, {kArray, "y"}},
       .result = kArray,
       .fn = Concat},
      {.name = "array.slice",
       .params = {{kArray, "arr"}, {kNumber, "start"}, {kNumber, "stop"}},
       .result = kArray,
       .fn = Slice},
      {.name = "array.reverse", .params = {{kArray, "arr"}}, .result = kArray, .fn = Reverse},
      {.name = "array.flatten", .params = {{kArray, "arr"}}, .result = kArray, .fn = Flatten},
  };
}

}  // namespace tf::rego::builtins
