// File: ledger/merkle_tree.h
//
// Proof generation and root computation for an RFC 9162 tree whose complete subtrees are stored
// (see node_id.h). Every function here reads O(log n) stored nodes through a `NodeReader` and
// never recomputes a subtree from its leaves: a proof element is either one stored node or, on
// the tree's right edge, the fold of at most log2(n) stored nodes.
//
//   TF_ASSIGN_OR_RETURN(std::vector<Hash> proof, InclusionProof(leaf, size, reader));
#ifndef TF_LEDGER_MERKLE_TREE_H_
#define TF_LEDGER_MERKLE_TREE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "ledger/merkle_hash.h"
#include "ledger/node_id.h"

namespace tf::ledger {

// Source of stored node hashes. Implementations: the storage backends (through a cache) and
// the in-flight batch during group commit. Thread safety is the implementation's to state.
class NodeReader {
 public:
  virtual ~NodeReader() = default;
  // Fills out[i] with the hash of ids[i]. REQUIRES: ids.size() == out.size(). A node that
  // should exist but is missing is kLedgerCorrupt.
  virtual Status ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) const = 0;
};

// The right edge of a tree of `size` leaves: for each peak (maximal complete subtree of
// D[0:size], largest first), the hash of D[peak's first leaf:size], i.e. the fold of that peak and
// every smaller one. Every proof range that is not a complete subtree is one of these, and so is
// the range of each peak, so a proof against `size` that has its right edge at hand reads only
// the complete subtrees left of the edge and hashes nothing. Immutable; thread-safe.
class RightEdge {
 public:
  // `peaks` are the hashes of the peaks of D[0:size], largest first (none for the empty tree,
  // whose edge finds nothing). REQUIRES: peaks.size() == std::popcount(size).
  RightEdge(uint64_t size, std::span<const Hash> peaks);

  uint64_t size() const { return size_; }
  // MTH(D[begin:size]) when `begin` is the first leaf of a peak, else nullptr.
  const Hash* Find(uint64_t begin) const;
  // MTH(D[0:size]). REQUIRES: size > 0.
  const Hash& Root() const { return suffixes_.front(); }

 private:
  uint64_t size_ = 0;
  std::vector<Hash> suffixes_;  // suffixes_[i]: from peak i's first leaf to the end.
};

// MTH(D[0:size]). The empty tree has EmptyRoot().
Result<Hash> RootAt(uint64_t size, const NodeReader& reader);

// RFC 9162 §2.1.3.1 PATH(leaf_index, D[0:tree_size]). `edge`, when given, is the right edge of
// a tree of tree_size leaves: its hashes replace folds of stored nodes.
// Fails with kTreeSizeOutOfRange unless leaf_index < tree_size.
Result<std::vector<Hash>> InclusionProof(uint64_t leaf_index, uint64_t tree_size,
                                         const NodeReader& reader, const RightEdge* edge = nullptr);

// RFC 9162 §2.1.4.1 PROOF(size1, D[0:size2]). Empty when size1 == size2. `edge`, when given, is
// the right edge of a tree of size2 leaves.
// Fails with kTreeSizeOutOfRange unless 0 < size1 <= size2.
Result<std::vector<Hash>> ConsistencyProof(uint64_t size1, uint64_t size2, const NodeReader& reader,
                                           const RightEdge* edge = nullptr);

// Folds hashes of adjacent subtrees, left to right, into the hash of their union as RFC 9162
// defines it for a right edge: (h0, (h1, (h2, ...))). REQUIRES: !hashes.empty().
Hash FoldRightEdge(std::span<const Hash> hashes);

}  // namespace tf::ledger

#endif  // TF_LEDGER_MERKLE_TREE_H_
