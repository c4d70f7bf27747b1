// File: graph/internal/edge_walker.h
//
// `EdgeWalker`: a node's edges under TraversalOptions (directions, tiers, type filter, time
// window, age restriction), for the query implementations.
#ifndef TF_GRAPH_INTERNAL_EDGE_WALKER_H_
#define TF_GRAPH_INTERNAL_EDGE_WALKER_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "core/status.h"
#include "graph/graph_store.h"
#include "graph/traversal.h"

namespace tf::graph::internal {

struct WalkedEdge {
  NodeIndex other = 0;
  uint32_t type = 0;
  int64_t time = 0;
  uint64_t edge_id = 0;
  EdgeDir dir = EdgeDir::kOut;
};

class EdgeWalker {
 public:
  // `recent_only`: apply the age cutoff as a restriction even when options.age is kPrefer.
  EdgeWalker(const GraphStore& store, const TraversalOptions& options, bool recent_only);

  // Visits the node's edges, newest first per direction; `visit` returns false to stop.
  Status Visit(NodeIndex node, const std::function<bool(const WalkedEdge&)>& visit) const;
  // Up to `cap` neighbour edges of `node` (all when cap is 0).
  Status Collect(NodeIndex node, size_t cap, std::vector<WalkedEdge>& out) const;

 private:
  const GraphStore& store_;
  const TraversalOptions& options_;
  int64_t oldest_;
  bool filter_types_ = false;
  std::vector<uint32_t> types_;  // sorted
};

}  // namespace tf::graph::internal

#endif  // TF_GRAPH_INTERNAL_EDGE_WALKER_H_
