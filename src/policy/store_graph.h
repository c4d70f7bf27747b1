// File: policy/store_graph.h
//
// The graph store as the GraphGuard reads it: adjacency from the store's indexes, and the
// bounded queries from the graph module's query API (graph::ComponentSizeOf with its early stop,
// graph::Degree with stop_above, graph::ShortestPathLength bounded to the limit's depth), so a
// limit check on the store costs what the limit allows.
//
//   tf::policy::StoreGraph graph(store);
//   tf::policy::GraphGuard guard(pack.manifest.limits, graph);
//   TF_RETURN_IF_ERROR(guard.Admit({tf::policy::GraphQueryKind::kComponentSize, "42"}));
//   // ... then run the query
#ifndef TF_POLICY_STORE_GRAPH_H_
#define TF_POLICY_STORE_GRAPH_H_

#include "graph/graph_store.h"
#include "graph/traversal.h"
#include "policy/graph_guard.h"

namespace tf::policy {

class StoreGraph final : public GraphAdjacency {
 public:
  // `options` restrict which edges count (edge types, time window, archive); their direction
  // is set per query. The defaults: every hot edge. REQUIRES: store outlives this.
  explicit StoreGraph(const graph::GraphStore& store, graph::TraversalOptions options = {})
      : store_(store), options_(std::move(options)) {}

  Result<std::optional<uint64_t>> FindNode(std::string_view id) const override;
  Status VisitNeighbors(uint64_t node, EdgeDirection dir,
                        const std::function<bool(uint64_t)>& visit) const override;
  Result<BoundedCount> ComponentSize(std::string_view node, uint64_t max) const override;
  Result<BoundedCount> Degree(std::string_view node, DegreeDirection direction,
                              uint64_t max) const override;
  Result<std::optional<uint64_t>> PathLength(std::string_view from, std::string_view to,
                                             uint64_t max) const override;

 private:
  const graph::GraphStore& store_;
  graph::TraversalOptions options_;
};

}  // namespace tf::policy

#endif  // TF_POLICY_STORE_GRAPH_H_
