// graph.reachable and graph.reachable_paths: OPA's builtins over graphs given as adjacency
// objects ({node: [neighbours...]}, neighbours as an array or a set).
#include <set>

#include "rego/builtins/families.h"

namespace tf::rego::builtins {
namespace {

// Neighbours of `node`, or an empty span if it has none (or they are not a collection).
std::vector<Value> Neighbours(const Value& graph, const Value& node) {
  const Value* edges = graph.Find(node);
  if (edges == nullptr) return {};
  if (edges->is_array()) return {edges->array().begin(), edges->array().end()};
  if (edges->is_set()) return {edges->set().begin(), edges->set().end()};
  return {};
}

std::vector<Value> Elements(const Value& v) {
  if (v.is_array()) return {v.array().begin(), v.array().end()};
  if (v.is_set()) return {v.set().begin(), v.set().end()};
  return {};
}

Result<Value> Reachable(BuiltinContext&, std::span<const Value> a) {
  const Value& graph = a[0];
  std::set<Value> seen;
  std::vector<Value> todo = Elements(a[1]);
  while (!todo.empty()) {
    Value n = std::move(todo.back());
    todo.pop_back();
    // Only nodes of the graph are reachable (OPA ignores unknown start nodes).
    if (graph.Find(n) == nullptr || !seen.insert(n).second) continue;
    for (Value& next : Neighbours(graph, n)) todo.push_back(std::move(next));
  }
  return Value::Set(std::vector<Value>(seen.begin(), seen.end()));
}

// Every maximal simple path from each start node: a path ends where a node has no further
// neighbours in the graph, or where the next step would revisit a node of the path.
void ExtendPaths(const Value& graph, std::vector<Value>& path, std::set<Value>& on_path,
                 std::vector<Value>& out) {
  bool extended = false;
  for (const Value& next : Neighbours(graph, path.back())) {
    if (on_path.count(next)) continue;
    if (graph.Find(next) == nullptr) continue;
    extended = true;
    path.push_back(next);
    on_path.insert(next);
    ExtendPaths(graph, path, on_path, out);
    on_path.erase(next);
    path.pop_back();
  }
  if (!extended) out.push_back(Value::Array(path));
}

Result<Value> ReachablePaths(BuiltinContext&, std::span<const Value> a) {
  const Value& graph = a[0];
  std::vector<Value> paths;
  for (const Value& start : Elements(a[1])) {
    if (graph.Find(start) == nullptr) continue;
    std::vector<Value> path{start};
    std::set<Value> on_path{start};
    ExtendPaths(graph, path, on_path, paths);
  }
  return Value::Set(std::move(paths));
}

}  // namespace

std::vector<BuiltinDecl> GraphReachableBuiltins() {
  return {
      {.name = "graph.reachable",
       .params = {{kObject, "graph"}, {kArray | kSet, "initial"}},
       .result = kSet,
       .fn = Reachable},
      {.name = "graph.reachable_paths",
       .params = {{kObject, "graph"}, {kArray | kSet, "initial"}},
       .result = kSet,
       .fn = ReachablePaths},
  };
}

}  // namespace tf::rego::builtins
