// File: graph/shortest_path.h
//
// Shortest path length between two nodes by bidirectional breadth-first search (the smaller
// frontier expands next), under TraversalOptions: with Direction::kOut a path follows edges
// forwards, kIn backwards, kBoth ignores direction. Bounded by `max_depth` and `max_visited`;
// a search that hits either bound without a path says `complete = false`.
#ifndef TF_GRAPH_SHORTEST_PATH_H_
#define TF_GRAPH_SHORTEST_PATH_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/status.h"
#include "core/value.h"
#include "graph/graph_store.h"
#include "graph/traversal.h"

namespace tf::graph {

struct PathOptions {
  uint32_t max_depth = 32;
  uint64_t max_visited = 1'000'000;
};

struct PathResult {
  std::optional<uint32_t> length;  // nullopt: no path within the bounds
  bool complete = true;            // false: a bound stopped the search first
  bool recent_only = false;        // AgeMode::kPrefer found this path over recent edges only
  uint64_t visited = 0;
};

Result<PathResult> ShortestPathLength(const GraphStore& store, std::string_view from,
                                      std::string_view to, const TraversalOptions& options,
                                      const PathOptions& bounds = {});

// {"from":"1","to":"9","length":3} (length null when there is no path)
Value PathToValue(std::string_view from, std::string_view to, const PathResult& result);

}  // namespace tf::graph

#endif  // TF_GRAPH_SHORTEST_PATH_H_
