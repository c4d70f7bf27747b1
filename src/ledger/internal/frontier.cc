#include "ledger/internal/frontier.h"

#include "ledger/internal/tree_math.h"

namespace tf::ledger::internal {

Result<Frontier> Frontier::Load(uint64_t size, const NodeReader& reader) {
  Frontier f;
  f.size_ = size;
  std::vector<NodeId> ids = f.PeakIds();
  f.peaks_.resize(ids.size());
  TF_RETURN_IF_ERROR(reader.ReadNodes(ids, f.peaks_));
  return f;
}

std::vector<NodeId> Frontier::PeakIds() const {
  std::vector<NodeId> ids;
  if (size_ > 0) AppendCompleteSubtrees(0, size_, ids);
  return ids;
}

Hash Frontier::Root() const {
  return peaks_.empty() ? EmptyRoot() : FoldRightEdge(peaks_);
}

}  // namespace tf::ledger::internal
