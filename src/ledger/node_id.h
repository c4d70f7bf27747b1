// File: ledger/node_id.h
//
// `NodeId` names one stored node of the Merkle tree: the root of a complete (perfect) subtree.
// Level 0 holds leaf hashes; the node at (level, index) covers leaves
// [index * 2^level, (index + 1) * 2^level). Only complete subtrees are ever stored, so a stored
// node never changes once written: the log only appends.
#ifndef TF_LEDGER_NODE_ID_H_
#define TF_LEDGER_NODE_ID_H_

#include <cstdint>

namespace tf::ledger {

// Trees hold at most 2^63 leaves, so levels run 0..63.
inline constexpr int kMaxTreeLevel = 63;

struct NodeId {
  uint8_t level = 0;
  uint64_t index = 0;

  uint64_t FirstLeaf() const { return index << level; }
  uint64_t EndLeaf() const { return (index + 1) << level; }
  uint64_t LeafCount() const { return uint64_t{1} << level; }
};

inline bool operator==(const NodeId& a, const NodeId& b) {
  return a.level == b.level && a.index == b.index;
}
inline bool operator<(const NodeId& a, const NodeId& b) {
  return a.level != b.level ? a.level < b.level : a.index < b.index;
}

}  // namespace tf::ledger

#endif  // TF_LEDGER_NODE_ID_H_
