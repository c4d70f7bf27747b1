#include "ledger/ledger.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "core/clock.h"
#include "ledger/checkpoint.h"
#include "ledger/ledger_test_util.h"
#include "ledger/memory_store.h"
#include "ledger/proof_verify.h"
#include "ledger/rocksdb_store.h"
#include "ledger/timestamp.h"

namespace tf::ledger {
namespace {

using testing::Request;
using testing::TempDir;
using testing::TestSigner;

constexpr int64_t kT0 = 1'767'225'600 * kNanosPerSecond;  // 2026-01-01T00:00:00Z

// A Store decorator that can hold the next Write until released, or fail writes: fault
// injection in the LevelDB style, around a real store.
class GatedStore : public Store {
 public:
  explicit GatedStore(Store& inner) : inner_(inner) {}

  void CloseGate() {
    std::lock_guard l(mu_);
    gate_closed_ = true;
  }
  void OpenGate() {
    std::lock_guard l(mu_);
    gate_closed_ = false;
    cv_.notify_all();
  }
  bool WriterBlocked() {
    std::lock_guard l(mu_);
    return blocked_;
  }
  void FailWritesFrom(int n) { fail_from_ = n; }
  int writes() const { return writes_; }

  Status Write(const WriteBatch& batch) override {
    {
      std::unique_lock l(mu_);
      blocked_ = gate_closed_;
      cv_.wait(l, [&] { return !gate_closed_; });
      blocked_ = false;
    }
    if (fail_from_ >= 0 && writes_ >= fail_from_) return IoError("injected write failure");
    ++writes_;
    return inner_.Write(batch);
  }
  Status ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) override {
    return inner_.ReadNodes(ids, out);
  }
  Result<std::string> ReadEntry(uint64_t seq) override { return inner_.ReadEntry(seq); }
  Status ScanEntries(uint64_t b, uint64_t e, const EntryVisitor& v) override {
    return inner_.ScanEntries(b, e, v);
  }
  Result<std::optional<std::string>> ReadCheckpoint(uint64_t s) override {
    return inner_.ReadCheckpoint(s);
  }
  Result<std::optional<std::pair<uint64_t, std::string>>> ReadLatestCheckpoint() override {
    return inner_.ReadLatestCheckpoint();
  }
  Status ScanCheckpoints(const CheckpointVisitor& v) override { return inner_.ScanCheckpoints(v); }
  Result<std::optional<std::string>> ReadBlob(const EvidenceKey& k) override {
    return inner_.ReadBlob(k);
  }
  Result<std::optional<std::string>> ReadItem(const EvidenceKey& k) override {
    return inner_.ReadItem(k);
  }
  Status ScanItems(std::string_view t, const ItemVisitor& v) override {
    return inner_.ScanItems(t, v);
  }
  Result<std::optional<std::string>> ReadMeta(std::string_view k) override {
    return inner_.ReadMeta(k);
  }

 private:
  Store& inner_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool gate_closed_ = false;
  bool blocked_ = false;
  std::atomic<int> fail_from_{-1};
  std::atomic<int> writes_{0};
};

class LedgerTest : public ::testing::Test {
 protected:
  LedgerTest() : clock_(kT0), signer_(TestSigner()) {}

  std::unique_ptr<Ledger> OpenLedger(Store& store, std::optional<NoteSigner> signer) {
    LedgerOptions o;
    o.store = &store;
    o.clock = &clock_;
    o.signer = std::move(signer);
    Result<std::unique_ptr<Ledger>> l = Ledger::Open(std::move(o));
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    return l.ok() ? std::move(*l) : nullptr;
  }
  std::unique_ptr<Ledger> OpenLedger(Store& store) { return OpenLedger(store, signer_); }

  FakeClock clock_;
  NoteSigner signer_;
  MemoryStore store_;
};

TEST_F(LedgerTest, NewLogStartsWithASignedEmptyCheckpoint) {
  auto ledger = OpenLedger(store_);
  TreeHead head = ledger->Head();
  EXPECT_EQ(head.size, 0u);
  EXPECT_EQ(head.root, EmptyRoot());
  Result<Checkpoint> cp = OpenCheckpoint(head.checkpoint, signer_.verifier());
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(cp->origin, "test.example/log");
  EXPECT_EQ(cp->size, 0u);
}

TEST_F(LedgerTest, AppendReturnsAReceiptThatVerifiesOffline) {
  auto ledger = OpenLedger(store_);
  Result<Receipt> r = ledger->Append(Request("acme", 1));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->leaf_index, 0u);
  EXPECT_EQ(r->entry.time_nanos, kT0);
  Result<VerifiedReceipt> v = VerifyReceiptJson(r->ToJson(), signer_.verifier());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->checkpoint.size, 1u);
  EXPECT_EQ(v->entry.tenant, "acme");
}

TEST_F(LedgerTest, OldReceiptsStillVerifyAndNewReceiptsCoverOldEntries) {
  auto ledger = OpenLedger(store_);
  std::vector<Receipt> receipts;
  for (int i = 0; i < 37; ++i)
    receipts.push_back(*ledger->Append(Request("acme", i)));
  for (const Receipt& r : receipts)
    ASSERT_TRUE(VerifyReceipt(r, signer_.verifier()).ok());
  for (uint64_t leaf = 0; leaf < 37; ++leaf) {
    Result<Receipt> fresh = ledger->GetReceipt(leaf);
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    Result<VerifiedReceipt> v = VerifyReceipt(*fresh, signer_.verifier());
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    EXPECT_EQ(v->checkpoint.size, 37u);
  }
}

TEST_F(LedgerTest, EveryCheckpointIsConsistentWithEveryLaterOne) {
  auto ledger = OpenLedger(store_);
  std::vector<TreeHead> heads;
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(ledger->Append(Request("acme", i)).ok());
    heads.push_back(ledger->Head());
  }
  for (size_t a = 0; a < heads.size(); ++a) {
    for (size_t b = a; b < heads.size(); ++b) {
      Result<std::vector<Hash>> proof = ledger->ConsistencyProof(heads[a].size, heads[b].size);
      ASSERT_TRUE(proof.ok());
      EXPECT_TRUE(
          VerifyConsistency(heads[a].size, heads[b].size, heads[a].root, heads[b].root, *proof)
              .ok());
      EXPECT_EQ(*ledger->CheckpointAt(heads[a].size), heads[a].checkpoint);
    }
  }
}

// Proofs remember the right edge of the size they were last asked for; asking for other sizes,
// and appending in between, must never answer with another size's edge.
TEST_F(LedgerTest, InclusionProofsAgainstEveryEarlierSizeVerifyWhileTheLogGrows) {
  auto ledger = OpenLedger(store_);
  std::vector<TreeHead> heads;
  std::vector<Hash> leaves;
  for (int i = 0; i < 40; ++i) {
    const Receipt r = *ledger->Append(Request("acme", i));
    leaves.push_back(*r.entry.LeafHash());
    heads.push_back(ledger->Head());
    for (const TreeHead& head : heads) {
      for (uint64_t leaf = 0; leaf < head.size; ++leaf) {
        Result<std::vector<Hash>> proof = ledger->InclusionProof(leaf, head.size);
        ASSERT_TRUE(proof.ok()) << proof.status().ToString();
        ASSERT_TRUE(VerifyInclusion(leaf, head.size, leaves[leaf], *proof, head.root).ok())
            << leaf << "/" << head.size << " after " << i + 1 << " appends";
      }
    }
  }
}

TEST_F(LedgerTest, ConcurrentAppendersGetDistinctSequenceNumbersAndValidReceipts) {
  auto ledger = OpenLedger(store_);
  constexpr int kThreads = 16;
  constexpr int kPerThread = 40;
  std::mutex mu;
  std::vector<Receipt> all;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Result<Receipt> r = ledger->Append(Request("t" + std::to_string(t), i));
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        std::lock_guard l(mu);
        all.push_back(std::move(*r));
      }
    });
  }
  for (auto& th : threads)
    th.join();
  std::set<uint64_t> seqs;
  for (const Receipt& r : all) {
    seqs.insert(r.leaf_index);
    ASSERT_TRUE(VerifyReceipt(r, signer_.verifier()).ok()) << r.leaf_index;
  }
  EXPECT_EQ(seqs.size(), size_t{kThreads * kPerThread});
  EXPECT_EQ(*seqs.rbegin(), uint64_t{kThreads * kPerThread - 1});
  EXPECT_EQ(ledger->Head().size, uint64_t{kThreads * kPerThread});
}

TEST_F(LedgerTest, WritersQueuedDuringACommitShareTheNextCommit) {
  GatedStore gated(store_);
  auto ledger = OpenLedger(gated);
  const int writes_before = gated.writes();
  gated.CloseGate();
  std::thread first([&] { ASSERT_TRUE(ledger->Append(Request("a", 0)).ok()); });
  while (!gated.WriterBlocked())
    std::this_thread::yield();
  constexpr int kFollowers = 10;
  std::vector<std::thread> followers;
  for (int i = 1; i <= kFollowers; ++i) {
    followers.emplace_back([&, i] { ASSERT_TRUE(ledger->Append(Request("a", i)).ok()); });
  }
  while (ledger->Stats().pending_writers < kFollowers + 1)
    std::this_thread::yield();
  gated.OpenGate();
  first.join();
  for (auto& f : followers)
    f.join();
  EXPECT_EQ(gated.writes() - writes_before, 2);  // The first append, then all followers at once.
  EXPECT_EQ(ledger->Stats().largest_batch, uint64_t{kFollowers});
  EXPECT_EQ(ledger->Head().size, uint64_t{kFollowers + 1});
}

TEST_F(LedgerTest, AsyncAppendsCompleteWithVerifiableReceipts) {
  auto ledger = OpenLedger(store_);
  constexpr int kCount = 500;
  std::mutex mu;
  std::condition_variable cv;
  int done = 0;
  std::vector<Receipt> receipts;
  for (int i = 0; i < kCount; ++i) {
    ledger->AppendAsync(Request("acme", i), [&](Result<Receipt> r) {
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      std::lock_guard l(mu);
      receipts.push_back(std::move(*r));
      ++done;
      cv.notify_all();
    });
  }
  std::unique_lock l(mu);
  cv.wait(l, [&] { return done == kCount; });
  for (const Receipt& r : receipts)
    ASSERT_TRUE(VerifyReceipt(r, signer_.verifier()).ok());
  EXPECT_EQ(ledger->Head().size, uint64_t{kCount});
  EXPECT_LT(ledger->Stats().commits, uint64_t{kCount});  // Queued appends shared commits.
}

// Counts completed asynchronous appends and lets a test wait for a number of them.
class AsyncDone {
 public:
  Ledger::AppendCallback Callback() {
    return [this](Result<Receipt> r) {
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      std::lock_guard l(mu_);
      ++done_;
      cv_.notify_all();
    };
  }
  void WaitFor(int n) {
    std::unique_lock l(mu_);
    cv_.wait(l, [&] { return done_ >= n; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int done_ = 0;
};

TEST_F(LedgerTest, AGroupWindowGathersAStreamOfAsyncAppendsIntoOneCommit) {
  GatedStore gated(store_);
  LedgerOptions o;
  o.store = &gated;
  o.clock = &clock_;
  o.signer = signer_;
  // Long enough that the appends below are queued before it ends, even on a loaded machine.
  o.group_window_nanos = 300'000'000;
  auto ledger = *Ledger::Open(std::move(o));
  AsyncDone done;
  // A lone append is committed at once; two queued behind its commit make a group of two, the
  // sign of a stream.
  gated.CloseGate();
  ledger->AppendAsync(Request("acme", 0), done.Callback());
  while (!gated.WriterBlocked())
    std::this_thread::yield();
  ledger->AppendAsync(Request("acme", 1), done.Callback());
  ledger->AppendAsync(Request("acme", 2), done.Callback());
  gated.OpenGate();
  done.WaitFor(3);
  EXPECT_EQ(ledger->Stats().largest_batch, 2u);
  // The next append waits for the window, and the ones arriving meanwhile join its commit.
  const int writes_before = gated.writes();
  constexpr int kStream = 7;
  for (int i = 3; i < 3 + kStream; ++i)
    ledger->AppendAsync(Request("acme", i), done.Callback());
  done.WaitFor(3 + kStream);
  EXPECT_EQ(gated.writes() - writes_before, 1);
  EXPECT_EQ(ledger->Stats().largest_batch, uint64_t{kStream});
  EXPECT_EQ(ledger->Head().size, uint64_t{3 + kStream});
}

TEST_F(LedgerTest, DestructorCutsAGroupWindowShortAndCompletesItsAppends) {
  AsyncDone done;
  {
    LedgerOptions o;
    o.store = &store_;
    o.clock = &clock_;
    o.signer = signer_;
    o.group_window_nanos = int64_t{3600} * 1'000'000'000;  // An hour: only shutdown ends it.
    auto ledger = *Ledger::Open(std::move(o));
    std::vector<AppendRequest> two;
    two.push_back(Request("acme", 0));
    two.push_back(Request("acme", 1));
    ASSERT_TRUE(ledger->AppendBatch(std::move(two)).ok());
    // Once a group of these holds more than one writer, the next one waits for the window,
    // which only the destructor can end.
    for (int i = 2; i < 12; ++i)
      ledger->AppendAsync(Request("acme", i), done.Callback());
  }
  done.WaitFor(10);
  auto reopened = OpenLedger(store_);
  EXPECT_EQ(reopened->Head().size, 12u);
}

TEST_F(LedgerTest, DestructorCompletesQueuedAsyncAppends) {
  std::atomic<int> done{0};
  {
    auto ledger = OpenLedger(store_);
    for (int i = 0; i < 100; ++i) {
      ledger->AppendAsync(Request("acme", i), [&](Result<Receipt> r) {
        EXPECT_TRUE(r.ok());
        ++done;
      });
    }
  }
  EXPECT_EQ(done.load(), 100);
  auto reopened = OpenLedger(store_);
  EXPECT_EQ(reopened->Head().size, 100u);
}

TEST_F(LedgerTest, AppendBatchGetsConsecutiveSequenceNumbersInOneCommit) {
  auto ledger = OpenLedger(store_);
  std::vector<AppendRequest> reqs;
  for (int i = 0; i < 5; ++i)
    reqs.push_back(Request("acme", i));
  Result<std::vector<Receipt>> r = ledger->AppendBatch(std::move(reqs));
  ASSERT_TRUE(r.ok());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ((*r)[i].leaf_index, uint64_t(i));
  EXPECT_EQ(ledger->Stats().commits, 1u);
}

TEST_F(LedgerTest, InvalidRequestsAreRefusedAndNothingIsAppended) {
  auto ledger = OpenLedger(store_);
  AppendRequest bad = Request("no spaces allowed", 1);
  EXPECT_EQ(ledger->Append(bad).status().code(), ErrorCode::kEntryInvalid);
  AppendRequest bad_meta = Request("acme", 1);
  bad_meta.metadata = Value::Int(3);
  EXPECT_EQ(ledger->Append(bad_meta).status().code(), ErrorCode::kEntryInvalid);
  std::vector<AppendRequest> mixed;
  mixed.push_back(Request("acme", 1));
  mixed.push_back(bad);
  EXPECT_FALSE(ledger->AppendBatch(std::move(mixed)).ok());
  EXPECT_EQ(ledger->Head().size, 0u);
}

TEST_F(LedgerTest, EntryTimesNeverGoBackwardsWhenTheClockDoes) {
  auto ledger = OpenLedger(store_);
  ASSERT_TRUE(ledger->Append(Request("acme", 0)).ok());
  clock_.Set(kT0 - 3600 * kNanosPerSecond);
  Result<Receipt> r = ledger->Append(Request("acme", 1));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entry.time_nanos, kT0);
}

TEST_F(LedgerTest, TenantsSeeOnlyTheirOwnEntries) {
  auto ledger = OpenLedger(store_);
  ASSERT_TRUE(ledger->Append(Request("acme", 0)).ok());
  EXPECT_TRUE(ledger->GetEntry(0, "acme").ok());
  EXPECT_EQ(ledger->GetEntry(0, "globex").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ledger->GetReceipt(0, "globex").status().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(ledger->GetReceipt(0).ok());  // No tenant: operator access.
  EXPECT_EQ(ledger->GetEntry(1).status().code(), ErrorCode::kNotFound);
}

TEST_F(LedgerTest, ProofsBeyondTheHeadAreOutOfRange) {
  auto ledger = OpenLedger(store_);
  ASSERT_TRUE(ledger->Append(Request("acme", 0)).ok());
  EXPECT_EQ(ledger->InclusionProof(0, 2).status().code(), ErrorCode::kTreeSizeOutOfRange);
  EXPECT_EQ(ledger->InclusionProof(1, 1).status().code(), ErrorCode::kTreeSizeOutOfRange);
  EXPECT_EQ(ledger->ConsistencyProof(1, 2).status().code(), ErrorCode::kTreeSizeOutOfRange);
  EXPECT_EQ(ledger->CheckpointAt(7).status().code(), ErrorCode::kNotFound);
}

TEST_F(LedgerTest, ReadOnlyLedgerServesProofsButRefusesAppends) {
  { ASSERT_TRUE(OpenLedger(store_)->Append(Request("acme", 0)).ok()); }
  auto ro = OpenLedger(store_, std::nullopt);
  EXPECT_TRUE(ro->read_only());
  EXPECT_EQ(ro->Head().size, 1u);
  EXPECT_EQ(ro->Append(Request("acme", 1)).status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(ro->GetReceipt(0).ok());
  EXPECT_EQ(ro->verifier().ToText(), signer_.verifier().ToText());
}

TEST_F(LedgerTest, NewLogWithoutAKeyIsRefused) {
  LedgerOptions o;
  o.store = &store_;
  o.clock = &clock_;
  EXPECT_EQ(Ledger::Open(std::move(o)).status().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(LedgerTest, ReopeningWithAnotherKeyIsRefused) {
  { OpenLedger(store_); }
  LedgerOptions o;
  o.store = &store_;
  o.clock = &clock_;
  o.signer = TestSigner(99);
  EXPECT_EQ(Ledger::Open(std::move(o)).status().code(), ErrorCode::kSigningKeyMismatch);
}

TEST_F(LedgerTest, AStorageFailureIsStickyUntilReopen) {
  GatedStore gated(store_);
  {
    auto ledger = OpenLedger(gated);
    ASSERT_TRUE(ledger->Append(Request("acme", 0)).ok());
    gated.FailWritesFrom(gated.writes());
    EXPECT_EQ(ledger->Append(Request("acme", 1)).status().code(), ErrorCode::kIoError);
    gated.FailWritesFrom(-1);
    // The store may be fine again, but this ledger no longer trusts its view of it.
    EXPECT_EQ(ledger->Append(Request("acme", 2)).status().code(), ErrorCode::kIoError);
    EXPECT_EQ(ledger->Head().size, 1u);
  }
  auto reopened = OpenLedger(gated);
  EXPECT_EQ(reopened->Head().size, 1u);
  Result<Receipt> r = reopened->Append(Request("acme", 3));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->leaf_index, 1u);
}

TEST_F(LedgerTest, AnotherWriterMovingTheHeadIsDetectedAndTheGroupResequenced) {
  auto a = OpenLedger(store_);
  auto b = OpenLedger(store_);  // Two ledgers over one store: the shared-database situation.
  ASSERT_TRUE(a->Append(Request("acme", 0)).ok());
  Result<Receipt> r = b->Append(Request("acme", 1));  // b's head is stale: it must catch up.
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->leaf_index, 1u);
  EXPECT_TRUE(VerifyReceipt(*r, signer_.verifier()).ok());
  ASSERT_TRUE(a->Append(Request("acme", 2)).ok());
  EXPECT_EQ(a->Head().size, 3u);
}

TEST_F(LedgerTest, EffectsAreCommittedWithTheEntry) {
  auto ledger = OpenLedger(store_);
  AppendRequest r = Request("acme", 0);
  r.effects = [](const Entry& e, WriteBatch& batch) {
    batch.PutItem(EvidenceKey{e.tenant, e.content_hash}, "seq=" + std::to_string(e.seq));
  };
  ASSERT_TRUE(ledger->Append(r).ok());
  EXPECT_EQ(**store_.ReadItem(EvidenceKey{"acme", HashLeaf("content 0")}), "seq=0");
}

TEST_F(LedgerTest, RocksDbLogReopensWhereItLeftOff) {
  TempDir dir;
  TreeHead before;
  {
    auto store = *RocksDbStore::Open(dir.Sub("db"), {});
    auto ledger = OpenLedger(*store);
    for (int i = 0; i < 300; ++i)
      ASSERT_TRUE(ledger->Append(Request("acme", i)).ok());
    before = ledger->Head();
  }
  auto store = *RocksDbStore::Open(dir.Sub("db"), {});
  auto ledger = OpenLedger(*store);
  EXPECT_EQ(ledger->Head().checkpoint, before.checkpoint);
  ASSERT_TRUE(ledger->Append(Request("acme", 300)).ok());
  TreeHead after = ledger->Head();
  Result<std::vector<Hash>> proof = ledger->ConsistencyProof(before.size, after.size);
  ASSERT_TRUE(proof.ok());
  EXPECT_TRUE(VerifyConsistency(before.size, after.size, before.root, after.root, *proof).ok());
}

TEST_F(LedgerTest, SmallNodeCacheStillProducesCorrectProofs) {
  LedgerOptions o;
  o.store = &store_;
  o.clock = &clock_;
  o.signer = signer_;
  o.cached_node_min_level = 0;  // Everything cached...
  auto all = *Ledger::Open(std::move(o));
  for (int i = 0; i < 100; ++i)
    ASSERT_TRUE(all->Append(Request("acme", i)).ok());
  const TreeHead head = all->Head();
  all.reset();
  LedgerOptions none;
  none.store = &store_;
  none.clock = &clock_;
  none.cached_node_min_level = kMaxTreeLevel;  // ...and nothing cached.
  auto cold = *Ledger::Open(std::move(none));
  for (uint64_t leaf = 0; leaf < 100; ++leaf) {
    Result<Receipt> r = cold->GetReceipt(leaf);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(VerifyReceipt(*r, signer_.verifier()).ok());
  }
  EXPECT_EQ(cold->Head().root, head.root);
}

}  // namespace
}  // namespace tf::ledger
