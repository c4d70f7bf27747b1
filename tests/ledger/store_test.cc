// The shared storage suite: every Store implementation must pass exactly these tests.
#include "ledger/store.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <thread>

#include "ledger/ledger_test_util.h"
#include "ledger/memory_store.h"
#include "ledger/rocksdb_store.h"

namespace tf::ledger {
namespace {

using testing::TempDir;

// Opens a fresh store; `reopen` closes and reopens it over the same data when the backend is
// persistent (and returns the same store otherwise).
class StoreFactory {
 public:
  virtual ~StoreFactory() = default;
  virtual std::unique_ptr<Store> Open() = 0;
  virtual bool persistent() const = 0;
};

class MemoryFactory : public StoreFactory {
 public:
  std::unique_ptr<Store> Open() override { return std::make_unique<MemoryStore>(); }
  bool persistent() const override { return false; }
};

class RocksFactory : public StoreFactory {
 public:
  std::unique_ptr<Store> Open() override {
    Result<std::unique_ptr<RocksDbStore>> s = RocksDbStore::Open(dir_.Sub("db"), {});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }
  bool persistent() const override { return true; }

 private:
  TempDir dir_;
};

using FactoryMaker = std::function<std::unique_ptr<StoreFactory>()>;

class StoreTest : public ::testing::TestWithParam<std::pair<const char*, FactoryMaker>> {
 protected:
  void SetUp() override {
    factory_ = GetParam().second();
    store_ = factory_->Open();
    ASSERT_NE(store_, nullptr);
  }
  void Reopen() {
    if (!factory_->persistent()) return;
    store_.reset();
    store_ = factory_->Open();
    ASSERT_NE(store_, nullptr);
  }

  std::unique_ptr<StoreFactory> factory_;
  std::unique_ptr<Store> store_;
};

EvidenceKey Key(const std::string& tenant, const std::string& content) {
  return EvidenceKey{tenant, Sha256(content)};
}

TEST_P(StoreTest, EmptyStoreHasNoHeadNoEntriesNoMeta) {
  EXPECT_FALSE(store_->ReadLatestCheckpoint()->has_value());
  EXPECT_EQ(store_->ReadEntry(0).status().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(store_->ReadMeta("origin")->has_value());
  Hash h;
  NodeId id{0, 0};
  EXPECT_EQ(store_->ReadNodes({&id, 1}, {&h, 1}).code(), ErrorCode::kLedgerCorrupt);
}

TEST_P(StoreTest, WrittenRecordsReadBackAfterReopen) {
  WriteBatch b;
  b.PutEntry(0, "zero");
  b.PutEntry(1, "one");
  b.PutNode({0, 0}, HashLeaf("a"));
  b.PutNode({1, 0}, HashLeaf("b"));
  b.PutCheckpoint(2, "cp2");
  b.PutBlob(Key("t", "x"), "content x");
  b.PutItem(Key("t", "x"), "state x");
  b.PutMeta("origin", "o");
  ASSERT_TRUE(store_->Write(b).ok());
  Reopen();
  EXPECT_EQ(*store_->ReadEntry(1), "one");
  std::vector<NodeId> ids = {{1, 0}, {0, 0}};
  std::vector<Hash> out(2);
  ASSERT_TRUE(store_->ReadNodes(ids, out).ok());
  EXPECT_EQ(out[0], HashLeaf("b"));
  EXPECT_EQ(out[1], HashLeaf("a"));
  EXPECT_EQ(**store_->ReadCheckpoint(2), "cp2");
  EXPECT_EQ((*store_->ReadLatestCheckpoint())->first, 2u);
  EXPECT_EQ(**store_->ReadBlob(Key("t", "x")), "content x");
  EXPECT_EQ(**store_->ReadItem(Key("t", "x")), "state x");
  EXPECT_EQ(**store_->ReadMeta("origin"), "o");
}

TEST_P(StoreTest, LatestCheckpointIsTheLargestTreeSize) {
  for (uint64_t size : {0u, 300u, 5u, 256u}) {
    WriteBatch b;
    b.PutCheckpoint(size, "cp" + std::to_string(size));
    ASSERT_TRUE(store_->Write(b).ok());
  }
  auto latest = *store_->ReadLatestCheckpoint();
  EXPECT_EQ(latest->first, 300u);
  EXPECT_EQ(latest->second, "cp300");
  std::vector<uint64_t> seen;
  ASSERT_TRUE(store_
                  ->ScanCheckpoints([&](uint64_t s, std::string_view) {
                    seen.push_back(s);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(seen, (std::vector<uint64_t>{0, 5, 256, 300}));
}

TEST_P(StoreTest, ExpectedTreeSizeMakesTheWholeBatchConditional) {
  WriteBatch first;
  first.ExpectTreeSize(0);
  first.PutCheckpoint(3, "cp3");
  ASSERT_TRUE(store_->Write(first).ok());
  WriteBatch stale;
  stale.ExpectTreeSize(0);
  stale.PutEntry(3, "should not land");
  stale.PutCheckpoint(4, "cp4");
  EXPECT_EQ(store_->Write(stale).code(), ErrorCode::kLedgerConflict);
  EXPECT_EQ(store_->ReadEntry(3).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ((*store_->ReadLatestCheckpoint())->first, 3u);
  Reopen();
  WriteBatch next;
  next.ExpectTreeSize(3);
  next.PutCheckpoint(4, "cp4");
  EXPECT_TRUE(store_->Write(next).ok());
}

TEST_P(StoreTest, ScanEntriesVisitsTheRangeInOrderAndStopsOnError) {
  WriteBatch b;
  for (uint64_t i = 0; i < 300; ++i)
    b.PutEntry(i, "e" + std::to_string(i));
  ASSERT_TRUE(store_->Write(b).ok());
  std::vector<uint64_t> seen;
  ASSERT_TRUE(store_
                  ->ScanEntries(255, 260,
                                [&](uint64_t s, std::string_view v) {
                                  EXPECT_EQ(v, "e" + std::to_string(s));
                                  seen.push_back(s);
                                  return Status::Ok();
                                })
                  .ok());
  EXPECT_EQ(seen, (std::vector<uint64_t>{255, 256, 257, 258, 259}));
  int calls = 0;
  Status s = store_->ScanEntries(0, 300, [&](uint64_t, std::string_view) {
    return ++calls == 3 ? Internal("stop") : Status::Ok();
  });
  EXPECT_EQ(s.code(), ErrorCode::kInternal);
  EXPECT_EQ(calls, 3);
}

TEST_P(StoreTest, BlobsAndItemsAreKeyedPerTenantAndDeletesApply) {
  WriteBatch b;
  b.PutBlob(Key("a", "same"), "A's copy");
  b.PutBlob(Key("b", "same"), "B's copy");
  b.PutItem(Key("a", "same"), "sa");
  b.PutItem(Key("a", "other"), "so");
  b.PutItem(Key("ab", "x"), "not a's");
  ASSERT_TRUE(store_->Write(b).ok());
  WriteBatch del;
  del.DeleteBlob(Key("a", "same"));
  ASSERT_TRUE(store_->Write(del).ok());
  Reopen();
  EXPECT_FALSE(store_->ReadBlob(Key("a", "same"))->has_value());
  EXPECT_EQ(**store_->ReadBlob(Key("b", "same")), "B's copy");
  std::vector<std::string> states;
  ASSERT_TRUE(store_
                  ->ScanItems("a",
                              [&](const Hash& h, std::string_view st) {
                                states.emplace_back(st);
                                return Status::Ok();
                              })
                  .ok());
  EXPECT_EQ(states.size(), 2u);  // Tenant "ab" is not a prefix match of "a".
}

TEST_P(StoreTest, ConcurrentReadersSeeWholeBatches) {
  std::atomic<bool> stop{false};
  std::atomic<int> torn{0};
  std::thread reader([&] {
    while (!stop) {
      auto latest = store_->ReadLatestCheckpoint();
      if (!latest.ok() || !latest->has_value()) continue;
      // Every batch writes entry size-1 with its checkpoint: seeing the checkpoint means the
      // entry must be there too.
      if (!store_->ReadEntry((*latest)->first - 1).ok()) ++torn;
    }
  });
  for (uint64_t i = 1; i <= 200; ++i) {
    WriteBatch b;
    b.PutEntry(i - 1, "e");
    b.PutCheckpoint(i, "cp");
    ASSERT_TRUE(store_->Write(b).ok());
  }
  stop = true;
  reader.join();
  EXPECT_EQ(torn.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, StoreTest,
    ::testing::Values(
        std::make_pair("Memory", FactoryMaker([] { return std::make_unique<MemoryFactory>(); })),
        std::make_pair("RocksDb", FactoryMaker([] { return std::make_unique<RocksFactory>(); }))),
    [](const auto& info) { return std::string(info.param.first); });

}  // namespace
}  // namespace tf::ledger
