// File: ledger/internal/frontier.h
//
// `Frontier`: the right edge of the tree, i.e. the hashes of the maximal complete subtrees
// ("peaks") of D[0:size], largest first. It is all the state needed to append leaves and compute
// the root: appending a leaf merges equal-sized peaks, which is exactly the set of stored nodes
// the leaf completes. At most 64 hashes, so it is copied freely.
#ifndef TF_LEDGER_INTERNAL_FRONTIER_H_
#define TF_LEDGER_INTERNAL_FRONTIER_H_

#include <bit>
#include <cstdint>
#include <vector>

#include "core/status.h"
#include "ledger/merkle_hash.h"
#include "ledger/merkle_tree.h"
#include "ledger/node_id.h"

namespace tf::ledger::internal {

class Frontier {
 public:
  Frontier() = default;

  // Reads the peaks of a tree of `size` leaves from stored nodes.
  static Result<Frontier> Load(uint64_t size, const NodeReader& reader);

  uint64_t size() const { return size_; }
  const std::vector<Hash>& peaks() const { return peaks_; }
  // The ids of the peaks, largest first (the complete-subtree decomposition of [0, size)).
  std::vector<NodeId> PeakIds() const;
  // MTH(D[0:size]).
  Hash Root() const;

  // Appends one leaf hash and calls on_node(NodeId, const Hash&) for every node it completes:
  // the leaf itself, then each ancestor that became complete, bottom up. `hasher` is the caller's,
  // reused across appends.
  template <typename OnNode>
  void Append(const Hash& leaf_hash, NodeHasher& hasher, OnNode&& on_node) {
    const uint64_t index = size_;
    Hash h = leaf_hash;
    on_node(NodeId{0, index}, h);
    // Each trailing one bit of the index is a left sibling peak of equal size to merge with.
    uint8_t level = 0;
    while ((index >> level) & 1) {
      h = hasher.Children(peaks_.back(), h);
      peaks_.pop_back();
      ++level;
      on_node(NodeId{level, index >> level}, h);
    }
    peaks_.push_back(h);
    ++size_;
  }

 private:
  uint64_t size_ = 0;
  std::vector<Hash> peaks_;
};

}  // namespace tf::ledger::internal

#endif  // TF_LEDGER_INTERNAL_FRONTIER_H_
