#include "ledger/internal/group_proofs.h"

#include <array>
#include <bit>

#include "ledger/internal/tree_math.h"

namespace tf::ledger::internal {

GroupProofs::GroupProofs(const Frontier& head, const NodeWindow& window, const NodeReader& fallback)
    : size_(head.size()), window_(window), fallback_(fallback), edge_(head.size(), head.peaks()) {}

Status GroupProofs::CompleteNode(const NodeId& id, Hash* out) const {
  if (window_.Lookup(id, out)) return Status::Ok();
  return fallback_.ReadNodes(std::span<const NodeId>(&id, 1), std::span<Hash>(out, 1));
}

Status GroupProofs::InclusionProof(uint64_t leaf, std::vector<Hash>& out) const {
  // RFC 9162 §2.1.3.1, walking down from the root as InclusionPathRanges does; the proof lists
  // the siblings bottom up, so they are collected first and emitted in reverse.
  std::array<LeafRange, kMaxTreeLevel + 1> siblings;
  size_t depth = 0;
  uint64_t lo = 0;
  uint64_t hi = size_;
  while (hi - lo > 1) {
    const uint64_t k = SplitPoint(hi - lo);
    if (leaf - lo < k) {
      siblings[depth++] = {lo + k, hi};
      hi = lo + k;
    } else {
      siblings[depth++] = {lo, lo + k};
      lo += k;
    }
  }
  out.resize(depth);
  for (size_t i = 0; i < depth; ++i) {
    const LeafRange& r = siblings[depth - 1 - i];
    const uint64_t width = r.end - r.begin;
    if (std::has_single_bit(width) && r.begin % width == 0) {
      const int level = std::countr_zero(width);
      TF_RETURN_IF_ERROR(
          CompleteNode(NodeId{static_cast<uint8_t>(level), r.begin >> level}, &out[i]));
      continue;
    }
    // Not complete, so on the right edge: [start of a peak, size).
    const Hash* edge = r.end == size_ ? edge_.Find(r.begin) : nullptr;
    if (edge == nullptr) {
      return Status(ErrorCode::kInternal, "inclusion path range [" + std::to_string(r.begin) +
                                              ", " + std::to_string(r.end) +
                                              ") is neither complete nor on the right edge");
    }
    out[i] = *edge;
  }
  return Status::Ok();
}

}  // namespace tf::ledger::internal
