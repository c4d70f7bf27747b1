// Tamper tests: changing one byte of any stored entry, node or checkpoint is caught by the full
// audit, which names the first bad entry (or the bad checkpoint).
#include "ledger/audit.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "ledger/checkpoint.h"
#include "ledger/internal/tree_math.h"
#include "ledger/ledger.h"
#include "ledger/ledger_test_util.h"
#include "ledger/memory_store.h"
#include "ledger/rocksdb_store.h"

namespace tf::ledger {
namespace {

using testing::OpenTestLedger;
using testing::Request;
using testing::TempDir;
using testing::TestSigner;

constexpr uint64_t kSeed = 20260101;

// Appends `count` entries in batches of varying sizes so the log has many checkpoints.
void BuildLog(Store& store, int count) {
  FakeClock clock(1'767'225'600'000'000'000);
  auto ledger = OpenTestLedger(store, clock);
  int i = 0;
  for (int batch = 1; i < count; batch = batch % 7 + 1) {
    std::vector<AppendRequest> reqs;
    for (int j = 0; j < batch && i < count; ++j, ++i)
      reqs.push_back(Request("acme", i));
    ASSERT_TRUE(ledger->AppendBatch(std::move(reqs)).ok());
    clock.Advance(1'000'000'000);
  }
}

std::string Flip(std::string s, uint64_t& rng) {
  rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
  const size_t pos = (rng >> 33) % s.size();
  const uint8_t mask = static_cast<uint8_t>(1u << ((rng >> 20) % 8));
  s[pos] = static_cast<char>(s[pos] ^ mask);
  return s;
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override { BuildLog(store_, kEntries); }

  AuditReport Audit() {
    Result<AuditReport> r = AuditLog(store_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : AuditReport{};
  }

  static constexpr int kEntries = 100;
  MemoryStore store_;
};

TEST_F(AuditTest, CleanLogPassesWithEverythingCounted) {
  AuditReport r = Audit();
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.tree_size, uint64_t{kEntries});
  EXPECT_EQ(r.entries_checked, uint64_t{kEntries});
  EXPECT_EQ(r.nodes_checked, uint64_t{2 * kEntries - 3});  // 2n - popcount(n) complete nodes.
  EXPECT_GT(r.checkpoints_checked, 20u);
  EXPECT_FALSE(r.first_bad_entry.has_value());
}

TEST_F(AuditTest, OneChangedByteInAnyEntryIsFoundAndNamed) {
  uint64_t rng = kSeed;
  for (uint64_t seq = 0; seq < kEntries; ++seq) {
    const std::string original = *store_.ReadEntry(seq);
    WriteBatch bad;
    bad.PutEntry(seq, Flip(original, rng));
    ASSERT_TRUE(store_.Write(bad).ok());
    AuditReport r = Audit();
    EXPECT_EQ(r.status.code(), ErrorCode::kLedgerCorrupt) << "seed " << kSeed << " entry " << seq;
    EXPECT_EQ(r.first_bad_entry, seq) << r.status.ToString();
    EXPECT_NE(r.status.message().find("entry " + std::to_string(seq)), std::string_view::npos)
        << r.status.ToString();
    WriteBatch restore;
    restore.PutEntry(seq, original);
    ASSERT_TRUE(store_.Write(restore).ok());
  }
  EXPECT_TRUE(Audit().status.ok());
}

TEST_F(AuditTest, OneChangedByteInAnyNodeIsFoundAndNamed) {
  uint64_t rng = kSeed;
  std::vector<NodeId> all;
  for (uint8_t level = 0; (uint64_t{1} << level) <= kEntries; ++level) {
    for (uint64_t i = 0; ((i + 1) << level) <= kEntries; ++i)
      all.push_back({level, i});
  }
  for (const NodeId& id : all) {
    Hash original;
    ASSERT_TRUE(store_.ReadNodes({&id, 1}, {&original, 1}).ok());
    std::string raw(reinterpret_cast<const char*>(original.data()), original.size());
    WriteBatch bad;
    bad.PutNode(id, *HashFromBytes(Flip(raw, rng)));
    ASSERT_TRUE(store_.Write(bad).ok());
    AuditReport r = Audit();
    EXPECT_EQ(r.status.code(), ErrorCode::kLedgerCorrupt)
        << "seed " << kSeed << " node " << int(id.level) << "/" << id.index;
    EXPECT_EQ(r.first_bad_entry, id.FirstLeaf()) << r.status.ToString();
    WriteBatch restore;
    restore.PutNode(id, original);
    ASSERT_TRUE(store_.Write(restore).ok());
  }
  EXPECT_TRUE(Audit().status.ok());
}

TEST_F(AuditTest, OneChangedByteInAnyCheckpointIsFoundAndNamed) {
  uint64_t rng = kSeed;
  std::vector<std::pair<uint64_t, std::string>> checkpoints;
  ASSERT_TRUE(store_
                  .ScanCheckpoints([&](uint64_t size, std::string_view note) {
                    checkpoints.emplace_back(size, std::string(note));
                    return Status::Ok();
                  })
                  .ok());
  for (const auto& [size, note] : checkpoints) {
    WriteBatch bad;
    bad.PutCheckpoint(size, Flip(note, rng));
    ASSERT_TRUE(store_.Write(bad).ok());
    AuditReport r = Audit();
    EXPECT_FALSE(r.status.ok()) << "seed " << kSeed << " checkpoint " << size;
    EXPECT_NE(r.status.message().find("checkpoint for tree size " + std::to_string(size)),
              std::string_view::npos)
        << r.status.ToString();
    WriteBatch restore;
    restore.PutCheckpoint(size, note);
    ASSERT_TRUE(store_.Write(restore).ok());
  }
  EXPECT_TRUE(Audit().status.ok());
}

TEST_F(AuditTest, AValidlySignedButForkedCheckpointIsFound) {
  // A checkpoint signed by the real key but for a different tree: what a compromised or buggy
  // log would produce. Its root cannot match the entries.
  NoteSigner signer = TestSigner();
  Checkpoint fork{"test.example/log", 10, HashLeaf("fork"), {}};
  WriteBatch bad;
  bad.PutCheckpoint(10, *SignCheckpoint(fork, signer));
  ASSERT_TRUE(store_.Write(bad).ok());
  AuditReport r = Audit();
  EXPECT_EQ(r.status.code(), ErrorCode::kLedgerCorrupt);
  EXPECT_NE(r.status.message().find("checkpoint for tree size 10"), std::string_view::npos);
}

TEST_F(AuditTest, EntriesBeyondTheHeadAreFound) {
  WriteBatch extra;
  extra.PutEntry(kEntries + 5, "{}");
  ASSERT_TRUE(store_.Write(extra).ok());
  AuditReport r = Audit();
  EXPECT_EQ(r.status.code(), ErrorCode::kLedgerCorrupt);
  EXPECT_EQ(r.first_bad_entry, uint64_t{kEntries + 5});
}

TEST_F(AuditTest, AnUntrustedLogKeyIsRefused) {
  AuditOptions options;
  options.trusted_key = TestSigner(77).verifier();
  Result<AuditReport> r = AuditLog(store_, options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status.code(), ErrorCode::kSignatureInvalid);
  options.trusted_key = TestSigner().verifier();
  EXPECT_TRUE(AuditLog(store_, options)->status.ok());
}

TEST(AuditRocksDbTest, ByteChangedInARocksDbValueIsFoundAfterReopen) {
  TempDir dir;
  {
    auto store = *RocksDbStore::Open(dir.Sub("db"), {});
    BuildLog(*store, 50);
    std::string entry = *store->ReadEntry(17);
    entry[entry.size() / 2] ^= 0x01;
    WriteBatch bad;
    bad.PutEntry(17, entry);
    ASSERT_TRUE(store->Write(bad).ok());
  }
  auto store = *RocksDbStore::Open(dir.Sub("db"), {});
  Result<AuditReport> r = AuditLog(*store);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->first_bad_entry, 17u) << r->status.ToString();
}

// Proofs read tiles without RocksDB's block checksums; the audit reads them the same way and
// must still find a changed node, in a complete tile, in the partial one, and above the tiles.
TEST(AuditRocksDbTest, ByteChangedInAStoredNodeIsFoundAfterReopen) {
  constexpr int kLeaves = 300;
  for (const NodeId id : {NodeId{0, 5}, NodeId{3, 20}, NodeId{0, 290}, NodeId{8, 0}}) {
    TempDir dir;
    {
      auto store = *RocksDbStore::Open(dir.Sub("db"), {});
      BuildLog(*store, kLeaves);
      Hash hash;
      ASSERT_TRUE(store->ReadNodes({&id, 1}, {&hash, 1}).ok());
      hash[7] ^= 0x01;
      WriteBatch bad;
      bad.PutNode(id, hash);
      ASSERT_TRUE(store->Write(bad).ok());
    }
    auto store = *RocksDbStore::Open(dir.Sub("db"), {});
    Result<AuditReport> r = AuditLog(*store);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status.code(), ErrorCode::kLedgerCorrupt) << int(id.level) << "/" << id.index;
    EXPECT_EQ(r->first_bad_entry, id.FirstLeaf()) << r->status.ToString();
  }
}

}  // namespace
}  // namespace tf::ledger
