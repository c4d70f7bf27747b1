// File: ledger/internal/tree_math.h
//
// Index arithmetic of RFC 9162 Merkle trees, shared by proof generation, tree building and the
// audit. Everything here is pure: it says which subtrees a proof or root is made of, never what
// their hashes are.
#ifndef TF_LEDGER_INTERNAL_TREE_MATH_H_
#define TF_LEDGER_INTERNAL_TREE_MATH_H_

#include <cstdint>
#include <vector>

#include "ledger/node_id.h"

namespace tf::ledger::internal {

// The leaves [begin, end) of one subtree in the RFC 9162 recursion. Its hash is MTH(D[begin:end]).
struct LeafRange {
  uint64_t begin = 0;
  uint64_t end = 0;
};

// The largest power of two strictly smaller than n (RFC 9162 §2.1.1's k). REQUIRES: n >= 2.
uint64_t SplitPoint(uint64_t n);

// Appends the maximal complete subtrees covering [begin, end), left to right. The right fold of
// their hashes (h0, (h1, (h2, ...))) is MTH(D[begin:end]).
// REQUIRES: begin < end, and begin is a multiple of the largest power of two <= end - begin
// (true of [0, n) and of every range of the RFC 9162 recursion).
void AppendCompleteSubtrees(uint64_t begin, uint64_t end, std::vector<NodeId>& out);

// RFC 9162 §2.1.3.1: the subtrees whose hashes form PATH(m, D[n]), in proof order (from the
// leaf's sibling up). REQUIRES: m < n.
std::vector<LeafRange> InclusionPathRanges(uint64_t m, uint64_t n);

// RFC 9162 §2.1.4.1: the subtrees whose hashes form PROOF(m, D[n]), in proof order.
// REQUIRES: 0 < m <= n.
std::vector<LeafRange> ConsistencyPathRanges(uint64_t m, uint64_t n);

}  // namespace tf::ledger::internal

#endif  // TF_LEDGER_INTERNAL_TREE_MATH_H_
