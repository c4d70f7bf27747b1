// Reopening a store leaves no pile of files behind, and what was written survives the cleanup.
#include "ledger/rocksdb_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "ledger/ledger_test_util.h"
#include "ledger/rocksdb_store.h"

namespace tf::ledger {
namespace {

using testing::TempDir;

struct FileCounts {
  int wals = 0;
  int old_info_logs = 0;
};

FileCounts Count(const std::string& dir) {
  FileCounts counts;
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    const std::string name = file.path().filename().string();
    if (name.ends_with(".log")) ++counts.wals;
    if (name.starts_with("LOG.old")) ++counts.old_info_logs;
  }
  return counts;
}

std::unique_ptr<RocksDbStore> OpenStore(const std::string& dir) {
  Result<std::unique_ptr<RocksDbStore>> store = RocksDbStore::Open(dir, {});
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

TEST(RocksDbFilesTest, ReopeningWithoutWritesKeepsOneWalAndFewInfoLogs) {
  TempDir tmp;
  const std::string dir = tmp.Sub("db");
  {
    std::unique_ptr<RocksDbStore> store = OpenStore(dir);
    ASSERT_NE(store, nullptr);
    WriteBatch batch;
    batch.PutMeta("origin", "example.com/log");
    ASSERT_TRUE(store->Write(batch).ok());
  }
  for (int i = 0; i < 12; ++i) {
    std::unique_ptr<RocksDbStore> store = OpenStore(dir);
    ASSERT_NE(store, nullptr);
    Result<std::optional<std::string>> origin = store->ReadMeta("origin");
    ASSERT_TRUE(origin.ok() && origin->has_value()) << "open " << i;
    EXPECT_EQ(**origin, "example.com/log");
  }
  const FileCounts counts = Count(dir);
  // The WAL being written, plus at most the one an unflushed write left to replay.
  EXPECT_LE(counts.wals, 2);
  EXPECT_LE(counts.old_info_logs, 4);
}

TEST(RocksDbFilesTest, AWalWithRecordsIsKeptAndReplayed) {
  TempDir tmp;
  const std::string dir = tmp.Sub("db");
  for (int i = 0; i < 5; ++i) {
    std::unique_ptr<RocksDbStore> store = OpenStore(dir);
    ASSERT_NE(store, nullptr);
    // Each open first sees every earlier open's write, then adds its own (left in the WAL).
    for (int seen = 0; seen < i; ++seen) {
      Result<std::optional<std::string>> value = store->ReadMeta("k" + std::to_string(seen));
      ASSERT_TRUE(value.ok() && value->has_value()) << "open " << i << " lost k" << seen;
      EXPECT_EQ(**value, std::to_string(seen));
    }
    WriteBatch batch;
    batch.PutMeta("k" + std::to_string(i), std::to_string(i));
    ASSERT_TRUE(store->Write(batch).ok());
  }
}

}  // namespace
}  // namespace tf::ledger
