#include "ledger/internal/tree_math.h"

#include <algorithm>
#include <bit>

namespace tf::ledger::internal {

uint64_t SplitPoint(uint64_t n) {
  return std::bit_floor(n - 1);
}

void AppendCompleteSubtrees(uint64_t begin, uint64_t end, std::vector<NodeId>& out) {
  while (begin < end) {
    // The largest aligned power of two that fits: limited by the remaining length and by the
    // alignment of `begin` (begin == 0 is aligned to everything).
    uint64_t size = std::bit_floor(end - begin);
    if (begin != 0) size = std::min(size, begin & (~begin + 1));
    const int level = std::countr_zero(size);
    out.push_back(NodeId{static_cast<uint8_t>(level), begin >> level});
    begin += size;
  }
}

std::vector<LeafRange> InclusionPathRanges(uint64_t m, uint64_t n) {
  // Walk down from the root; each step records the sibling of the half holding m. The proof
  // lists siblings from the bottom up, so the walk's order is reversed at the end.
  std::vector<LeafRange> siblings;
  siblings.reserve(std::bit_width(n));  // The path is at most ceil(log2(n)) long.
  uint64_t lo = 0;
  uint64_t hi = n;
  while (hi - lo > 1) {
    const uint64_t k = SplitPoint(hi - lo);
    if (m - lo < k) {
      siblings.push_back({lo + k, hi});
      hi = lo + k;
    } else {
      siblings.push_back({lo, lo + k});
      lo += k;
    }
  }
  std::reverse(siblings.begin(), siblings.end());
  return siblings;
}

std::vector<LeafRange> ConsistencyPathRanges(uint64_t m, uint64_t n) {
  // SUBPROOF(m, D[lo:hi], b) unrolled. `whole` is b: true while the walk has only gone left,
  // i.e. while D[lo:hi]'s prefix of m leaves is the old tree itself, whose root the verifier
  // already has.
  std::vector<LeafRange> siblings;
  std::vector<LeafRange> out;
  uint64_t lo = 0;
  uint64_t hi = n;
  bool whole = true;
  while (m != hi) {
    const uint64_t k = SplitPoint(hi - lo);
    if (m - lo <= k) {
      siblings.push_back({lo + k, hi});
      hi = lo + k;
    } else {
      siblings.push_back({lo, lo + k});
      lo += k;
      whole = false;
    }
  }
  if (!whole) out.push_back({lo, hi});
  out.insert(out.end(), siblings.rbegin(), siblings.rend());
  return out;
}

}  // namespace tf::ledger::internal
