#include "graph/batch_merkle.h"

#include "ledger/merkle_tree.h"

namespace tf::graph {

// Serves the ledger's proof algorithms from the in-memory levels.
class BatchMerkle::Reader final : public ledger::NodeReader {
 public:
  explicit Reader(const BatchMerkle& tree) : tree_(tree) {}
  Status ReadNodes(std::span<const ledger::NodeId> ids,
                   std::span<ledger::Hash> out) const override {
    for (size_t i = 0; i < ids.size(); ++i) {
      const ledger::NodeId& id = ids[i];
      if (id.level >= tree_.levels_.size() || id.index >= tree_.levels_[id.level].size()) {
        return Status(ErrorCode::kInternal, "batch tree has no such node");
      }
      out[i] = tree_.levels_[id.level][id.index];
    }
    return Status();
  }

 private:
  const BatchMerkle& tree_;
};

BatchMerkle::BatchMerkle(std::vector<ledger::Hash> leaf_hashes) {
  if (leaf_hashes.empty()) {
    root_ = ledger::EmptyRoot();
    return;
  }
  levels_.push_back(std::move(leaf_hashes));
  while (levels_.back().size() > 1) {
    const std::vector<ledger::Hash>& below = levels_.back();
    std::vector<ledger::Hash> up(below.size() / 2);
    for (size_t i = 0; i < up.size(); ++i)
      up[i] = ledger::HashChildren(below[2 * i], below[2 * i + 1]);
    if (up.empty()) break;
    levels_.push_back(std::move(up));
  }
  // The root of a tree that is not a power of two folds the complete subtrees on its right edge.
  Result<ledger::Hash> root = ledger::RootAt(size(), Reader(*this));
  root_ = root.ok() ? *root : ledger::EmptyRoot();
}

Result<std::vector<ledger::Hash>> BatchMerkle::InclusionProof(uint64_t index) const {
  if (index >= size()) {
    return Status(ErrorCode::kOutOfRange, "record " + std::to_string(index) +
                                              " is beyond the batch of " + std::to_string(size()));
  }
  return ledger::InclusionProof(index, size(), Reader(*this));
}

}  // namespace tf::graph
