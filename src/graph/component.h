// File: graph/component.h
//
// The size of a node's weakly connected component (edges followed in both directions, whatever
// options.direction says; edge types, time window, age and archive options apply). The search
// stops as soon as the size passes `limit`: then `exceeded` is true and `size` is limit + 1, a
// lower bound. That is what a policy limit "component size <= N" needs, at the cost of N nodes.
#ifndef TF_GRAPH_COMPONENT_H_
#define TF_GRAPH_COMPONENT_H_

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "core/value.h"
#include "graph/graph_store.h"
#include "graph/traversal.h"

namespace tf::graph {

inline constexpr uint64_t kDefaultComponentLimit = 1'000'000;

struct ComponentSize {
  uint64_t size = 0;      // nodes, the start included
  bool exceeded = false;  // the search stopped at limit + 1
};

Result<ComponentSize> ComponentSizeOf(const GraphStore& store, std::string_view node,
                                      const TraversalOptions& options,
                                      uint64_t limit = kDefaultComponentLimit);

// {"node":"42","component_size":N,"exceeded":false}
Value ComponentToValue(std::string_view node, const ComponentSize& result);

}  // namespace tf::graph

#endif  // TF_GRAPH_COMPONENT_H_
