// GraphStore::Apply and MoveToArchive: the store's writes.
#include <rocksdb/perf_level.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <span>
#include <unordered_map>

#include "core/canonical_json.h"
#include "graph/graph_store.h"
#include "graph/internal/codec.h"
#include "graph/internal/store_format.h"
#include "graph/internal/store_impl.h"
#include "graph/node_index_memo.h"

namespace tf::graph {
namespace {

constexpr size_t kArchiveStepEntries = 10'000;

Status Mismatch(std::string message) {
  return Status(ErrorCode::kGraphLedgerMismatch, std::move(message));
}

// A batch's writes, put into the WriteBatch sorted by column family and key: RocksDB's memtable
// skip list inserts a key next to the previous one far cheaper than at a random place, and in a
// batch of edges the incoming-adjacency keys arrive in random node order. Keys and values are
// copied into one buffer (no allocation per write).
class SortedWrites {
 public:
  explicit SortedWrites(size_t expected) { writes_.reserve(expected); }
  void Put(StoreCf cf, std::string_view key, std::string_view value) {
    // Each key's first 16 bytes as two integers, so that most comparisons of the sort compare
    // integers (zero padding keeps the byte order: equal padded prefixes fall through to the
    // full comparison).
    char padded[16] = {};
    key.copy(padded, sizeof(padded));
    writes_.push_back({internal::DecodeFixed64Be(padded), internal::DecodeFixed64Be(padded + 8),
                       bytes_.size(), static_cast<uint32_t>(key.size()),
                       static_cast<uint32_t>(value.size()), static_cast<uint32_t>(cf),
                       static_cast<uint32_t>(writes_.size())});
    bytes_.append(key);
    bytes_.append(value);
  }
  // Equal keys keep their order: a later write of the same key (a node record repeated in the
  // batch) still wins.
  void MoveTo(std::span<rocksdb::ColumnFamilyHandle* const> cfs, rocksdb::WriteBatch& wb) {
    std::sort(writes_.begin(), writes_.end(), [this](const Write& a, const Write& b) {
      if (a.cf != b.cf) return a.cf < b.cf;
      if (a.head != b.head) return a.head < b.head;
      if (a.next != b.next) return a.next < b.next;
      const int c = Key(a).compare(Key(b));
      return c != 0 ? c < 0 : a.order < b.order;
    });
    for (const Write& w : writes_)
      wb.Put(cfs[w.cf], ToSlice(Key(w)), ToSlice(Value(w)));
    writes_.clear();
    bytes_.clear();
  }
  // Bytes a WriteBatch needs for these writes (each adds a tag and three varints at most).
  size_t batch_bytes() const { return bytes_.size() + 16 * writes_.size() + 64; }

 private:
  struct Write {
    uint64_t head = 0, next = 0;
    size_t at = 0;  // the key's offset in bytes_, its value following
    uint32_t key_size = 0, value_size = 0;
    uint32_t cf = 0, order = 0;
  };
  std::string_view Key(const Write& w) const {
    return std::string_view(bytes_).substr(w.at, w.key_size);
  }
  std::string_view Value(const Write& w) const {
    return std::string_view(bytes_).substr(w.at + w.key_size, w.value_size);
  }
  std::vector<Write> writes_;
  std::string bytes_;
};

// RocksDB counts every key comparison in a thread-local perf context unless the thread says
// otherwise; a batch's memtable inserts make millions of comparisons (the counting was 3% of
// ingest CPU). Restores the thread's level when done.
class PerfCountersOff {
 public:
  PerfCountersOff() : saved_(rocksdb::GetPerfLevel()) {
    rocksdb::SetPerfLevel(rocksdb::PerfLevel::kDisable);
  }
  ~PerfCountersOff() { rocksdb::SetPerfLevel(saved_); }
  PerfCountersOff(const PerfCountersOff&) = delete;
  PerfCountersOff& operator=(const PerfCountersOff&) = delete;

 private:
  rocksdb::PerfLevel saved_;
};

Result<std::string> PropertiesJson(const Value& props) {
  if (props.size() == 0) return std::string();
  return CanonicalJson(props);
}

// The node indexes a batch needs: known ones from the store, new ones assigned in order.
class BatchNodes {
 public:
  BatchNodes(BatchNodeLookup lookup, uint64_t next)
      : known_(std::move(lookup.indexes)), next_(next) {}

  // The index of a node record's id, assigning one when it is new; `is_new` tells which.
  NodeIndex ForNode(std::string_view id, bool& is_new) {
    bool inserted = false;
    uint64_t& slot = known_.FindOrInsert(id, inserted);
    is_new = slot == NodeIdTable::kAbsent;
    if (is_new) slot = next_++;
    return slot;
  }
  std::optional<NodeIndex> Find(std::string_view id) const {
    const uint64_t* index = known_.Find(id);
    if (index == nullptr || *index == NodeIdTable::kAbsent) return std::nullopt;
    return *index;
  }
  uint64_t next() const { return next_; }
  // The indexes of `ids` (assigned to all once the batch is valid).
  void TeachTo(std::span<const std::string_view> ids, NodeIndexMemo& memo) const {
    for (std::string_view id : ids)
      if (std::optional<NodeIndex> index = Find(id)) memo.Learn(id, *index);
  }

 private:
  NodeIdTable known_;
  uint64_t next_;
};

}  // namespace

Result<BatchNodeLookup> GraphStore::LookUpNodes(std::span<const GraphRecord> records,
                                                const NodeIndexMemo* memo) const {
  BatchNodeLookup lookup;
  lookup.records = records.data();
  lookup.record_count = records.size();
  lookup.applied_batch = state().applied_batch;
  lookup.indexes = NodeIdTable(KeyStorage::kViews, records.size() * 2);
  std::vector<std::string_view> ids;  // the ids to read from RocksDB
  ids.reserve(records.size() * 2);
  auto add = [&](std::string_view id) {
    bool inserted = false;
    uint64_t& index = lookup.indexes.FindOrInsert(id, inserted);
    if (!inserted) return;
    if (memo != nullptr) {
      if (std::optional<uint64_t> known = memo->Find(id)) {
        index = *known;
        return;
      }
    }
    ids.push_back(id);
  };
  for (const GraphRecord& r : records) {
    if (const auto* n = std::get_if<NodeRecord>(&r)) {
      add(n->id);
    } else {
      const auto& e = std::get<EdgeRecord>(r);
      add(e.src);
      add(e.dst);
    }
  }
  std::vector<std::optional<NodeIndex>> found(ids.size());
  TF_RETURN_IF_ERROR(FindNodes(ids, found));
  for (size_t i = 0; i < ids.size(); ++i)
    if (found[i]) *lookup.indexes.Find(ids[i]) = *found[i];
  lookup.unremembered = std::move(ids);
  return lookup;
}

Status GraphStore::Apply(const BatchToApply& batch) {
  Impl& d = *impl_;
  std::lock_guard write_lock(d.write_mu);
  StoreState st = state();
  if (batch.batch != st.applied_batch + 1) {
    return Mismatch("graph store holds batches up to " + std::to_string(st.applied_batch) +
                    ", cannot apply batch " + std::to_string(batch.batch));
  }
  if (batch.records.size() > kMaxBatchRecords) return Mismatch("batch has too many records");
  BatchNodeLookup lookup;
  if (batch.lookup != nullptr && batch.lookup->records == batch.records.data() &&
      batch.lookup->record_count == batch.records.size() &&
      batch.lookup->applied_batch == st.applied_batch) {
    lookup = std::move(*batch.lookup);
  } else {
    TF_ASSIGN_OR_RETURN(lookup, LookUpNodes(batch.records));
  }
  const std::vector<std::string_view> unremembered = std::move(lookup.unremembered);
  BatchNodes nodes(std::move(lookup), st.node_count);
  // A store with an adjacency cache patches it with the batch's edges (no RocksDB scan).
  const std::shared_ptr<const internal::AdjacencyCache> cache = CacheSnapshot();
  std::vector<internal::CacheEdge> cache_out, cache_in;
  std::unordered_map<std::string, uint32_t> new_types;
  // The type of the previous edge: a batch's edges mostly share one.
  std::string_view last_type_name;
  uint32_t last_type = 0;
  SortedWrites writes(batch.records.size() * 2);
  std::string key, value;  // reused: no allocation per record
  for (size_t pos = 0; pos < batch.records.size(); ++pos) {
    const GraphRecord& r = batch.records[pos];
    if (const auto* n = std::get_if<NodeRecord>(&r)) {
      bool is_new = false;
      StoredNode stored{nodes.ForNode(n->id, is_new), *n, batch.batch, pos};
      if (is_new) {
        value.clear();
        internal::PutFixed64Be(value, stored.index);
        writes.Put(kCfIds, n->id, value);
      }
      TF_ASSIGN_OR_RETURN(std::string props, PropertiesJson(n->properties));
      writes.Put(kCfNodes, internal::NodeKey(stored.index), internal::EncodeNode(stored, props));
      continue;
    }
    const auto& e = std::get<EdgeRecord>(r);
    std::optional<NodeIndex> src = nodes.Find(e.src), dst = nodes.Find(e.dst);
    if (!src || !dst) {
      return Mismatch("batch " + std::to_string(batch.batch) + " record " + std::to_string(pos) +
                      ": edge endpoint " + (src ? e.dst : e.src) + " is not a node");
    }
    if (last_type_name.data() == nullptr || e.type != last_type_name) {
      std::optional<uint32_t> known = TypeId(e.type);
      if (!known) {
        auto [it, added] = new_types.emplace(e.type, st.type_count + new_types.size());
        known = it->second;
      }
      last_type_name = e.type;
      last_type = *known;
    }
    const uint64_t edge_id = MakeEdgeId(batch.batch, pos);
    TF_ASSIGN_OR_RETURN(std::string props, PropertiesJson(e.properties));
    key.clear();
    internal::AppendAdjKey(key, EdgeDir::kOut, *src, e.observed_at, edge_id);
    value.clear();
    internal::AppendAdjValue(value, *dst, last_type, props);
    writes.Put(kCfAdj, key, value);
    key.clear();
    internal::AppendAdjKey(key, EdgeDir::kIn, *dst, e.observed_at, edge_id);
    value.clear();
    internal::AppendAdjValue(value, *src, last_type, {});
    writes.Put(kCfAdj, key, value);
    if (cache) {
      cache_out.push_back({*src, *dst, last_type, e.observed_at, edge_id});
      cache_in.push_back({*dst, *src, last_type, e.observed_at, edge_id});
    }
    ++st.edge_count;
  }
  for (const auto& [name, id] : new_types) {
    std::string v;
    internal::PutVarint(v, id);
    writes.Put(kCfMeta, "type:" + name, v);
  }
  st.type_count += new_types.size();
  st.node_count = nodes.next();
  st.applied_batch = batch.batch;
  st.applied_seq = batch.seq;
  writes.Put(kCfMeta, "state", internal::EncodeState(st));
  std::shared_ptr<internal::AdjacencyCache> next_cache;
  if (cache) {
    TF_ASSIGN_OR_RETURN(internal::AdjacencyCache patched,
                        internal::AdjacencyCache::WithEdges(
                            *cache, st.node_count, std::move(cache_out), std::move(cache_in)));
    next_cache = std::make_shared<internal::AdjacencyCache>(std::move(patched));
    next_cache->applied_batch = st.applied_batch;
  }
  rocksdb::WriteBatch wb(writes.batch_bytes());
  writes.MoveTo(d.handles, wb);
  // The write and the new cache become visible together: a reader that finds the batch's nodes
  // in RocksDB takes its cache snapshot after this lock is released, so never an older one.
  std::unique_lock lock(d.mu);
  {
    PerfCountersOff no_counting;
    TF_RETURN_IF_ERROR(FromRocks(d.db->Write(d.batch_write_options, &wb), "apply batch"));
  }
  d.state = st;
  d.cache = std::move(next_cache);
  d.type_names.resize(st.type_count);
  for (auto& [name, id] : new_types) {
    d.type_names[id] = name;
    d.type_ids.emplace(name, id);
  }
  lock.unlock();
  if (batch.memo != nullptr) nodes.TeachTo(unremembered, *batch.memo);
  return Status();
}

Result<uint64_t> GraphStore::MoveToArchive(int64_t cutoff) {
  Impl& d = *impl_;
  std::lock_guard write_lock(d.write_mu);
  const bool had_cache = has_adjacency_cache();
  // Batches not flushed yet would be lost in a crash while the logged archive steps after them
  // (whose watermark counts them) survived: persist them first.
  TF_RETURN_IF_ERROR(
      FromRocks(d.db->Flush(rocksdb::FlushOptions(), d.handles), "flush before archive"));
  uint64_t moved = 0;
  rocksdb::ReadOptions ro;
  ro.total_order_seek = true;
  std::unique_ptr<rocksdb::Iterator> it(d.db->NewIterator(ro, d.cf(kCfAdj)));
  it->SeekToFirst();
  for (bool more = true; more;) {
    rocksdb::WriteBatch wb;
    uint64_t step_out = 0;
    size_t step = 0;
    for (; it->Valid() && step < kArchiveStepEntries; it->Next()) {
      std::optional<internal::AdjKeyParts> k = internal::ParseAdjKey(it->key().ToStringView());
      if (!k) return internal::Corrupt("adjacency key does not decode");
      if (k->time >= cutoff) continue;
      wb.Put(d.cf(kCfArchive), it->key(), it->value());
      wb.Delete(d.cf(kCfAdj), it->key());
      if (k->dir == EdgeDir::kOut) ++step_out;
      ++step;
    }
    TF_RETURN_IF_ERROR(FromRocks(it->status(), "scan for archive"));
    more = it->Valid();
    StoreState st = state();
    st.archived_edges += step_out;
    if (!more) st.archive_cutoff = std::max(st.archive_cutoff, cutoff);
    wb.Put(d.cf(kCfMeta), "state", internal::EncodeState(st));
    TF_RETURN_IF_ERROR(FromRocks(d.db->Write(d.logged_write_options, &wb), "archive"));
    // The cache still holds the moved entries: traversals read RocksDB until it is rebuilt.
    std::unique_lock lock(d.mu);
    d.state = st;
    d.cache.reset();
    moved += step_out;
  }
  if (had_cache) TF_RETURN_IF_ERROR(BuildAdjacencyCacheLocked().status());
  return moved;
}

}  // namespace tf::graph
