#include "ledger/merkle_tree.h"

#include <string>

#include "ledger/internal/tree_math.h"

namespace tf::ledger {
namespace {

using internal::LeafRange;

// Hashes each range from its stored complete subtrees, reading all of them in one call so a
// backend can batch the lookups (one RocksDB MultiGet, one SQL query).
Result<std::vector<Hash>> HashRanges(const std::vector<LeafRange>& ranges,
                                     const NodeReader& reader) {
  std::vector<NodeId> ids;
  std::vector<size_t> starts;
  starts.reserve(ranges.size() + 1);
  for (const LeafRange& r : ranges) {
    starts.push_back(ids.size());
    internal::AppendCompleteSubtrees(r.begin, r.end, ids);
  }
  starts.push_back(ids.size());
  std::vector<Hash> nodes(ids.size());
  TF_RETURN_IF_ERROR(reader.ReadNodes(ids, nodes));
  std::vector<Hash> out;
  out.reserve(ranges.size());
  for (size_t i = 0; i < ranges.size(); ++i) {
    out.push_back(
        FoldRightEdge(std::span<const Hash>(nodes).subspan(starts[i], starts[i + 1] - starts[i])));
  }
  return out;
}

Status OutOfRange(std::string message) {
  return Status(ErrorCode::kTreeSizeOutOfRange, std::move(message));
}

}  // namespace

Hash FoldRightEdge(std::span<const Hash> hashes) {
  Hash acc = hashes.back();
  for (size_t i = hashes.size() - 1; i-- > 0;)
    acc = HashChildren(hashes[i], acc);
  return acc;
}

Result<Hash> RootAt(uint64_t size, const NodeReader& reader) {
  if (size == 0) return EmptyRoot();
  TF_ASSIGN_OR_RETURN(std::vector<Hash> root, HashRanges({LeafRange{0, size}}, reader));
  return root[0];
}

Result<std::vector<Hash>> InclusionProof(uint64_t leaf_index, uint64_t tree_size,
                                         const NodeReader& reader) {
  if (leaf_index >= tree_size) {
    return OutOfRange("leaf " + std::to_string(leaf_index) + " is not in a tree of size " +
                      std::to_string(tree_size));
  }
  return HashRanges(internal::InclusionPathRanges(leaf_index, tree_size), reader);
}

Result<std::vector<Hash>> ConsistencyProof(uint64_t size1, uint64_t size2,
                                           const NodeReader& reader) {
  if (size1 == 0 || size1 > size2) {
    return OutOfRange("no consistency proof from size " + std::to_string(size1) + " to size " +
                      std::to_string(size2) + " (need 0 < from <= to)");
  }
  return HashRanges(internal::ConsistencyPathRanges(size1, size2), reader);
}

}  // namespace tf::ledger
