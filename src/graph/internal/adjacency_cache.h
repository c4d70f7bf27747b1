// File: graph/internal/adjacency_cache.h
//
// `AdjacencyCache`: an in-memory, compressed copy of the hot adjacency index for traversals
// (GraphStoreOptions::adjacency_cache, GraphStore::BuildAdjacencyCache). Per direction, each
// node's entries are one run of varints in a shared buffer, newest first as in RocksDB: the time
// as a delta from the previous entry (so usually one or two bytes), the other node, the type and
// the edge id. About 12 bytes an entry against ~40 in RocksDB, and a node's edges are one
// contiguous read instead of an iterator seek.
//
// Immutable once built, so readers share it without locks. A store that keeps it current builds
// the next one from the previous one and a batch's entries (WithEdges): untouched nodes' runs are
// copied as bytes, touched nodes' runs are merged in key order.
#ifndef TF_GRAPH_INTERNAL_ADJACENCY_CACHE_H_
#define TF_GRAPH_INTERNAL_ADJACENCY_CACHE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/graph_store.h"
#include "graph/internal/codec.h"

namespace tf::graph::internal {

// One adjacency entry of a batch being applied, as the cache stores it.
struct CacheEdge {
  NodeIndex node = 0;  // whose run it belongs to
  NodeIndex other = 0;
  uint32_t type = 0;
  int64_t time = 0;
  uint64_t edge_id = 0;
};

class AdjacencyCache {
 public:
  // Appends entries in the store's key order: node ascending, then newest first (equal times:
  // edge id ascending).
  class Builder {
   public:
    explicit Builder(uint64_t node_count);
    void Add(EdgeDir dir, NodeIndex node, const AdjacentEdge& e);
    // Copies the runs of nodes [begin, end) of `from` as they are. REQUIRES: nothing was added
    // for nodes >= begin yet.
    void CopyRuns(const AdjacencyCache& from, EdgeDir dir, NodeIndex begin, NodeIndex end);
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

  // A copy of `base` with `out` and `in` (any order) added, for a graph of `node_count` nodes.
  static Result<AdjacencyCache> WithEdges(const AdjacencyCache& base, uint64_t node_count,
                                          std::vector<CacheEdge> out, std::vector<CacheEdge> in);

  uint64_t applied_batch = 0;  // the store state the cache reflects
  uint64_t bytes() const;
  uint64_t node_count() const {
    return sides_[0].offsets.empty() ? 0 : sides_[0].offsets.size() - 1;
  }

  // As GraphStore::VisitEdges on the hot tier: `visit(const AdjacentEdge&)` for each entry of
  // `node` in `dir` observed in [oldest, newest], newest first, until it returns false.
  template <typename Visitor>
  Status Visit(NodeIndex node, EdgeDir dir, int64_t oldest, int64_t newest, Visitor&& visit) const {
    const Side& side = sides_[static_cast<int>(dir)];
    if (node + 1 >= side.offsets.size()) return Status();
    const uint64_t begin = side.offsets[node], end = side.offsets[node + 1];
    Reader r(std::string_view(side.bytes).substr(begin, end - begin));
    AdjacentEdge e;
    bool first = true;
    while (!r.done()) {
      uint64_t t = 0, other = 0, type = 0, edge_id = 0;
      if (!r.Varint(t) || !r.Varint(other) || !r.Varint(type) || !r.Varint(edge_id)) {
        return Status(ErrorCode::kGraphStoreCorrupt,
                      "graph store: adjacency cache entry does not decode");
      }
      e.time = first ? UnZigZag(t) : static_cast<int64_t>(static_cast<uint64_t>(e.time) - t);
      first = false;
      if (e.time > newest) continue;
      if (e.time < oldest) break;
      e.other = other;
      e.type = static_cast<uint32_t>(type);
      e.edge_id = edge_id;
      if (!visit(static_cast<const AdjacentEdge&>(e))) break;
    }
    return Status();
  }

 private:
  struct Side {
    std::vector<uint64_t> offsets;  // node_count + 1
    std::string bytes;
  };
  Side sides_[2];
};

}  // namespace tf::graph::internal

#endif  // TF_GRAPH_INTERNAL_ADJACENCY_CACHE_H_
