// Node tiles: the encoding and its updates, the RocksDB store's tiled node layout (tiles written
// as merged updates read back byte for byte as whole tiles; tamper detection through tiles) and
// the one-time migration of stores written before tiles.
#include "ledger/internal/node_tile.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>

#include <map>

#include "core/clock.h"
#include "ledger/audit.h"
#include "ledger/internal/key_format.h"
#include "ledger/internal/tile_merge_operator.h"
#include "ledger/ledger.h"
#include "ledger/ledger_test_util.h"
#include "ledger/memory_store.h"
#include "ledger/rocksdb_store.h"

namespace tf::ledger {
namespace {

using internal::NodeTile;
using testing::OpenTestLedger;
using testing::Request;
using testing::TempDir;

Hash H(int i) {
  return HashLeaf("node " + std::to_string(i));
}

TEST(NodeTileTest, EncodesFindsAndOverwritesNodesOfEveryLevel) {
  NodeTile tile;
  // Tile 3: level 0 indices 768..1023, level 1 384..511, level 7 indices 6 and 7.
  for (uint64_t i = 0; i < 5; ++i)
    ASSERT_TRUE(tile.Put({0, 768 + i}, H(static_cast<int>(i))).ok());
  ASSERT_TRUE(tile.Put({1, 384}, H(10)).ok());
  ASSERT_TRUE(tile.Put({7, 6}, H(70)).ok());
  ASSERT_TRUE(tile.Put({0, 770}, H(99)).ok());  // Overwrite.
  const std::string bytes = tile.Encode();

  Hash out;
  EXPECT_TRUE(*NodeTile::Find(bytes, {0, 770}, &out));
  EXPECT_EQ(out, H(99));
  EXPECT_TRUE(*NodeTile::Find(bytes, {1, 384}, &out));
  EXPECT_EQ(out, H(10));
  EXPECT_TRUE(*NodeTile::Find(bytes, {7, 6}, &out));
  EXPECT_EQ(out, H(70));
  EXPECT_FALSE(*NodeTile::Find(bytes, {0, 773}, &out));
  EXPECT_FALSE(*NodeTile::Find(bytes, {2, 192}, &out));

  Result<NodeTile> decoded = NodeTile::Decode(bytes);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->Encode(), bytes);
}

TEST(NodeTileTest, RefusesGapsAndMalformedBytes) {
  NodeTile tile;
  EXPECT_EQ(tile.Put({0, 1}, H(1)).code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(tile.Put({0, 0}, H(0)).ok());
  std::string bytes = tile.Encode();
  Hash out;
  EXPECT_EQ(NodeTile::Find(bytes.substr(0, bytes.size() - 1), {0, 0}, &out).status().code(),
            ErrorCode::kLedgerCorrupt);
  EXPECT_EQ(NodeTile::Decode("").status().code(), ErrorCode::kLedgerCorrupt);
  bytes[0] = '\x02';  // Level 0 claims 512 nodes, more than a tile holds.
  EXPECT_EQ(NodeTile::Decode(bytes).status().code(), ErrorCode::kLedgerCorrupt);
}

TEST(NodeTileTest, UpdatesApplyAsPutsDoAndCompleteATile) {
  NodeTile put, applied;
  std::string updates;
  // Tile 1, built as a log builds it: each leaf, then the nodes it completes.
  for (uint64_t leaf = 256; leaf < 512; ++leaf) {
    for (uint8_t level = 0; level < internal::kTileLevels; ++level) {
      if (((leaf + 1) & ((uint64_t{1} << level) - 1)) != 0) break;
      const NodeId id{level, leaf >> level};
      ASSERT_TRUE(put.Put(id, H(static_cast<int>(leaf * 8 + level))).ok());
      NodeTile::AppendUpdate(id, H(static_cast<int>(leaf * 8 + level)), updates);
    }
    if (leaf == 300) {  // Updates applied in two steps give the same tile as in one.
      ASSERT_TRUE(applied.Apply(updates).ok());
      EXPECT_EQ(applied.Encode(), put.Encode());
      EXPECT_FALSE(applied.complete());
      updates.clear();
    }
  }
  ASSERT_TRUE(applied.Apply(updates).ok());
  EXPECT_EQ(applied.Encode(), put.Encode());
  EXPECT_TRUE(applied.complete());
  EXPECT_EQ(put.Encode().size(), 16u + 510u * kHashSize);
  // An overwrite is an update too.
  updates.clear();
  NodeTile::AppendUpdate({3, 33}, H(1), updates);
  ASSERT_TRUE(applied.Apply(updates).ok());
  Hash out;
  ASSERT_TRUE(*NodeTile::Find(applied.Encode(), {3, 33}, &out));
  EXPECT_EQ(out, H(1));
}

TEST(NodeTileTest, MalformedUpdatesAreRefused) {
  std::string gap;
  NodeTile::AppendUpdate({0, 1}, H(1), gap);
  std::string truncated;
  NodeTile::AppendUpdate({0, 0}, H(0), truncated);
  truncated.pop_back();
  std::string bad_level;
  NodeTile::AppendUpdate({0, 0}, H(0), bad_level);
  bad_level[0] = static_cast<char>(internal::kTileLevels);
  std::string bad_position;
  NodeTile::AppendUpdate({7, 0}, H(0), bad_position);
  bad_position[1] = 2;  // Level 7 holds two nodes per tile.
  for (const std::string& updates : {gap, truncated, bad_level, bad_position}) {
    NodeTile tile;
    EXPECT_EQ(tile.Apply(updates).code(), ErrorCode::kLedgerCorrupt);
  }
}

void BuildLog(Store& store, int count) {
  FakeClock clock(1'767'225'600'000'000'000);
  auto ledger = OpenTestLedger(store, clock);
  int i = 0;
  for (int batch = 1; i < count; batch = batch % 300 + 37) {
    std::vector<AppendRequest> reqs;
    for (int j = 0; j < batch && i < count; ++j, ++i)
      reqs.push_back(Request("acme", i));
    ASSERT_TRUE(ledger->AppendBatch(std::move(reqs)).ok());
    clock.Advance(1'000'000'000);
  }
}

std::vector<NodeId> AllNodes(uint64_t size) {
  std::vector<NodeId> all;
  for (uint8_t level = 0; (uint64_t{1} << level) <= size; ++level) {
    for (uint64_t i = 0; ((i + 1) << level) <= size; ++i)
      all.push_back({level, i});
  }
  return all;
}

TEST(RocksDbTilesTest, AChangedNodeInsideATileIsFoundAndNamed) {
  constexpr int kEntries = 700;  // Three tiles, the last one partial.
  TempDir dir;
  auto store = *RocksDbStore::Open(dir.Sub("db"), {});
  BuildLog(*store, kEntries);
  ASSERT_TRUE(AuditLog(*store)->status.ok());
  for (const NodeId& id :
       {NodeId{0, 0}, NodeId{0, 699}, NodeId{3, 40}, NodeId{7, 1}, NodeId{8, 1}, NodeId{9, 0}}) {
    Hash original;
    ASSERT_TRUE(store->ReadNodes({&id, 1}, {&original, 1}).ok());
    Hash bad = original;
    bad[5] ^= 0x10;
    WriteBatch change;
    change.PutNode(id, bad);
    ASSERT_TRUE(store->Write(change).ok());
    AuditReport r = *AuditLog(*store);
    EXPECT_EQ(r.status.code(), ErrorCode::kLedgerCorrupt) << int{id.level} << "/" << id.index;
    EXPECT_EQ(r.first_bad_entry, id.FirstLeaf()) << r.status.ToString();
    WriteBatch restore;
    restore.PutNode(id, original);
    ASSERT_TRUE(store->Write(restore).ok());
  }
  EXPECT_TRUE(AuditLog(*store)->status.ok());
}

// Every tile of a log of `size` entries, encoded whole from `source`'s nodes.
std::map<uint64_t, std::string> WholeTiles(Store& source, uint64_t size) {
  std::map<uint64_t, NodeTile> tiles;
  for (const NodeId& id : AllNodes(size)) {
    if (!internal::InTile(id)) continue;
    Hash h;
    EXPECT_TRUE(source.ReadNodes({&id, 1}, {&h, 1}).ok());
    EXPECT_TRUE(tiles[internal::TileIndex(id)].Put(id, h).ok());
  }
  std::map<uint64_t, std::string> encoded;
  for (const auto& [index, tile] : tiles)
    encoded[index] = tile.Encode();
  return encoded;
}

// The "tiles" column family of a closed store as RocksDB reads it, with or without the tile
// merge operator: tile index -> value, or the read's error.
std::map<uint64_t, std::string> ReadRawTiles(const std::string& path, bool with_merge_operator,
                                             bool compact_first) {
  std::vector<std::string> names;
  EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  size_t tiles_cf = names.size();
  for (size_t i = 0; i < names.size(); ++i) {
    rocksdb::ColumnFamilyOptions options;
    if (names[i] == "tiles") {
      tiles_cf = i;
      if (with_merge_operator) options.merge_operator = internal::NewTileMergeOperator();
    }
    descriptors.emplace_back(names[i], options);
  }
  std::map<uint64_t, std::string> out;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs;
  rocksdb::DB* db = nullptr;
  EXPECT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path, descriptors, &cfs, &db).ok());
  if (db == nullptr || tiles_cf == names.size()) return out;
  if (compact_first) {
    rocksdb::CompactRangeOptions cro;
    cro.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
    EXPECT_TRUE(db->CompactRange(cro, cfs[tiles_cf], nullptr, nullptr).ok());
  }
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cfs[tiles_cf]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const uint64_t index = *internal::ParseU64Key(it->key().ToStringView());
    std::string value;
    rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cfs[tiles_cf], it->key(), &value);
    out[index] = s.ok() ? value : "error: " + s.ToString();
  }
  it.reset();
  for (rocksdb::ColumnFamilyHandle* h : cfs)
    EXPECT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  EXPECT_TRUE(db->Close().ok());
  delete db;
  return out;
}

// Appends `count` entries numbered from `first` through a Ledger over `store`.
void AppendThroughLedger(Store& store, int first, int count) {
  FakeClock clock(1'867'225'600'000'000'000);
  auto ledger = OpenTestLedger(store, clock);
  for (int i = 0; i < count; ++i)
    ASSERT_TRUE(ledger->Append(Request("acme", first + i)).ok());
}

// Partial tiles are written as merged updates, complete ones whole; either way a read returns
// the bytes of the whole tile, before and after compaction, and complete tiles need no merge.
TEST(RocksDbTilesTest, TilesWrittenAsUpdatesReadBackAsWholeTiles) {
  constexpr int kEntries = 700;  // Two complete tiles and a partial one.
  MemoryStore reference;
  BuildLog(reference, kEntries);
  const std::map<uint64_t, std::string> want = WholeTiles(reference, kEntries);
  ASSERT_EQ(want.size(), 3u);

  TempDir dir;
  {
    auto store = *RocksDbStore::Open(dir.Sub("db"), {});
    BuildLog(*store, kEntries);
    EXPECT_EQ(WholeTiles(*store, kEntries), want);
  }
  EXPECT_EQ(ReadRawTiles(dir.Sub("db"), true, false), want);
  // Without the operator only the partial tile, still a stack of updates, cannot be read.
  std::map<uint64_t, std::string> plain = ReadRawTiles(dir.Sub("db"), false, false);
  EXPECT_EQ(plain[0], want.at(0));
  EXPECT_EQ(plain[1], want.at(1));
  EXPECT_NE(plain[2], want.at(2));
  // A compaction to the last level merges the updates into the whole tile.
  EXPECT_EQ(ReadRawTiles(dir.Sub("db"), true, true), want);
  EXPECT_EQ(ReadRawTiles(dir.Sub("db"), false, false), want);

  // The store reopened extends its partial tile from the stored bytes and stays auditable.
  auto store = *RocksDbStore::Open(dir.Sub("db"), {});
  EXPECT_EQ(WholeTiles(*store, kEntries), want);
  AppendThroughLedger(*store, kEntries, 100);
  AuditReport r = *AuditLog(*store);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.entries_checked, uint64_t{kEntries + 100});
}

// Writes `source` into a RocksDB directory the way stores were laid out before tiles: every
// node under its own key in "nodes", no "tiles" column family.
void WriteLegacyStore(MemoryStore& source, uint64_t size, const std::string& path) {
  const std::vector<std::string> names = {"default",     "entries", "nodes",
                                          "checkpoints", "blobs",   "items"};
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names)
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, path, descriptors, &cfs, &db).ok());
  rocksdb::WriteBatch wb;
  for (const char* key : {"format", "origin", "verifier_key"})
    wb.Put(cfs[0], key, **source.ReadMeta(key));
  for (uint64_t seq = 0; seq < size; ++seq)
    wb.Put(cfs[1], internal::U64Key(seq), *source.ReadEntry(seq));
  for (const NodeId& id : AllNodes(size)) {
    Hash h;
    ASSERT_TRUE(source.ReadNodes({&id, 1}, {&h, 1}).ok());
    wb.Put(cfs[2], internal::NodeKey(id),
           rocksdb::Slice(reinterpret_cast<const char*>(h.data()), h.size()));
  }
  ASSERT_TRUE(source
                  .ScanCheckpoints([&](uint64_t tree_size, std::string_view note) {
                    wb.Put(cfs[3], internal::U64Key(tree_size),
                           rocksdb::Slice(note.data(), note.size()));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(db->Write(rocksdb::WriteOptions(), &wb).ok());
  for (rocksdb::ColumnFamilyHandle* h : cfs)
    ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  ASSERT_TRUE(db->Close().ok());
  delete db;
}

TEST(RocksDbTilesTest, AStoreWrittenBeforeTilesIsMigratedOnOpenAndKeepsWorking) {
  constexpr int kEntries = 600;
  MemoryStore source;
  BuildLog(source, kEntries);
  TempDir dir;
  WriteLegacyStore(source, kEntries, dir.Sub("db"));

  auto store = *RocksDbStore::Open(dir.Sub("db"), {});
  EXPECT_EQ(**store->ReadMeta("rocksdb_node_layout"), "tiles-v1");
  for (const NodeId& id : AllNodes(kEntries)) {
    Hash want, got;
    ASSERT_TRUE(source.ReadNodes({&id, 1}, {&want, 1}).ok());
    ASSERT_TRUE(store->ReadNodes({&id, 1}, {&got, 1}).ok()) << int{id.level} << "/" << id.index;
    EXPECT_EQ(got, want);
  }
  ASSERT_TRUE(AuditLog(*store)->status.ok());

  // The migrated log takes appends and reopens (without migrating again) intact.
  AppendThroughLedger(*store, kEntries, 50);
  store.reset();
  store = *RocksDbStore::Open(dir.Sub("db"), {});
  AuditReport r = *AuditLog(*store);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.entries_checked, uint64_t{kEntries + 50});
}

}  // namespace
}  // namespace tf::ledger
