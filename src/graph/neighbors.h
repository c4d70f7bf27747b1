// File: graph/neighbors.h
//
// A node's neighbours: the edges at one node under TraversalOptions, newest first (outgoing
// before incoming with Direction::kBoth), at most `limit`.
#ifndef TF_GRAPH_NEIGHBORS_H_
#define TF_GRAPH_NEIGHBORS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "graph/graph_store.h"
#include "graph/traversal.h"

namespace tf::graph {

struct Neighbor {
  std::string id;
  std::string type;
  int64_t observed_at = 0;
  Direction direction = Direction::kOut;  // kOut: node -> id; kIn: id -> node
  uint64_t edge_id = 0;
};

struct NeighborsResult {
  std::vector<Neighbor> neighbors;
  bool truncated = false;  // more edges matched than `limit`
};

inline constexpr size_t kDefaultNeighborLimit = 1000;

Result<NeighborsResult> Neighbors(const GraphStore& store, std::string_view node,
                                  const TraversalOptions& options,
                                  size_t limit = kDefaultNeighborLimit);

// {"node":"42","neighbors":[{"id":"7","type":"RATED","direction":"out","observed_at":"…"},…],
//  "truncated":false}
Value NeighborsToValue(std::string_view node, const NeighborsResult& result);

}  // namespace tf::graph

#endif  // TF_GRAPH_NEIGHBORS_H_
