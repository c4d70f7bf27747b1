#include "ledger/rocksdb_store.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

#include "ledger/internal/key_format.h"
#include "ledger/internal/leaf_group.h"
#include "ledger/internal/node_tile.h"
#include "ledger/internal/tile_merge_operator.h"
#include "ledger/rocksdb_files.h"

namespace tf::ledger {
namespace {

using internal::EncodeLeafGroup;
using internal::EvidenceKeyBytes;
using internal::InTile;
using internal::kLeafGroupSpan;
using internal::LeafGroupView;
using internal::NodeKey;
using internal::NodeTile;
using internal::TileIndex;
using internal::U64Key;

// Column family order is fixed: handles_[i] is kColumnFamilies[i]. Nodes below level 8 live in
// "tiles" (internal/node_tile.h), the few above in "nodes", one key each. Entries are written in
// "leaf_groups" (internal/leaf_group.h); "entries" holds one key per entry of stores written
// before groups, read as they are, and the rare rewrite of an entry no group holds.
enum Cf : size_t {
  kMeta = 0,
  kEntries,
  kNodes,
  kCheckpoints,
  kBlobs,
  kItems,
  kTiles,
  kLeafGroups,
  kCfCount
};
constexpr const char* kColumnFamilies[kCfCount] = {"default", "entries", "nodes", "checkpoints",
                                                   "blobs",   "items",   "tiles", "leaf_groups"};
constexpr int kBloomBitsPerKey = 10;

// Stores written before tiles kept every node in "nodes"; Open moves their lowest levels into
// tiles once and then records this layout.
constexpr std::string_view kNodeLayoutKey = "rocksdb_node_layout";
constexpr std::string_view kNodeLayoutTiles = "tiles-v1";
// Tiles per intermediate write while migrating (about 16 MB).
constexpr size_t kMigrationChunk = 1024;

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  const ErrorCode code = s.IsCorruption() ? ErrorCode::kLedgerCorrupt : ErrorCode::kIoError;
  return Status(code, "rocksdb " + std::string(what) + ": " + s.ToString());
}

rocksdb::Slice ToSlice(std::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

}  // namespace

struct RocksDbStore::Impl {
  RocksDbStoreOptions options;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::WriteOptions write_options;
  // Serialises conditional writes so the tree-size check and the write are one step. The store
  // is the only writer of its directory (RocksDB's LOCK file), so the cached size stays true.
  std::mutex write_mu;
  uint64_t tree_size = 0;
  // One past the largest stored seq, in either layout: seqs from here on are new. Under write_mu.
  uint64_t entries_end = 0;
  // The partial tile the last write extended, as stored (index, tile). The log grows at its
  // right edge, so the next commit extends the same tile without reading it back. Under write_mu.
  std::optional<std::pair<uint64_t, NodeTile>> edge_tile;

  rocksdb::ColumnFamilyHandle* cf(Cf c) const { return handles[c]; }

  Result<std::optional<std::string>> Get(Cf c, std::string_view key) const {
    std::string value;
    rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cf(c), ToSlice(key), &value);
    if (s.IsNotFound()) return std::optional<std::string>();
    TF_RETURN_IF_ERROR(FromRocks(s, "get"));
    return std::optional<std::string>(std::move(value));
  }

  Status Scan(Cf c, std::string_view from, std::string_view to_exclusive,
              const std::function<Status(std::string_view, std::string_view)>& visit) const {
    rocksdb::ReadOptions ro;
    rocksdb::Slice upper = ToSlice(to_exclusive);
    if (!to_exclusive.empty()) ro.iterate_upper_bound = &upper;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, cf(c)));
    for (it->Seek(ToSlice(from)); it->Valid(); it->Next()) {
      TF_RETURN_IF_ERROR(visit(it->key().ToStringView(), it->value().ToStringView()));
    }
    return FromRocks(it->status(), "scan");
  }

  // The tile as stored, or an empty one for a tile not written yet.
  Result<NodeTile> ReadTile(uint64_t tile) const {
    TF_ASSIGN_OR_RETURN(std::optional<std::string> bytes, Get(kTiles, U64Key(tile)));
    if (!bytes) return NodeTile();
    return NodeTile::Decode(*bytes);
  }

  // The leaf group with the largest first seq <= seq, as (first seq, value); nullopt if none.
  Result<std::optional<std::pair<uint64_t, std::string>>> GroupAt(uint64_t seq) const {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf(kLeafGroups)));
    it->SeekForPrev(U64Key(seq));
    TF_RETURN_IF_ERROR(FromRocks(it->status(), "read leaf group"));
    if (!it->Valid()) return std::optional<std::pair<uint64_t, std::string>>();
    std::optional<uint64_t> first = internal::ParseU64Key(it->key().ToStringView());
    if (!first) return Status(ErrorCode::kLedgerCorrupt, "malformed leaf group key");
    return std::optional<std::pair<uint64_t, std::string>>(
        std::make_pair(*first, it->value().ToString()));
  }

  // The stored tile, taken from edge_tile when it is that one. REQUIRES: write_mu held.
  Result<NodeTile> TakeTile(uint64_t tile) {
    if (edge_tile && edge_tile->first == tile) {
      NodeTile taken = std::move(edge_tile->second);
      edge_tile.reset();
      return taken;
    }
    return ReadTile(tile);
  }

  Status LoadEntriesEnd();
  Status PutTiles(const WriteBatch& batch, rocksdb::WriteBatch& wb,
                  std::map<uint64_t, NodeTile>& touched);
  Status PutEntries(const WriteBatch& batch, rocksdb::WriteBatch& wb, uint64_t& new_end) const;
  Status MigrateNodesToTiles();
};

Status RocksDbStore::Impl::LoadEntriesEnd() {
  entries_end = 0;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf(kEntries)));
  it->SeekToLast();
  TF_RETURN_IF_ERROR(FromRocks(it->status(), "read last entry"));
  if (it->Valid()) {
    std::optional<uint64_t> seq = internal::ParseU64Key(it->key().ToStringView());
    if (!seq) return Status(ErrorCode::kLedgerCorrupt, "malformed entry key");
    entries_end = *seq + 1;
  }
  it.reset(db->NewIterator(rocksdb::ReadOptions(), cf(kLeafGroups)));
  it->SeekToLast();
  TF_RETURN_IF_ERROR(FromRocks(it->status(), "read last leaf group"));
  if (it->Valid()) {
    std::optional<uint64_t> first = internal::ParseU64Key(it->key().ToStringView());
    if (!first) return Status(ErrorCode::kLedgerCorrupt, "malformed leaf group key");
    TF_ASSIGN_OR_RETURN(LeafGroupView group, LeafGroupView::Parse(it->value().ToStringView()));
    entries_end = std::max(entries_end, *first + group.size());
  }
  return Status::Ok();
}

// New seqs (at or past entries_end) go into leaf groups: one put per run of consecutive seqs
// within one kLeafGroupSpan-aligned block. A seq already stored (a repair, or a tamper test) is
// rewritten where it lives: inside its group, or under its own key. REQUIRES: write_mu held.
Status RocksDbStore::Impl::PutEntries(const WriteBatch& batch, rocksdb::WriteBatch& wb,
                                      uint64_t& new_end) const {
  new_end = entries_end;
  std::vector<std::string_view> run;
  uint64_t run_first = 0;
  auto flush = [&] {
    if (!run.empty()) wb.Put(cf(kLeafGroups), U64Key(run_first), EncodeLeafGroup(run));
    run.clear();
  };
  // Existing groups this batch changes: first seq -> their leaves, rewritten at the end.
  std::map<uint64_t, std::vector<std::string>> changed;
  for (size_t i = 0; i < batch.entry_count(); ++i) {
    const WriteBatch::EntryPut e = batch.entry(i);
    if (e.seq >= entries_end) {
      const bool extends =
          !run.empty() && e.seq == run_first + run.size() && e.seq % kLeafGroupSpan != 0;
      if (!extends) {
        flush();
        run_first = e.seq;
      }
      run.push_back(e.leaf_bytes);
      new_end = std::max(new_end, e.seq + 1);
      continue;
    }
    auto held = changed.upper_bound(e.seq);
    if (held != changed.begin() &&
        e.seq - std::prev(held)->first < std::prev(held)->second.size()) {
      --held;
    } else {
      held = changed.end();
      TF_ASSIGN_OR_RETURN(auto stored, GroupAt(e.seq));
      if (stored) {
        TF_ASSIGN_OR_RETURN(LeafGroupView group, LeafGroupView::Parse(stored->second));
        if (e.seq - stored->first < group.size()) {
          std::vector<std::string> leaves;
          for (size_t j = 0; j < group.size(); ++j)
            leaves.emplace_back(group.leaf(j));
          held = changed.emplace(stored->first, std::move(leaves)).first;
        }
      }
    }
    if (held == changed.end()) {
      wb.Put(cf(kEntries), U64Key(e.seq), ToSlice(e.leaf_bytes));
    } else {
      held->second[e.seq - held->first] = std::string(e.leaf_bytes);
    }
  }
  flush();
  for (const auto& [first, leaves] : changed) {
    const std::vector<std::string_view> views(leaves.begin(), leaves.end());
    wb.Put(cf(kLeafGroups), U64Key(first), EncodeLeafGroup(views));
  }
  return Status::Ok();
}

// A partial tile gets only the nodes this batch adds or changes, as a merge (its operator applies
// them to the stored tile on read and compaction); a tile the batch completes is written whole,
// so reading a complete tile never merges. `touched` receives every tile as extended.
// REQUIRES: write_mu held.
Status RocksDbStore::Impl::PutTiles(const WriteBatch& batch, rocksdb::WriteBatch& wb,
                                    std::map<uint64_t, NodeTile>& touched) {
  std::map<uint64_t, std::string> updates;
  for (const auto& [id, hash] : batch.nodes()) {
    if (!InTile(id)) continue;
    auto it = touched.find(TileIndex(id));
    if (it == touched.end()) {
      TF_ASSIGN_OR_RETURN(NodeTile stored, TakeTile(TileIndex(id)));
      it = touched.emplace(TileIndex(id), std::move(stored)).first;
    }
    TF_RETURN_IF_ERROR(it->second.Put(id, hash));
    NodeTile::AppendUpdate(id, hash, updates[TileIndex(id)]);
  }
  for (const auto& [index, tile] : touched) {
    if (tile.complete()) {
      wb.Put(cf(kTiles), U64Key(index), tile.Encode());
    } else {
      wb.Merge(cf(kTiles), U64Key(index), updates[index]);
    }
  }
  return Status::Ok();
}

Status RocksDbStore::Impl::MigrateNodesToTiles() {
  TF_ASSIGN_OR_RETURN(std::optional<std::string> layout, Get(kMeta, kNodeLayoutKey));
  if (layout) {
    if (*layout == kNodeLayoutTiles) return Status::Ok();
    return Status(ErrorCode::kLedgerCorrupt, "unknown node layout \"" + *layout + "\"");
  }
  // One iterator per tile level, advanced together tile by tile. Tiles written before a crash
  // are rewritten by the next attempt: the layout key is set only with the last batch.
  const std::string end_key = NodeKey(NodeId{internal::kTileLevels, 0});
  const rocksdb::Slice end = end_key;
  std::array<std::unique_ptr<rocksdb::Iterator>, internal::kTileLevels> its;
  for (int level = 0; level < internal::kTileLevels; ++level) {
    its[level].reset(db->NewIterator(rocksdb::ReadOptions(), cf(kNodes)));
    its[level]->Seek(NodeKey(NodeId{static_cast<uint8_t>(level), 0}));
  }
  auto current = [&](int level) -> std::optional<NodeId> {
    if (!its[level]->Valid()) return std::nullopt;
    std::optional<NodeId> id = internal::ParseNodeKey(its[level]->key().ToStringView());
    if (!id || id->level != level) return std::nullopt;
    return id;
  };
  rocksdb::WriteBatch wb;
  size_t pending = 0;
  while (true) {
    std::optional<uint64_t> tile;
    for (int level = 0; level < internal::kTileLevels; ++level) {
      if (std::optional<NodeId> id = current(level))
        tile = std::min(tile.value_or(UINT64_MAX), TileIndex(*id));
    }
    if (!tile) break;
    NodeTile built;
    for (int level = 0; level < internal::kTileLevels; ++level) {
      for (std::optional<NodeId> id; (id = current(level)) && TileIndex(*id) == *tile;
           its[level]->Next()) {
        if (its[level]->value().size() != kHashSize)
          return Status(ErrorCode::kLedgerCorrupt, "stored node is not 32 bytes");
        Hash hash;
        std::memcpy(hash.data(), its[level]->value().data(), kHashSize);
        Status put = built.Put(*id, hash);
        if (!put.ok()) return Status(ErrorCode::kLedgerCorrupt, std::string(put.message()));
      }
    }
    wb.Put(cf(kTiles), U64Key(*tile), built.Encode());
    if (++pending == kMigrationChunk) {
      TF_RETURN_IF_ERROR(FromRocks(db->Write(rocksdb::WriteOptions(), &wb), "migrate tiles"));
      wb.Clear();
      pending = 0;
    }
  }
  for (const auto& it : its)
    TF_RETURN_IF_ERROR(FromRocks(it->status(), "migrate tiles"));
  const std::string begin_key = NodeKey(NodeId{0, 0});
  wb.DeleteRange(cf(kNodes), begin_key, end);
  wb.Put(cf(kMeta), kNodeLayoutKey, kNodeLayoutTiles);
  rocksdb::WriteOptions synced;
  synced.sync = true;
  TF_RETURN_IF_ERROR(FromRocks(db->Write(synced, &wb), "migrate tiles"));
  // Reclaim the old per-node keys now rather than at some later compaction, and leave the tiles
  // as one sorted run, so a read probes one file.
  const rocksdb::Slice begin = begin_key;
  db->CompactRange(rocksdb::CompactRangeOptions(), cf(kNodes), &begin, &end).PermitUncheckedError();
  db->CompactRange(rocksdb::CompactRangeOptions(), cf(kTiles), nullptr, nullptr)
      .PermitUncheckedError();
  return Status::Ok();
}

RocksDbStore::RocksDbStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

RocksDbStore::~RocksDbStore() {
  if (impl_->db) {
    for (rocksdb::ColumnFamilyHandle* h : impl_->handles)
      impl_->db->DestroyColumnFamilyHandle(h);
    impl_->db->Close().PermitUncheckedError();
  }
}

Result<std::unique_ptr<RocksDbStore>> RocksDbStore::Open(const std::string& path,
                                                         const RocksDbStoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->write_options.sync = options.sync;

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options.create_if_missing;
  // Also adds column families a newer version introduced (tiles) to an existing store.
  db_options.create_missing_column_families = true;
  // The WAL is the commit record. Point-in-time recovery replays it up to the last complete
  // record: a torn final record (what a crash in the middle of a write leaves) belonged to a
  // write whose sync never returned, so it was never acknowledged and may be dropped.
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  db_options.max_total_wal_size = size_t{256} << 20;
  // A proof reads one 16 KB tile, mostly from the page cache: mapping the files saves a pread,
  // a copy and a buffer per read. Writes and their syncs are unaffected.
  db_options.allow_mmap_reads = true;
  // A memtable flush writes an SST file of several MB and syncs it at the end; writing it back
  // a MiB at a time keeps that burst from queueing ahead of the WAL's synced commits.
  db_options.bytes_per_sync = size_t{1} << 20;
  LimitInfoLogs(db_options);

  std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (size_t i = 0; i < kCfCount; ++i) {
    rocksdb::ColumnFamilyOptions cf_options;
    rocksdb::BlockBasedTableOptions table;
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(kBloomBitsPerKey));
    // Hashes and signatures do not compress; JSON entries and evidence content may.
    const bool compress = i == kEntries || i == kLeafGroups || i == kBlobs || i == kItems;
    cf_options.compression = compress ? rocksdb::kLZ4Compression : rocksdb::kNoCompression;
    // With mapped reads RocksDB reads an uncompressed block straight from the mapping and caches
    // only blocks it decompressed into memory of its own, so the cache would never hold a block
    // of the other column families: their reads skip the lookup (a hash and a shard mutex).
    if (compress) {
      table.block_cache = cache;
    } else {
      table.no_block_cache = true;
    }
    cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    if (i == kTiles) cf_options.merge_operator = internal::NewTileMergeOperator();
    descriptors.emplace_back(kColumnFamilies[i], cf_options);
  }
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, path, descriptors, &impl->handles, &raw);
  if (!s.ok()) return FromRocks(s, "open " + path);
  impl->db.reset(raw);
  RemoveEmptyOldWals(*impl->db);
  TF_RETURN_IF_ERROR(impl->MigrateNodesToTiles());
  TF_RETURN_IF_ERROR(impl->LoadEntriesEnd());
  auto store = std::unique_ptr<RocksDbStore>(new RocksDbStore(std::move(impl)));
  TF_ASSIGN_OR_RETURN(auto latest, store->ReadLatestCheckpoint());
  store->impl_->tree_size = latest ? latest->first : 0;
  return store;
}

Status RocksDbStore::Write(const WriteBatch& batch) {
  Impl& d = *impl_;
  rocksdb::WriteBatch wb;
  for (const auto& [id, hash] : batch.nodes()) {
    if (InTile(id)) continue;
    wb.Put(d.cf(kNodes), NodeKey(id),
           rocksdb::Slice(reinterpret_cast<const char*>(hash.data()), hash.size()));
  }
  uint64_t new_size = 0;
  for (const auto& [size, note] : batch.checkpoints()) {
    wb.Put(d.cf(kCheckpoints), U64Key(size), note);
    new_size = std::max(new_size, size);
  }
  for (const EvidenceKey& key : batch.blob_deletes())
    wb.Delete(d.cf(kBlobs), EvidenceKeyBytes(key));
  for (const auto& put : batch.blob_puts())
    wb.Put(d.cf(kBlobs), EvidenceKeyBytes(put.key), put.content);
  for (const auto& put : batch.item_puts())
    wb.Put(d.cf(kItems), EvidenceKeyBytes(put.key), put.state);
  for (const auto& [key, value] : batch.meta())
    wb.Put(d.cf(kMeta), key, value);

  std::lock_guard lock(d.write_mu);
  if (batch.expected_tree_size() && *batch.expected_tree_size() != d.tree_size) {
    return Status(ErrorCode::kLedgerConflict, "tree size is " + std::to_string(d.tree_size) +
                                                  ", batch expected " +
                                                  std::to_string(*batch.expected_tree_size()));
  }
  uint64_t entries_end = 0;
  TF_RETURN_IF_ERROR(d.PutEntries(batch, wb, entries_end));
  std::map<uint64_t, NodeTile> tiles;
  TF_RETURN_IF_ERROR(d.PutTiles(batch, wb, tiles));
  TF_RETURN_IF_ERROR(FromRocks(d.db->Write(d.write_options, &wb), "write"));
  // The rightmost tile left partial becomes the edge tile (one taken above and not written
  // stays taken, so a failed write never leaves a cached tile ahead of the store).
  for (auto it = tiles.rbegin(); it != tiles.rend(); ++it) {
    if (it->second.complete()) continue;
    d.edge_tile.emplace(it->first, std::move(it->second));
    break;
  }
  d.tree_size = std::max(d.tree_size, new_size);
  d.entries_end = entries_end;
  // A purge must remove the bytes, not just hide them: compact the deleted keys' range so the
  // content leaves the SST files now rather than at some later compaction. The batch is already
  // committed, so a failed compaction only delays the physical erasure.
  for (const EvidenceKey& key : batch.blob_deletes()) {
    std::string begin = EvidenceKeyBytes(key);
    std::string end = begin + '\0';
    rocksdb::Slice b(begin), e(end);
    rocksdb::CompactRangeOptions cro;
    cro.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
    d.db->CompactRange(cro, d.cf(kBlobs), &b, &e).PermitUncheckedError();
  }
  return Status::Ok();
}

Status RocksDbStore::ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) {
  const size_t n = ids.size();
  // Ids in tiles, by tile (a proof's lowest eight levels share one), and the upper nodes.
  std::vector<std::pair<uint64_t, size_t>> by_tile;  // (tile, id position), sorted by tile.
  by_tile.reserve(n);
  std::vector<std::string> node_keys;
  std::vector<size_t> node_of;  // node_keys[j] is ids[node_of[j]].
  for (size_t i = 0; i < n; ++i) {
    if (InTile(ids[i])) {
      by_tile.emplace_back(TileIndex(ids[i]), i);
    } else {
      node_keys.push_back(NodeKey(ids[i]));
      node_of.push_back(i);
    }
  }
  auto missing = [&](size_t i) {
    return Status(ErrorCode::kLedgerCorrupt, "node (level " + std::to_string(ids[i].level) +
                                                 ", index " + std::to_string(ids[i].index) +
                                                 ") is missing or not 32 bytes");
  };
  // One Get per tile, without RocksDB's block checksum: the block is a whole 16 KB tile, and
  // hashing it costs about as much as the rest of a proof. What a tile yields is checked by hash
  // instead: a proof against the signed root (GetReceipt, every verifier), the tree head on
  // open, the full audit; the commit path reads a tile it extends with checksums (ReadTile).
  // A Get, unlike an iterator, skips every table file whose Bloom filter rules the tile out.
  std::sort(by_tile.begin(), by_tile.end());
  rocksdb::ReadOptions tile_read;
  tile_read.verify_checksums = false;
  rocksdb::PinnableSlice tile;
  for (size_t j = 0; j < by_tile.size(); ++j) {
    const auto [index, i] = by_tile[j];
    if (j == 0 || index != by_tile[j - 1].first) {
      tile.Reset();
      rocksdb::Status s = impl_->db->Get(tile_read, impl_->cf(kTiles), U64Key(index), &tile);
      if (s.IsNotFound()) return missing(i);
      TF_RETURN_IF_ERROR(FromRocks(s, "read node tile"));
    }
    TF_ASSIGN_OR_RETURN(bool found, NodeTile::Find(tile.ToStringView(), ids[i], &out[i]));
    if (!found) return missing(i);
  }
  if (node_keys.empty()) return Status::Ok();
  const size_t k = node_keys.size();
  std::vector<rocksdb::ColumnFamilyHandle*> cfs(k, impl_->cf(kNodes));
  std::vector<rocksdb::Slice> slices(node_keys.begin(), node_keys.end());
  std::vector<rocksdb::PinnableSlice> values(k);
  std::vector<rocksdb::Status> statuses(k);
  impl_->db->MultiGet(rocksdb::ReadOptions(), k, cfs.data(), slices.data(), values.data(),
                      statuses.data());
  for (size_t j = 0; j < k; ++j) {
    if (!statuses[j].ok() && !statuses[j].IsNotFound())
      TF_RETURN_IF_ERROR(FromRocks(statuses[j], "read node"));
    if (!statuses[j].ok() || values[j].size() != kHashSize) return missing(node_of[j]);
    std::memcpy(out[node_of[j]].data(), values[j].data(), kHashSize);
  }
  return Status::Ok();
}

Result<std::string> RocksDbStore::ReadEntry(uint64_t seq) {
  // A key of its own (older stores) is checked first: the bloom filter makes a miss cheap.
  TF_ASSIGN_OR_RETURN(std::optional<std::string> v, impl_->Get(kEntries, U64Key(seq)));
  if (v) return std::move(*v);
  TF_ASSIGN_OR_RETURN(auto stored, impl_->GroupAt(seq));
  if (stored) {
    TF_ASSIGN_OR_RETURN(LeafGroupView group, LeafGroupView::Parse(stored->second));
    if (seq - stored->first < group.size()) return std::string(group.leaf(seq - stored->first));
  }
  return NotFound("entry " + std::to_string(seq) + " not found");
}

Status RocksDbStore::ScanEntries(uint64_t begin, uint64_t end, const EntryVisitor& visit) {
  if (begin >= end) return Status::Ok();
  // Merges the two layouts by seq: entries under their own keys and leaf groups.
  Impl& d = *impl_;
  const std::string from = U64Key(begin);
  std::unique_ptr<rocksdb::Iterator> single(
      d.db->NewIterator(rocksdb::ReadOptions(), d.cf(kEntries)));
  single->Seek(from);
  std::unique_ptr<rocksdb::Iterator> groups(
      d.db->NewIterator(rocksdb::ReadOptions(), d.cf(kLeafGroups)));
  groups->SeekForPrev(from);
  if (!groups->Valid()) groups->Seek(from);
  std::optional<LeafGroupView> group;
  uint64_t group_first = 0;
  size_t in_group = 0;
  // Positions `group` on the next leaf at or after `begin`, moving through groups as needed.
  auto settle = [&]() -> Status {
    while (true) {
      if (group && in_group < group->size() && group_first + in_group < begin) {
        in_group = begin - group_first;
      }
      if (group && in_group < group->size()) return Status::Ok();
      if (group) groups->Next();
      group.reset();
      if (!groups->Valid()) return FromRocks(groups->status(), "scan leaf groups");
      std::optional<uint64_t> first = internal::ParseU64Key(groups->key().ToStringView());
      if (!first) return Status(ErrorCode::kLedgerCorrupt, "malformed leaf group key");
      TF_ASSIGN_OR_RETURN(LeafGroupView parsed,
                          LeafGroupView::Parse(groups->value().ToStringView()));
      group = parsed;
      group_first = *first;
      in_group = 0;
    }
  };
  TF_RETURN_IF_ERROR(settle());
  while (true) {
    std::optional<uint64_t> single_seq;
    if (single->Valid()) {
      single_seq = internal::ParseU64Key(single->key().ToStringView());
      if (!single_seq) return Status(ErrorCode::kLedgerCorrupt, "malformed entry key");
    }
    const std::optional<uint64_t> group_seq =
        group ? std::optional<uint64_t>(group_first + in_group) : std::nullopt;
    const bool take_single = single_seq && (!group_seq || *single_seq <= *group_seq);
    const std::optional<uint64_t> seq = take_single ? single_seq : group_seq;
    if (!seq || *seq >= end) break;
    if (take_single) {
      TF_RETURN_IF_ERROR(visit(*seq, single->value().ToStringView()));
      single->Next();
    } else {
      TF_RETURN_IF_ERROR(visit(*seq, group->leaf(in_group)));
      ++in_group;
      TF_RETURN_IF_ERROR(settle());
    }
  }
  TF_RETURN_IF_ERROR(FromRocks(single->status(), "scan entries"));
  return FromRocks(groups->status(), "scan leaf groups");
}

Result<std::optional<std::string>> RocksDbStore::ReadCheckpoint(uint64_t tree_size) {
  return impl_->Get(kCheckpoints, U64Key(tree_size));
}

Result<std::optional<std::pair<uint64_t, std::string>>> RocksDbStore::ReadLatestCheckpoint() {
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->cf(kCheckpoints)));
  it->SeekToLast();
  TF_RETURN_IF_ERROR(FromRocks(it->status(), "read latest checkpoint"));
  if (!it->Valid()) return std::optional<std::pair<uint64_t, std::string>>();
  std::optional<uint64_t> size = internal::ParseU64Key(it->key().ToStringView());
  if (!size) return Status(ErrorCode::kLedgerCorrupt, "malformed checkpoint key");
  return std::optional<std::pair<uint64_t, std::string>>(
      std::make_pair(*size, it->value().ToString()));
}

Status RocksDbStore::ScanCheckpoints(const CheckpointVisitor& visit) {
  return impl_->Scan(kCheckpoints, "", "", [&](std::string_view key, std::string_view value) {
    std::optional<uint64_t> size = internal::ParseU64Key(key);
    if (!size) return Status(ErrorCode::kLedgerCorrupt, "malformed checkpoint key");
    return visit(*size, value);
  });
}

Result<std::optional<std::string>> RocksDbStore::ReadBlob(const EvidenceKey& key) {
  return impl_->Get(kBlobs, EvidenceKeyBytes(key));
}

Result<std::optional<std::string>> RocksDbStore::ReadItem(const EvidenceKey& key) {
  return impl_->Get(kItems, EvidenceKeyBytes(key));
}

Status RocksDbStore::ScanItems(std::string_view tenant, const ItemVisitor& visit) {
  std::string from = internal::TenantPrefix(tenant);
  std::string to = from;
  to.back() = '\x01';  // The prefix ends in NUL; NUL + 1 bounds the tenant's range.
  return impl_->Scan(kItems, from, to, [&](std::string_view key, std::string_view value) {
    Result<Hash> hash = HashFromBytes(key.substr(from.size()));
    if (!hash.ok()) return Status(ErrorCode::kLedgerCorrupt, "malformed item key");
    return visit(*hash, value);
  });
}

Result<std::optional<std::string>> RocksDbStore::ReadMeta(std::string_view key) {
  return impl_->Get(kMeta, key);
}

}  // namespace tf::ledger
