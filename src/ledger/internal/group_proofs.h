// File: ledger/internal/group_proofs.h
//
// `GroupProofs`: inclusion proofs for every entry of a group commit against the tree head it
// creates, without hashing per entry. RFC 9162's recursion splits a tree of n leaves into
// subtrees that are either complete (a stored node) or lie on the right edge, [lo, n) with lo
// the start of a peak. The right-edge hashes are folds of the new peaks, the same for every entry
// of the group, so they are computed once; each complete node a batch entry's proof needs is an
// old peak or a node the batch created, i.e. in the commit's NodeWindow. A proof is then
// O(log n) lookups (the shared upper part of the paths costs one fold per peak for the group).
#ifndef TF_LEDGER_INTERNAL_GROUP_PROOFS_H_
#define TF_LEDGER_INTERNAL_GROUP_PROOFS_H_

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "ledger/internal/frontier.h"
#include "ledger/internal/node_cache.h"
#include "ledger/merkle_tree.h"

namespace tf::ledger::internal {

class GroupProofs {
 public:
  // `head` is the tree after the group; `window` holds the old peaks and the group's new nodes;
  // `fallback` serves any other node (none for entries of the group). All must outlive this.
  GroupProofs(const Frontier& head, const NodeWindow& window, const NodeReader& fallback);

  // Sets `out` to RFC 9162 PATH(leaf, D[0:head.size()]). REQUIRES: leaf < head.size().
  Status InclusionProof(uint64_t leaf, std::vector<Hash>& out) const;

 private:
  Status CompleteNode(const NodeId& id, Hash* out) const;

  const uint64_t size_;
  const NodeWindow& window_;
  const NodeReader& fallback_;
  const RightEdge edge_;
};

}  // namespace tf::ledger::internal

#endif  // TF_LEDGER_INTERNAL_GROUP_PROOFS_H_
