// File: graph/internal/node_set.h
//
// `NodeSet`: the nodes a search has seen. Open addressing with linear probing over a flat array
// that doubles when half full: no allocation per node, unlike std::unordered_set, which
// dominated the cost of a bounded component search over the adjacency cache.
#ifndef TF_GRAPH_INTERNAL_NODE_SET_H_
#define TF_GRAPH_INTERNAL_NODE_SET_H_

#include <cstdint>
#include <vector>

#include "graph/graph_store.h"

namespace tf::graph::internal {

class NodeSet {
 public:
  // `expected`: how many nodes the search will likely see (sizes the first table).
  explicit NodeSet(uint64_t expected) {
    size_t capacity = kMinCapacity;
    while (capacity < 2 * expected && capacity < kMaxInitialCapacity)
      capacity <<= 1;
    slots_.assign(capacity, kEmpty);
  }

  // True when `node` was not in the set. REQUIRES: node != ~0 (no store has that many nodes).
  bool Insert(NodeIndex node) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    return Place(slots_, node);
  }
  uint64_t size() const { return size_; }

 private:
  static constexpr NodeIndex kEmpty = ~NodeIndex{0};
  static constexpr size_t kMinCapacity = 16;
  static constexpr size_t kMaxInitialCapacity = size_t{1} << 20;

  static size_t Hash(NodeIndex x) { return static_cast<size_t>((x * 0x9E3779B97F4A7C15ull) >> 17); }

  bool Place(std::vector<NodeIndex>& slots, NodeIndex node) {
    const size_t mask = slots.size() - 1;
    for (size_t i = Hash(node) & mask;; i = (i + 1) & mask) {
      if (slots[i] == node) return false;
      if (slots[i] == kEmpty) {
        slots[i] = node;
        ++size_;
        return true;
      }
    }
  }

  void Grow() {
    std::vector<NodeIndex> bigger(slots_.size() * 2, kEmpty);
    size_ = 0;
    for (NodeIndex n : slots_)
      if (n != kEmpty) Place(bigger, n);
    slots_.swap(bigger);
  }

  std::vector<NodeIndex> slots_;
  uint64_t size_ = 0;
};

}  // namespace tf::graph::internal

#endif  // TF_GRAPH_INTERNAL_NODE_SET_H_
