// Leaf groups: the encoding, and RocksDbStore's entries stored as groups (reads, scans across
// groups and blocks, rewriting an entry inside a group, reopening).
#include "ledger/internal/leaf_group.h"

#include <gtest/gtest.h>

#include "ledger/ledger_test_util.h"
#include "ledger/rocksdb_store.h"

namespace tf::ledger {
namespace {

using internal::EncodeLeafGroup;
using internal::LeafGroupView;
using testing::TempDir;

std::string Leaf(uint64_t seq) {
  return "leaf " + std::to_string(seq) + std::string(seq % 7, '.');
}

TEST(LeafGroupTest, EncodesAndParsesEveryLeaf) {
  const std::vector<std::string_view> leaves = {"a", "", "ccc", "{\"x\":1}"};
  const std::string bytes = EncodeLeafGroup(leaves);
  Result<LeafGroupView> group = LeafGroupView::Parse(bytes);
  ASSERT_TRUE(group.ok()) << group.status().ToString();
  ASSERT_EQ(group->size(), leaves.size());
  for (size_t i = 0; i < leaves.size(); ++i)
    EXPECT_EQ(group->leaf(i), leaves[i]);
}

TEST(LeafGroupTest, MalformedGroupsAreCorruption) {
  const std::vector<std::string_view> leaves = {"one", "two"};
  const std::string bytes = EncodeLeafGroup(leaves);
  for (const std::string& bad :
       {std::string(), bytes.substr(0, 3), bytes.substr(0, 8), bytes.substr(0, bytes.size() - 1),
        bytes + "x", std::string("\0\0\0\0", 4), std::string("\0\0\x01\x01", 4)}) {
    EXPECT_EQ(LeafGroupView::Parse(bad).status().code(), ErrorCode::kLedgerCorrupt) << bad.size();
  }
  std::string swapped = bytes;
  std::swap(swapped[7], swapped[11]);  // The two end offsets, out of order.
  EXPECT_EQ(LeafGroupView::Parse(swapped).status().code(), ErrorCode::kLedgerCorrupt);
}

std::vector<std::pair<uint64_t, std::string>> Scan(RocksDbStore& store, uint64_t begin,
                                                   uint64_t end) {
  std::vector<std::pair<uint64_t, std::string>> out;
  EXPECT_TRUE(store
                  .ScanEntries(begin, end,
                               [&](uint64_t seq, std::string_view bytes) {
                                 out.emplace_back(seq, std::string(bytes));
                                 return Status::Ok();
                               })
                  .ok());
  return out;
}

void ExpectEntries(RocksDbStore& store, uint64_t begin, uint64_t end,
                   const std::map<uint64_t, std::string>& changed = {}) {
  auto want = [&](uint64_t seq) {
    auto it = changed.find(seq);
    return it != changed.end() ? it->second : Leaf(seq);
  };
  const auto scanned = Scan(store, begin, end);
  ASSERT_EQ(scanned.size(), end - begin);
  for (uint64_t seq = begin; seq < end; ++seq) {
    EXPECT_EQ(scanned[seq - begin].first, seq);
    EXPECT_EQ(scanned[seq - begin].second, want(seq));
    EXPECT_EQ(*store.ReadEntry(seq), want(seq)) << seq;
  }
}

TEST(RocksDbLeafGroupsTest, EntriesReadAndScanAcrossGroupsAndRewritesStayInTheirGroup) {
  TempDir dir;
  auto store = *RocksDbStore::Open(dir.Sub("db"), {});
  // 600 entries in one write (three blocks of 256), then 3 and 1 more.
  for (const auto& [begin, end] : {std::pair<uint64_t, uint64_t>{0, 600}, {600, 603}, {603, 604}}) {
    WriteBatch batch;
    for (uint64_t seq = begin; seq < end; ++seq)
      batch.PutEntry(seq, Leaf(seq));
    ASSERT_TRUE(store->Write(batch).ok());
  }
  ExpectEntries(*store, 0, 604);
  ExpectEntries(*store, 250, 520);
  ExpectEntries(*store, 603, 604);
  EXPECT_TRUE(Scan(*store, 604, 1000).empty());
  EXPECT_EQ(store->ReadEntry(604).status().code(), ErrorCode::kNotFound);

  // Rewrites: two entries of one group in one write, one of another, and a new one past a gap.
  std::map<uint64_t, std::string> changed = {{300, "changed 300"}, {301, "changed 301"}};
  WriteBatch rewrite;
  for (const auto& [seq, bytes] : changed)
    rewrite.PutEntry(seq, bytes);
  ASSERT_TRUE(store->Write(rewrite).ok());
  changed[601] = "changed 601";
  WriteBatch again;
  again.PutEntry(601, changed[601]);
  again.PutEntry(700, Leaf(700));
  ASSERT_TRUE(store->Write(again).ok());
  ExpectEntries(*store, 0, 604, changed);
  EXPECT_EQ(*store->ReadEntry(700), Leaf(700));
  EXPECT_EQ(store->ReadEntry(650).status().code(), ErrorCode::kNotFound);

  store.reset();
  store = *RocksDbStore::Open(dir.Sub("db"), {});
  ExpectEntries(*store, 0, 604, changed);
  const auto tail = Scan(*store, 600, UINT64_MAX);
  ASSERT_EQ(tail.size(), 5u);
  EXPECT_EQ(tail.back().first, 700u);
  // New entries after a reopen continue past the largest stored seq.
  WriteBatch more;
  more.PutEntry(701, Leaf(701));
  ASSERT_TRUE(store->Write(more).ok());
  EXPECT_EQ(*store->ReadEntry(701), Leaf(701));
  EXPECT_EQ(*store->ReadEntry(700), Leaf(700));
}

}  // namespace
}  // namespace tf::ledger
