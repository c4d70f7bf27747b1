// File: graph/k_hop.h
//
// Bounded k-hop expansion: the nodes within `hops` edges of a start node (breadth first), where
// each expanded node contributes at most `degree_cap` edges (its newest; 0: all) and the search
// stops once `max_nodes` nodes are reached (the result then says `truncated`).
#ifndef TF_GRAPH_K_HOP_H_
#define TF_GRAPH_K_HOP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "graph/graph_store.h"
#include "graph/traversal.h"

namespace tf::graph {

inline constexpr uint32_t kMaxHops = 16;

struct KHopOptions {
  uint32_t hops = 2;      // 1..kMaxHops
  size_t degree_cap = 0;  // edges followed per expanded node; 0: all
  size_t max_nodes = 100'000;
  bool with_ids = true;  // fill KHopResult::ids (one lookup per node reached)
};

struct KHopResult {
  std::vector<uint64_t> per_hop;  // per_hop[d]: nodes first reached at d+1 hops
  uint64_t reached = 0;           // nodes within the hops, the start excluded
  bool truncated = false;         // max_nodes stopped the search
  std::vector<NodeIndex> nodes;   // reached nodes in BFS order
  std::vector<std::string> ids;   // their ids (with_ids)
};

Result<KHopResult> KHop(const GraphStore& store, std::string_view node,
                        const TraversalOptions& options, const KHopOptions& k);
Result<KHopResult> KHopFrom(const GraphStore& store, NodeIndex start,
                            const TraversalOptions& options, const KHopOptions& k);

// {"node":"42","hops":2,"reached":N,"per_hop":[…],"truncated":false,"nodes":["7",…]}
Value KHopToValue(std::string_view node, const KHopOptions& k, const KHopResult& result);

}  // namespace tf::graph

#endif  // TF_GRAPH_K_HOP_H_
