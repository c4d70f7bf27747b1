// File: ledger/internal/node_cache.h
//
// `NodeCache` keeps every stored node at or above `min_level` in memory. Those upper levels are a
// small fraction of the tree (2^-min_level of the nodes; 2.5 MB for 10M entries at level 8) but
// appear in every proof, so a proof reads only its lowest levels from storage. Nodes never change
// once written, so the cache is a pure append-only copy and needs no invalidation.
//
// It also remembers the right edge (merkle_tree.h) of the tree size a proof last asked for,
// usually the head: every proof against that size needs the same right-edge hashes, and without
// them a proof reads the peaks below min_level from storage (a second tile) and hashes up to
// log2(n) of them again. Nodes never change, so an edge stays true; it is replaced, not updated.
//
// `StoreNodeReader` answers from the cache first and reads the rest from the Store in one call.
// `WindowNodeReader` serves a batch being committed from memory (see NodeWindow).
//
// Thread safety: NodeCache is internally synchronised (readers share, Add is exclusive).
#ifndef TF_LEDGER_INTERNAL_NODE_CACHE_H_
#define TF_LEDGER_INTERNAL_NODE_CACHE_H_

#include <array>
#include <optional>
#include <shared_mutex>
#include <span>
#include <utility>
#include <vector>

#include "ledger/merkle_tree.h"
#include "ledger/node_id.h"
#include "ledger/store.h"

namespace tf::ledger::internal {

class NodeCache {
 public:
  explicit NodeCache(int min_level) : min_level_(min_level) {}

  // Fills the cache with the nodes of a tree of `size` leaves, reading them from `store`.
  Status Load(Store& store, uint64_t size);
  // Records nodes written by a committed batch; ignores those below min_level. REQUIRES: per
  // level, nodes arrive in index order and continue where the cache ends.
  void Add(std::span<const std::pair<NodeId, Hash>> nodes);
  // Sets out[i] for every cached ids[i] and appends the positions of the others to `missing`.
  void LookupAll(std::span<const NodeId> ids, std::span<Hash> out,
                 std::vector<size_t>& missing) const;
  int min_level() const { return min_level_; }

  // The remembered right edge, if it is the one of a tree of `size` leaves.
  std::optional<RightEdge> Edge(uint64_t size) const;
  // A memo of values derived from the nodes, hence const.
  void RememberEdge(RightEdge edge) const;

 private:
  const int min_level_;
  mutable std::shared_mutex mu_;
  std::array<std::vector<Hash>, kMaxTreeLevel + 1> levels_;
  mutable std::optional<RightEdge> edge_;
};

class StoreNodeReader final : public NodeReader {
 public:
  StoreNodeReader(const NodeCache& cache, Store& store) : cache_(cache), store_(store) {}
  Status ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) const override;
  // The right edge of a tree of `size` leaves: remembered by the cache, or read (its peaks) and
  // then remembered. REQUIRES: size <= the stored tree's size.
  Result<RightEdge> EdgeAt(uint64_t size) const;

 private:
  const NodeCache& cache_;
  Store& store_;
};

// The nodes a batch creates plus the peaks of the tree before it, indexed per level. Every node
// an inclusion proof for a batch entry needs (and the consistency proof from the previous head)
// is one of these, so receipts for a whole batch are computed without any storage read.
class NodeWindow {
 public:
  // REQUIRES: per level, ids are added in increasing, contiguous index order.
  void Add(const NodeId& id, const Hash& hash);
  bool Lookup(const NodeId& id, Hash* out) const;

 private:
  struct Level {
    uint64_t first = 0;
    std::vector<Hash> hashes;
  };
  std::array<Level, kMaxTreeLevel + 1> levels_;
};

class WindowNodeReader final : public NodeReader {
 public:
  WindowNodeReader(const NodeWindow& window, const NodeReader& fallback)
      : window_(window), fallback_(fallback) {}
  Status ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) const override;

 private:
  const NodeWindow& window_;
  const NodeReader& fallback_;
};

}  // namespace tf::ledger::internal

#endif  // TF_LEDGER_INTERNAL_NODE_CACHE_H_
