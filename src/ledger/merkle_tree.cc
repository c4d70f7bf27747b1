#include "ledger/merkle_tree.h"

#include <bit>
#include <cstdint>
#include <string>
#include <utility>

#include "ledger/internal/tree_math.h"

namespace tf::ledger {
namespace {

using internal::LeafRange;

// Hashes each range: from `edge` when it is a right-edge range of the edge's tree, else from its
// stored complete subtrees, reading all of those in one call so a backend can batch the lookups
// (one RocksDB MultiGet, one SQL query).
Result<std::vector<Hash>> HashRanges(const std::vector<LeafRange>& ranges, const NodeReader& reader,
                                     const RightEdge* edge) {
  std::vector<Hash> out(ranges.size());
  std::vector<NodeId> ids;
  // Usually one subtree per range, plus the peaks of one right edge.
  ids.reserve(ranges.size() + kMaxTreeLevel);
  // Where each range's subtrees are in `ids`, and how many; none when the edge had its hash.
  std::vector<std::pair<size_t, size_t>> subtrees(ranges.size());
  for (size_t i = 0; i < ranges.size(); ++i) {
    const LeafRange& r = ranges[i];
    const Hash* known = edge != nullptr && r.end == edge->size() ? edge->Find(r.begin) : nullptr;
    if (known != nullptr) {
      out[i] = *known;
      continue;
    }
    const size_t first = ids.size();
    internal::AppendCompleteSubtrees(r.begin, r.end, ids);
    subtrees[i] = {first, ids.size() - first};
  }
  if (ids.empty()) return out;
  std::vector<Hash> nodes(ids.size());
  TF_RETURN_IF_ERROR(reader.ReadNodes(ids, nodes));
  for (size_t i = 0; i < ranges.size(); ++i) {
    const auto [first, count] = subtrees[i];
    if (count > 0) out[i] = FoldRightEdge(std::span<const Hash>(nodes).subspan(first, count));
  }
  return out;
}

Status OutOfRange(std::string message) {
  return Status(ErrorCode::kTreeSizeOutOfRange, std::move(message));
}

}  // namespace

RightEdge::RightEdge(uint64_t size, std::span<const Hash> peaks)
    : size_(size), suffixes_(peaks.size()) {
  NodeHasher hasher;
  for (size_t i = peaks.size(); i-- > 0;)
    suffixes_[i] = i + 1 == peaks.size() ? peaks[i] : hasher.Children(peaks[i], suffixes_[i + 1]);
}

const Hash* RightEdge::Find(uint64_t begin) const {
  // A peak starts where the set bits of size above it end: begin keeps size's high bits and the
  // rest (size - begin) lies below begin's lowest set bit. The peaks before it are begin's bits.
  if (begin >= size_) return nullptr;
  const uint64_t rest = size_ - begin;
  if (begin != 0 && rest >= (begin & (~begin + 1))) return nullptr;
  return &suffixes_[std::popcount(begin)];
}

Hash FoldRightEdge(std::span<const Hash> hashes) {
  Hash acc = hashes.back();
  for (size_t i = hashes.size() - 1; i-- > 0;)
    acc = HashChildren(hashes[i], acc);
  return acc;
}

Result<Hash> RootAt(uint64_t size, const NodeReader& reader) {
  if (size == 0) return EmptyRoot();
  TF_ASSIGN_OR_RETURN(std::vector<Hash> root,
                      HashRanges({LeafRange{0, size}}, reader, /*edge=*/nullptr));
  return root[0];
}

Result<std::vector<Hash>> InclusionProof(uint64_t leaf_index, uint64_t tree_size,
                                         const NodeReader& reader, const RightEdge* edge) {
  if (leaf_index >= tree_size) {
    return OutOfRange("leaf " + std::to_string(leaf_index) + " is not in a tree of size " +
                      std::to_string(tree_size));
  }
  return HashRanges(internal::InclusionPathRanges(leaf_index, tree_size), reader, edge);
}

Result<std::vector<Hash>> ConsistencyProof(uint64_t size1, uint64_t size2, const NodeReader& reader,
                                           const RightEdge* edge) {
  if (size1 == 0 || size1 > size2) {
    return OutOfRange("no consistency proof from size " + std::to_string(size1) + " to size " +
                      std::to_string(size2) + " (need 0 < from <= to)");
  }
  return HashRanges(internal::ConsistencyPathRanges(size1, size2), reader, edge);
}

}  // namespace tf::ledger
