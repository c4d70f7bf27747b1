// json.filter and json.remove: keep or drop the parts of an object named by paths, each path a
// JSON-pointer-like string ("a/b/0", with ~1 for '/' and ~0 for '~') or an array of segments.
// Array elements are addressed by the decimal string of their index, set members by themselves.
#include <map>
#include <memory>
#include <optional>

#include "rego/builtins/families.h"
#include "rego/builtins/json_pointer.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

// The union of all paths as a tree; a leaf ends a path and covers everything beneath it.
struct PathTree {
  bool leaf = false;
  std::map<Value, std::unique_ptr<PathTree>> children;

  const PathTree* Child(const Value& key) const {
    auto it = children.find(key);
    return it == children.end() ? nullptr : it->second.get();
  }
};

// Adds one path. As in OPA, a path inside one that is already a leaf changes nothing, and a
// path ending where a longer one went makes that node a leaf.
void AddPath(PathTree& root, std::span<const Value> path) {
  if (path.empty()) return;
  PathTree* node = &root;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    std::unique_ptr<PathTree>& child = node->children[path[i]];
    if (child == nullptr) child = std::make_unique<PathTree>();
    if (child->leaf) return;
    node = child.get();
  }
  auto leaf = std::make_unique<PathTree>();
  leaf->leaf = true;
  node->children[path.back()] = std::move(leaf);
}

Result<PathTree> PathsOperand(const Value& paths) {
  PathTree tree;
  for (const Value& p : paths.is_array() ? paths.array() : paths.set()) {
    TF_ASSIGN_OR_RETURN(std::vector<Value> segments, ParsePathOperand(p, 2));
    AddPath(tree, segments);
  }
  return tree;
}

Value IndexKey(size_t i) {
  return Value::String(std::to_string(i));
}

Value Keep(const Value& v, const PathTree& filter) {
  if (filter.leaf) return v;
  std::vector<Value> items;
  switch (v.kind()) {
    case ValueKind::kArray:
      for (size_t i = 0; i < v.array().size(); ++i) {
        if (const PathTree* f = filter.Child(IndexKey(i))) items.push_back(Keep(v.array()[i], *f));
      }
      return Value::Array(std::move(items));
    case ValueKind::kSet:
      for (const Value& m : v.set()) {
        if (const PathTree* f = filter.Child(m)) items.push_back(Keep(m, *f));
      }
      return Value::Set(std::move(items));
    case ValueKind::kObject: {
      std::vector<ObjectEntry> entries;
      for (const ObjectEntry& e : v.object()) {
        if (const PathTree* f = filter.Child(e.first))
          entries.emplace_back(e.first, Keep(e.second, *f));
      }
      return Value::ObjectFromSorted(std::move(entries));
    }
    default:
      return v;
  }
}

// `v` without what `filter` names; nullopt when `v` itself is removed.
std::optional<Value> Drop(const Value& v, const PathTree* filter) {
  if (filter == nullptr) return v;
  if (filter->leaf) return std::nullopt;
  std::vector<Value> items;
  switch (v.kind()) {
    case ValueKind::kArray:
      for (size_t i = 0; i < v.array().size(); ++i) {
        if (auto kept = Drop(v.array()[i], filter->Child(IndexKey(i)))) items.push_back(*kept);
      }
      return Value::Array(std::move(items));
    case ValueKind::kSet:
      for (const Value& m : v.set()) {
        if (auto kept = Drop(m, filter->Child(m))) items.push_back(*kept);
      }
      return Value::Set(std::move(items));
    case ValueKind::kObject: {
      std::vector<ObjectEntry> entries;
      for (const ObjectEntry& e : v.object()) {
        if (auto kept = Drop(e.second, filter->Child(e.first)))
          entries.emplace_back(e.first, *kept);
      }
      return Value::ObjectFromSorted(std::move(entries));
    }
    default:
      return v;
  }
}

Result<Value> Filter(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(PathTree tree, PathsOperand(a[1]));
  return Keep(a[0], tree);
}

Result<Value> Remove(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(PathTree tree, PathsOperand(a[1]));
  std::optional<Value> kept = Drop(a[0], &tree);
  if (!kept) return BuiltinUndefined();
  return *kept;
}

BuiltinDecl PathsBuiltin(std::string_view name, BuiltinFn fn) {
  return BuiltinDecl{
      .name = name,
      .params = {{kObject, "object"}, {kArray | kSet, "paths", "one of {set, array}"}},
      .result = kAnyKind,
      .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> JsonPathBuiltins() {
  return {PathsBuiltin("json.filter", Filter), PathsBuiltin("json.remove", Remove)};
}

}  // namespace tf::rego::builtins
