// walk: the relation of every [path, value] pair in a document, the document itself first and
// then each child recursively (arrays by index, objects by key, sets by member, keys in order).
// Declared kRelation: the result is the array of all pairs, which the evaluator iterates.
#include "rego/builtins/families.h"

namespace tf::rego::builtins {
namespace {

void WalkInto(const Value& v, std::vector<Value>& path, std::vector<Value>& out) {
  out.push_back(Value::Array({Value::Array(path), v}));
  auto visit = [&](const Value& key, const Value& child) {
    path.push_back(key);
    WalkInto(child, path, out);
    path.pop_back();
  };
  switch (v.kind()) {
    case ValueKind::kArray:
      for (size_t i = 0; i < v.array().size(); ++i) {
        visit(Value::Int(static_cast<int64_t>(i)), v.array()[i]);
      }
      break;
    case ValueKind::kObject:
      for (const ObjectEntry& e : v.object())
        visit(e.first, e.second);
      break;
    case ValueKind::kSet:
      for (const Value& m : v.set())
        visit(m, m);
      break;
    default:
      break;
  }
}

Result<Value> Walk(BuiltinContext&, std::span<const Value> a) {
  std::vector<Value> path;
  std::vector<Value> out;
  WalkInto(a[0], path, out);
  return Value::Array(std::move(out));
}

}  // namespace

std::vector<BuiltinDecl> WalkBuiltins() {
  return {
      {.name = "walk",
       .params = {{kAnyKind, "x"}},
       .result = kArray,
       .fn = Walk,
       .flags = BuiltinFlags::kRelation},
  };
}

}  // namespace tf::rego::builtins
