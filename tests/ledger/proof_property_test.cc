// Property test: for every tree size up to 300, every inclusion proof (index, size) and every
// consistency proof (m, n) produced from stored nodes equals the one computed naively from the
// leaves by RFC 9162's recursive definitions, and verifies; perturbed proofs do not.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "ledger/internal/frontier.h"
#include "ledger/internal/tree_math.h"
#include "ledger/memory_store.h"
#include "ledger/merkle_tree.h"
#include "ledger/proof_verify.h"

namespace tf::ledger {
namespace {

constexpr uint64_t kMaxSize = 300;

// RFC 9162 §2.1.1 MTH over leaf hashes, memoised by range.
class NaiveTree {
 public:
  explicit NaiveTree(std::vector<Hash> leaves) : leaves_(std::move(leaves)) {}

  Hash Mth(uint64_t lo, uint64_t hi) {
    if (hi - lo == 1) return leaves_[lo];
    auto key = std::make_pair(lo, hi);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    uint64_t k = 1;
    while (k * 2 < hi - lo)
      k *= 2;
    Hash h = HashChildren(Mth(lo, lo + k), Mth(lo + k, hi));
    memo_[key] = h;
    return h;
  }

  // RFC 9162 §2.1.3.1 PATH(m, D[lo:hi]).
  std::vector<Hash> Path(uint64_t m, uint64_t lo, uint64_t hi) {
    if (hi - lo == 1) return {};
    uint64_t k = 1;
    while (k * 2 < hi - lo)
      k *= 2;
    std::vector<Hash> out;
    if (m - lo < k) {
      out = Path(m, lo, lo + k);
      out.push_back(Mth(lo + k, hi));
    } else {
      out = Path(m, lo + k, hi);
      out.push_back(Mth(lo, lo + k));
    }
    return out;
  }

  // RFC 9162 §2.1.4.1 SUBPROOF(m, D[lo:hi], b), m relative to lo.
  std::vector<Hash> Subproof(uint64_t m, uint64_t lo, uint64_t hi, bool b) {
    if (m == hi - lo) {
      if (b) return {};
      return {Mth(lo, hi)};
    }
    uint64_t k = 1;
    while (k * 2 < hi - lo)
      k *= 2;
    std::vector<Hash> out;
    if (m <= k) {
      out = Subproof(m, lo, lo + k, b);
      out.push_back(Mth(lo + k, hi));
    } else {
      out = Subproof(m - k, lo + k, hi, false);
      out.push_back(Mth(lo, lo + k));
    }
    return out;
  }

 private:
  std::vector<Hash> leaves_;
  std::map<std::pair<uint64_t, uint64_t>, Hash> memo_;
};

class ProofPropertyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    internal::Frontier frontier;
    NodeHasher hasher;
    WriteBatch batch;
    for (uint64_t i = 0; i < kMaxSize; ++i) {
      Hash leaf = HashLeaf("leaf " + std::to_string(i));
      leaves_.push_back(leaf);
      frontier.Append(leaf, hasher, [&](const NodeId& id, const Hash& h) { batch.PutNode(id, h); });
      roots_.push_back(frontier.Root());  // roots_[i] is the root of size i + 1.
    }
    ASSERT_TRUE(store_.Write(batch).ok());
  }

  class Reader : public NodeReader {
   public:
    explicit Reader(MemoryStore& s) : s_(s) {}
    Status ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) const override {
      return s_.ReadNodes(ids, out);
    }
    MemoryStore& s_;
  };

  // The right edge of size n, from its stored peaks.
  RightEdge EdgeOf(uint64_t n) {
    Reader reader(store_);
    internal::Frontier frontier = *internal::Frontier::Load(n, reader);
    return RightEdge(n, frontier.peaks());
  }

  MemoryStore store_;
  std::vector<Hash> leaves_;
  std::vector<Hash> roots_;
};

TEST_F(ProofPropertyTest, RootsFromStoredNodesMatchNaiveRecomputation) {
  NaiveTree naive(leaves_);
  Reader reader(store_);
  for (uint64_t n = 1; n <= kMaxSize; ++n) {
    ASSERT_EQ(naive.Mth(0, n), roots_[n - 1]) << "size " << n;
    Result<Hash> root = RootAt(n, reader);
    ASSERT_TRUE(root.ok());
    ASSERT_EQ(*root, roots_[n - 1]) << "size " << n;
  }
  EXPECT_EQ(*RootAt(0, reader), EmptyRoot());
}

TEST_F(ProofPropertyTest, EveryInclusionProofUpTo300MatchesNaiveAndVerifies) {
  NaiveTree naive(leaves_);
  Reader reader(store_);
  for (uint64_t n = 1; n <= kMaxSize; ++n) {
    const Hash& root = roots_[n - 1];
    const RightEdge edge = EdgeOf(n);
    for (uint64_t m = 0; m < n; ++m) {
      Result<std::vector<Hash>> proof = InclusionProof(m, n, reader);
      ASSERT_TRUE(proof.ok()) << m << "/" << n;
      ASSERT_EQ(*proof, naive.Path(m, 0, n)) << "PATH(" << m << ", D[" << n << "])";
      ASSERT_EQ(*InclusionProof(m, n, reader, &edge), *proof) << "with the edge: " << m << "/" << n;
      ASSERT_TRUE(VerifyInclusion(m, n, leaves_[m], *proof, root).ok()) << m << "/" << n;
      // The same proof must not verify another leaf, or at another index.
      ASSERT_FALSE(VerifyInclusion(m, n, leaves_[(m + 1) % kMaxSize], *proof, root).ok());
      if (n > 1) ASSERT_FALSE(VerifyInclusion((m + 1) % n, n, leaves_[m], *proof, root).ok());
    }
    EXPECT_FALSE(InclusionProof(n, n, reader).ok());
  }
}

TEST_F(ProofPropertyTest, EveryConsistencyProofUpTo300MatchesNaiveAndVerifies) {
  NaiveTree naive(leaves_);
  Reader reader(store_);
  for (uint64_t n = 1; n <= kMaxSize; ++n) {
    const RightEdge edge = EdgeOf(n);
    for (uint64_t m = 1; m <= n; ++m) {
      Result<std::vector<Hash>> proof = ConsistencyProof(m, n, reader);
      ASSERT_TRUE(proof.ok()) << m << "/" << n;
      ASSERT_EQ(*proof, naive.Subproof(m, 0, n, true)) << "PROOF(" << m << ", D[" << n << "])";
      ASSERT_EQ(*ConsistencyProof(m, n, reader, &edge), *proof)
          << "with the edge: " << m << "/" << n;
      ASSERT_TRUE(VerifyConsistency(m, n, roots_[m - 1], roots_[n - 1], *proof).ok())
          << m << "/" << n;
      if (m < n) {
        // A root from another size, or a shortened proof, must fail.
        ASSERT_FALSE(VerifyConsistency(m, n, roots_[n - 1], roots_[n - 1], *proof).ok());
        std::vector<Hash> shorter(proof->begin(), proof->end() - 1);
        ASSERT_FALSE(VerifyConsistency(m, n, roots_[m - 1], roots_[n - 1], shorter).ok());
      }
    }
  }
  EXPECT_FALSE(ConsistencyProof(0, 5, reader).ok());
  EXPECT_FALSE(ConsistencyProof(6, 5, reader).ok());
}

TEST_F(ProofPropertyTest, RightEdgeHoldsTheRangeFromEachPeakToTheEndAndNothingElse) {
  NaiveTree naive(leaves_);
  for (uint64_t n = 1; n <= kMaxSize; ++n) {
    const RightEdge edge = EdgeOf(n);
    EXPECT_EQ(edge.Root(), roots_[n - 1]) << "size " << n;
    std::vector<NodeId> peaks;
    internal::AppendCompleteSubtrees(0, n, peaks);
    for (uint64_t begin = 0; begin <= n + 1; ++begin) {
      const bool is_peak = std::any_of(peaks.begin(), peaks.end(),
                                       [&](const NodeId& p) { return p.FirstLeaf() == begin; });
      const Hash* found = edge.Find(begin);
      ASSERT_EQ(found != nullptr, is_peak) << "[" << begin << ", " << n << ")";
      if (found != nullptr) ASSERT_EQ(*found, naive.Mth(begin, n)) << begin << "/" << n;
    }
  }
}

// With the edge at hand, a proof reads no node right of the peak that holds its leaf: those
// ranges come from the edge (at 10M entries that saves a second tile read and the folds).
TEST_F(ProofPropertyTest, ProofsWithTheEdgeReadOnlyNodesLeftOfIt) {
  class Counting : public NodeReader {
   public:
    explicit Counting(MemoryStore& s) : s_(s) {}
    Status ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) const override {
      for (const NodeId& id : ids)
        last_end_ = std::max(last_end_, id.EndLeaf());
      return s_.ReadNodes(ids, out);
    }
    MemoryStore& s_;
    mutable uint64_t last_end_ = 0;
  };
  for (uint64_t n : {uint64_t{1}, uint64_t{255}, uint64_t{256}, uint64_t{299}}) {
    const RightEdge edge = EdgeOf(n);
    std::vector<NodeId> peaks;
    internal::AppendCompleteSubtrees(0, n, peaks);
    for (uint64_t m = 0; m < n; ++m) {
      Counting reader(store_);
      ASSERT_TRUE(InclusionProof(m, n, reader, &edge).ok());
      // Nodes right of the peak holding m come from the edge.
      const auto holder = std::find_if(peaks.begin(), peaks.end(),
                                       [&](const NodeId& p) { return m < p.EndLeaf(); });
      EXPECT_LE(reader.last_end_, holder->EndLeaf()) << m << "/" << n;
    }
  }
}

TEST_F(ProofPropertyTest, FlippingAnyBitOfAProofElementIsRejected) {
  Reader reader(store_);
  const uint64_t m = 123, n = 299;
  std::vector<Hash> proof = *InclusionProof(m, n, reader);
  for (size_t i = 0; i < proof.size(); ++i) {
    for (int bit = 0; bit < 256; bit += 37) {
      std::vector<Hash> bad = proof;
      bad[i][bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
      EXPECT_FALSE(VerifyInclusion(m, n, leaves_[m], bad, roots_[n - 1]).ok()) << i << ":" << bit;
    }
  }
}

}  // namespace
}  // namespace tf::ledger
