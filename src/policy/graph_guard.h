// File: policy/graph_guard.h
//
// Enforces a pack's graph limits (policy/graph_limits_spec.h) on graph queries and decisions,
// before any result leaves the engine. Every check is a bounded search: a component is explored
// until it holds max + 1 nodes, a degree counted to max + 1, a path searched to max edges, so a
// check costs at most what the limit allows, however large the graph.
//
//   tf::policy::GraphGuard guard(pack.manifest().limits, graph);
//   tf::Status ok = guard.Admit({tf::policy::GraphQueryKind::kKHop, "42", "", 2});
//   // ok.code() == kGraphLimitExceeded: "graph.component_size_exceeded: component of node 42
//   // has more than 500 nodes (limit component_size ≤ 500)"
//
// Which limits a query meets: component_size and degree apply to every node a query starts
// from (and to the target of a shortest path); path_length bounds a k-hop expansion's k and
// the length of a shortest path (directed, at most max edges).
#ifndef TF_POLICY_GRAPH_GUARD_H_
#define TF_POLICY_GRAPH_GUARD_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "policy/graph_limits_spec.h"

namespace tf::policy {

enum class EdgeDirection : uint8_t { kOut, kIn };

// A count found by a bounded search: at most max, or max + 1 with `exceeded` when the search
// stopped there.
struct BoundedCount {
  uint64_t value = 0;
  bool exceeded = false;
};

// What the guard reads from a graph: node lookup and adjacency, and the three bounded queries
// the limits need. The bounded queries have default implementations over VisitNeighbors; a graph
// with its own (the graph store, policy/store_graph.h) overrides them.
class GraphAdjacency {
 public:
  virtual ~GraphAdjacency() = default;
  // The node's dense number, or nullopt when the graph has no such node.
  virtual Result<std::optional<uint64_t>> FindNode(std::string_view id) const = 0;
  // Calls `visit(other)` for each edge of `node` in `dir` (kOut: node -> other; kIn: other ->
  // node), once per edge, until `visit` returns false.
  virtual Status VisitNeighbors(uint64_t node, EdgeDirection dir,
                                const std::function<bool(uint64_t)>& visit) const = 0;

  // The bounded queries, by node id; an unknown id is kGraphNodeNotFound.
  // The node's weakly connected component (edges in both directions), searched to max + 1 nodes.
  virtual Result<BoundedCount> ComponentSize(std::string_view node, uint64_t max) const;
  // The node's edges in `direction`, counted to max + 1.
  virtual Result<BoundedCount> Degree(std::string_view node, DegreeDirection direction,
                                      uint64_t max) const;
  // The length of the shortest path from -> to along edge directions if it has at most max
  // edges; nullopt otherwise (longer or absent).
  virtual Result<std::optional<uint64_t>> PathLength(std::string_view from, std::string_view to,
                                                     uint64_t max) const;

 protected:
  Result<uint64_t> Resolve(std::string_view id) const;
};

// A directed multigraph in memory, built edge by edge: hand-built graphs, tests, benchmarks,
// small graphs shipped with a request.
class AdjacencyListGraph final : public GraphAdjacency {
 public:
  uint64_t AddNode(std::string_view id);  // returns the node's number (existing or new)
  void AddEdge(std::string_view src, std::string_view dst);
  size_t node_count() const { return ids_.size(); }

  Result<std::optional<uint64_t>> FindNode(std::string_view id) const override;
  Status VisitNeighbors(uint64_t node, EdgeDirection dir,
                        const std::function<bool(uint64_t)>& visit) const override;
  // The component search over the lists directly (no call per edge through VisitNeighbors).
  Result<BoundedCount> ComponentSize(std::string_view node, uint64_t max) const override;

 private:
  std::unordered_map<std::string, uint64_t> index_;
  std::vector<std::string> ids_;
  std::vector<std::vector<uint64_t>> out_, in_;
};

enum class GraphQueryKind : uint8_t { kNeighbors, kKHop, kShortestPath, kComponentSize, kDegree };

// A graph query as the guard sees it: its start node, the target of a shortest path, the k of a
// k-hop expansion.
struct GraphQuery {
  GraphQueryKind kind = GraphQueryKind::kNeighbors;
  std::string node;
  std::string target;  // kShortestPath
  uint64_t hops = 0;   // kKHop
};

struct LimitVerdict {
  LimitKind kind = LimitKind::kComponentSize;
  bool exceeded = false;
  uint64_t max = 0;
  std::string reason_code;  // the limit's, also when not exceeded
  std::string explanation;  // names the limit and the value found
};

// {"limit": name, "max": n, "exceeded": bool, "reason_code": code, "explanation": text}
Value LimitVerdictToValue(const LimitVerdict& verdict);

class GraphGuard {
 public:
  // REQUIRES: limits and graph outlive the guard.
  GraphGuard(const GraphLimits& limits, const GraphAdjacency& graph)
      : limits_(limits), graph_(graph) {}

  // The verdicts of the pack's limits that apply to `query`, in LimitKind order, stopping at
  // the first exceeded one. Errors: kGraphNodeNotFound for an unknown node, the graph's errors.
  Result<std::vector<LimitVerdict>> Check(const GraphQuery& query) const;
  // OK when every applicable limit holds, else kGraphLimitExceeded with
  // "<reason_code>: <explanation>" of the first limit exceeded. The one call a query front end
  // makes before it runs a query.
  Status Admit(const GraphQuery& query) const;

  // The single checks, for a declared limit.
  Result<LimitVerdict> CheckComponentSize(const GraphLimit& limit, std::string_view node) const;
  Result<LimitVerdict> CheckDegree(const GraphLimit& limit, std::string_view node) const;
  Result<LimitVerdict> CheckPathLength(const GraphLimit& limit, std::string_view from,
                                       std::string_view to) const;
  LimitVerdict CheckHops(const GraphLimit& limit, uint64_t hops) const;

 private:
  const GraphLimits& limits_;
  const GraphAdjacency& graph_;
};

// For decisions: the query a decision about `input` makes under the pack's `limits.node` and
// `limits.target` paths (kNeighbors about the node, or kShortestPath to the target).
// kInvalidArgument when the input lacks the node or names it with something other than a string.
Result<GraphQuery> DecisionQuery(const GraphLimits& limits, const Value& input);

}  // namespace tf::policy

#endif  // TF_POLICY_GRAPH_GUARD_H_
