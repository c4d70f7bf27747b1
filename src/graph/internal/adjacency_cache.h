// File: graph/internal/adjacency_cache.h
//
// `AdjacencyCache`: an in-memory, compressed copy of the hot adjacency index for traversals
// (GraphStore::BuildAdjacencyCache). Per direction, each node's entries are one run of varints in
// a shared buffer, newest first as in RocksDB: the time as a delta from the previous entry (so
// usually one or two bytes), the other node, the type and the edge id. About 12 bytes an entry
// against ~40 in RocksDB, and a node's edges are one contiguous read instead of an iterator
// seek. Immutable once built; the store drops it on the next write.
#ifndef TF_GRAPH_INTERNAL_ADJACENCY_CACHE_H_
#define TF_GRAPH_INTERNAL_ADJACENCY_CACHE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/graph_store.h"

namespace tf::graph::internal {

class AdjacencyCache {
 public:
  // Appends entries in the store's key order: node ascending, then newest first.
  class Builder {
   public:
    explicit Builder(uint64_t node_count);
    void Add(EdgeDir dir, NodeIndex node, const AdjacentEdge& e);
    AdjacencyCache Finish() &&;

   private:
    struct Side {
      std::vector<uint64_t> offsets;  // offsets[n]: start of node n's run (filled lazily)
      std::string bytes;
      NodeIndex next_node = 0;  // nodes below this have their offset set
      int64_t last_time = 0;
    };
    void Advance(Side& side, NodeIndex to);
    uint64_t node_count_;
    Side sides_[2];
  };

  uint64_t applied_batch = 0;  // the store state the cache reflects
  uint64_t bytes() const;

  // As GraphStore::VisitEdges on the hot tier.
  Status Visit(NodeIndex node, EdgeDir dir, int64_t oldest, int64_t newest,
               const GraphStore::EdgeVisitor& visit) const;

 private:
  struct Side {
    std::vector<uint64_t> offsets;  // node_count + 1
    std::string bytes;
  };
  Side sides_[2];
};

}  // namespace tf::graph::internal

#endif  // TF_GRAPH_INTERNAL_ADJACENCY_CACHE_H_
