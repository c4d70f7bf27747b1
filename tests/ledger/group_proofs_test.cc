// GroupProofs: the receipts of a group commit. For every old tree size and group size up to the
// limits below, each proof for an entry of the group equals the proof read from stored nodes
// (itself checked against RFC 9162's recursion in proof_property_test.cc), and needs no node
// outside the group's window.
#include "ledger/internal/group_proofs.h"

#include <gtest/gtest.h>

#include "ledger/internal/frontier.h"
#include "ledger/memory_store.h"
#include "ledger/merkle_tree.h"

namespace tf::ledger::internal {
namespace {

constexpr uint64_t kMaxOldSize = 80;
constexpr uint64_t kMaxGroup = 80;

class StoreReader final : public NodeReader {
 public:
  explicit StoreReader(MemoryStore& store) : store_(store) {}
  Status ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) const override {
    return store_.ReadNodes(ids, out);
  }

 private:
  MemoryStore& store_;
};

// Fails every read: a group's proofs must come from its window alone.
class NoReads final : public NodeReader {
 public:
  Status ReadNodes(std::span<const NodeId>, std::span<Hash>) const override {
    return Status(ErrorCode::kInternal, "a group proof read a node outside its window");
  }
};

TEST(GroupProofsTest, EveryProofOfAGroupEqualsTheStoredProofAndReadsNothing) {
  MemoryStore store;
  std::vector<Hash> leaves;
  {
    Frontier all;
    NodeHasher hasher;
    WriteBatch batch;
    for (uint64_t i = 0; i < kMaxOldSize + kMaxGroup; ++i) {
      leaves.push_back(HashLeaf("leaf " + std::to_string(i)));
      all.Append(leaves.back(), hasher,
                 [&](const NodeId& id, const Hash& h) { batch.PutNode(id, h); });
    }
    ASSERT_TRUE(store.Write(batch).ok());
  }
  const StoreReader stored(store);
  const NoReads no_reads;
  NodeHasher hasher;
  std::vector<Hash> proof;
  for (uint64_t old_size = 0; old_size <= kMaxOldSize; ++old_size) {
    Result<Frontier> old = Frontier::Load(old_size, stored);
    ASSERT_TRUE(old.ok());
    for (uint64_t group = 1; group <= kMaxGroup; ++group) {
      NodeWindow window;
      const std::vector<NodeId> peaks = old->PeakIds();
      for (size_t i = 0; i < peaks.size(); ++i)
        window.Add(peaks[i], old->peaks()[i]);
      Frontier head = *old;
      for (uint64_t i = old_size; i < old_size + group; ++i)
        head.Append(leaves[i], hasher, [&](const NodeId& id, const Hash& h) { window.Add(id, h); });
      const GroupProofs proofs(head, window, no_reads);
      for (uint64_t leaf = old_size; leaf < head.size(); ++leaf) {
        ASSERT_TRUE(proofs.InclusionProof(leaf, proof).ok()) << leaf << "/" << head.size();
        Result<std::vector<Hash>> want = InclusionProof(leaf, head.size(), stored);
        ASSERT_TRUE(want.ok());
        ASSERT_EQ(proof, *want) << "leaf " << leaf << " of a group of " << group << " after size "
                                << old_size;
      }
    }
  }
}

TEST(GroupProofsTest, NodeHasherLeafEqualsHashLeafForEverySize) {
  NodeHasher hasher;
  for (size_t size : {0, 1, 31, 1023, 1024, 1025, 5000}) {
    const std::string leaf(size, 'x');
    EXPECT_EQ(hasher.Leaf(leaf), HashLeaf(leaf)) << size;
    // Interleaved with node hashes, as a commit uses it.
    EXPECT_EQ(hasher.Children(HashLeaf("a"), HashLeaf("b")),
              HashChildren(HashLeaf("a"), HashLeaf("b")));
  }
}

}  // namespace
}  // namespace tf::ledger::internal
