// File: graph/internal/edge_walker.h
//
// `EdgeWalker`: a node's edges under TraversalOptions (directions, tiers, type filter, time
// window, age restriction), for the query implementations. It takes the store's adjacency cache
// once, when it is made, so a query reads one consistent copy and decodes each node's hot edges
// straight from it (no lock, iterator or std::function per node); the archive tier, and a store
// without a cache, are read from RocksDB.
#ifndef TF_GRAPH_INTERNAL_EDGE_WALKER_H_
#define TF_GRAPH_INTERNAL_EDGE_WALKER_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/status.h"
#include "graph/graph_store.h"
#include "graph/internal/adjacency_cache.h"
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
  // REQUIRES: store and options outlive the walker.
  EdgeWalker(const GraphStore& store, const TraversalOptions& options, bool recent_only);

  // Visits the node's edges, newest first per direction; `visit(const WalkedEdge&)` returns
  // false to stop.
  template <typename Visitor>
  Status Visit(NodeIndex node, Visitor&& visit) const {
    if (filter_types_ && types_.empty()) return Status();
    bool stopped = false;
    for (EdgeDir dir : {EdgeDir::kOut, EdgeDir::kIn}) {
      if (!Follows(dir)) continue;
      auto each = [&](const AdjacentEdge& e) {
        if (filter_types_ && !std::binary_search(types_.begin(), types_.end(), e.type)) {
          return true;
        }
        stopped = !visit(WalkedEdge{e.other, e.type, e.time, e.edge_id, dir});
        return !stopped;
      };
      if (cache_ != nullptr) {
        TF_RETURN_IF_ERROR(cache_->Visit(node, dir, oldest_, options_.newest, each));
      } else {
        TF_RETURN_IF_ERROR(
            store_.VisitEdges(node, dir, Tier::kHot, oldest_, options_.newest, each));
      }
      if (stopped) return Status();
      if (options_.include_archive) {
        TF_RETURN_IF_ERROR(
            store_.VisitEdges(node, dir, Tier::kArchive, oldest_, options_.newest, each));
        if (stopped) return Status();
      }
    }
    return Status();
  }

  // Up to `cap` neighbour edges of `node` (all when cap is 0).
  Status Collect(NodeIndex node, size_t cap, std::vector<WalkedEdge>& out) const;

 private:
  bool Follows(EdgeDir dir) const {
    return options_.direction == Direction::kBoth ||
           (options_.direction == Direction::kOut) == (dir == EdgeDir::kOut);
  }

  const GraphStore& store_;
  const TraversalOptions& options_;
  std::shared_ptr<const AdjacencyCache> cache_;  // null: read the hot tier from RocksDB
  int64_t oldest_;
  bool filter_types_ = false;
  std::vector<uint32_t> types_;  // sorted
};

}  // namespace tf::graph::internal

#endif  // TF_GRAPH_INTERNAL_EDGE_WALKER_H_
