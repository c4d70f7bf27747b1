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
    for (Value& next : Neighbours(graph, n))
      todo.push_back(std::move(next));
  }
  return Value::Set(std::vector<Value>(seen.begin(), seen.end()));
}

// Extends `path` through `node`, recording a path where it cannot go on: at a node outside the
// graph (recorded without it), at a node with no edges, and where the next node was already
// visited. As in OPA's conformance suite, `visited` is shared by the whole walk from one first
// step, so a node reached along one branch ends the paths of later branches.
void ExtendPaths(const Value& graph, const Value& node, std::vector<Value> path,
                 std::set<Value>& visited, std::set<Value>& out) {
  const Value* edges = graph.Find(node);
  if (edges == nullptr) {
    out.insert(Value::Array(path));
    return;
  }
  path.push_back(node);
  std::vector<Value> next = Neighbours(graph, node);
  if (next.empty()) {
    out.insert(Value::Array(path));
    return;
  }
  visited.insert(node);
  for (const Value& n : next) {
    if (visited.count(n)) {
      out.insert(Value::Array(path));
    } else {
      ExtendPaths(graph, n, path, visited, out);
    }
  }
}

Result<Value> ReachablePaths(BuiltinContext&, std::span<const Value> a) {
  const Value& graph = a[0];
  std::set<Value> paths;
  for (const Value& start : Elements(a[1])) {
    if (graph.Find(start) == nullptr) continue;
    std::vector<Value> next = Neighbours(graph, start);
    if (next.empty()) {
      paths.insert(Value::Array({start}));
      continue;
    }
    for (const Value& n : next) {
      std::set<Value> visited{start};
      ExtendPaths(graph, n, {start}, visited, paths);
    }
  }
  return Value::Set(std::vector<Value>(paths.begin(), paths.end()));
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
