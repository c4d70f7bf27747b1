// GraphStore::Apply and MoveToArchive: the store's writes.
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <unordered_map>

#include "core/canonical_json.h"
#include "graph/graph_store.h"
#include "graph/internal/codec.h"
#include "graph/internal/store_format.h"
#include "graph/internal/store_impl.h"

namespace tf::graph {
namespace {

constexpr size_t kArchiveStepEntries = 10'000;

Status Mismatch(std::string message) {
  return Status(ErrorCode::kGraphLedgerMismatch, std::move(message));
}

Result<std::string> PropertiesJson(const Value& props) {
  if (props.size() == 0) return std::string();
  return CanonicalJson(props);
}

// The node indexes a batch needs: known ones from the store, new ones assigned in order.
class BatchNodes {
 public:
  BatchNodes(const GraphStore& store, uint64_t next) : store_(store), next_(next) {}

  Status Resolve(std::span<const GraphRecord> records) {
    std::vector<std::string_view> ids;
    for (const GraphRecord& r : records) {
      if (const auto* n = std::get_if<NodeRecord>(&r)) {
        Add(n->id, ids);
      } else {
        const auto& e = std::get<EdgeRecord>(r);
        Add(e.src, ids);
        Add(e.dst, ids);
      }
    }
    std::vector<std::optional<NodeIndex>> found(ids.size());
    TF_RETURN_IF_ERROR(store_.FindNodes(ids, found));
    for (size_t i = 0; i < ids.size(); ++i)
      known_[ids[i]] = found[i];
    return Status();
  }
  // The index of a node record's id, assigning one when it is new; `is_new` tells which.
  NodeIndex ForNode(std::string_view id, bool& is_new) {
    std::optional<NodeIndex>& slot = known_[id];
    is_new = !slot.has_value();
    if (is_new) slot = next_++;
    return *slot;
  }
  std::optional<NodeIndex> Find(std::string_view id) const {
    auto it = known_.find(id);
    return it == known_.end() ? std::nullopt : it->second;
  }
  uint64_t next() const { return next_; }

 private:
  void Add(std::string_view id, std::vector<std::string_view>& ids) {
    if (known_.emplace(id, std::nullopt).second) ids.push_back(id);
  }
  const GraphStore& store_;
  uint64_t next_;
  std::unordered_map<std::string_view, std::optional<NodeIndex>> known_;
};

}  // namespace

Status GraphStore::Apply(const BatchToApply& batch) {
  Impl& d = *impl_;
  std::lock_guard write_lock(d.write_mu);
  StoreState st = state();
  if (batch.batch != st.applied_batch + 1) {
    return Mismatch("graph store holds batches up to " + std::to_string(st.applied_batch) +
                    ", cannot apply batch " + std::to_string(batch.batch));
  }
  if (batch.records.size() > kMaxBatchRecords) return Mismatch("batch has too many records");
  BatchNodes nodes(*this, st.node_count);
  TF_RETURN_IF_ERROR(nodes.Resolve(batch.records));
  std::unordered_map<std::string, uint32_t> new_types;
  rocksdb::WriteBatch wb;
  for (size_t pos = 0; pos < batch.records.size(); ++pos) {
    const GraphRecord& r = batch.records[pos];
    if (const auto* n = std::get_if<NodeRecord>(&r)) {
      bool is_new = false;
      StoredNode stored{nodes.ForNode(n->id, is_new), *n, batch.batch, pos};
      if (is_new) {
        std::string key;
        internal::PutFixed64Be(key, stored.index);
        wb.Put(d.cf(kCfIds), ToSlice(n->id), key);
      }
      TF_ASSIGN_OR_RETURN(std::string props, PropertiesJson(n->properties));
      wb.Put(d.cf(kCfNodes), internal::NodeKey(stored.index), internal::EncodeNode(stored, props));
      continue;
    }
    const auto& e = std::get<EdgeRecord>(r);
    std::optional<NodeIndex> src = nodes.Find(e.src), dst = nodes.Find(e.dst);
    if (!src || !dst) {
      return Mismatch("batch " + std::to_string(batch.batch) + " record " + std::to_string(pos) +
                      ": edge endpoint " + (src ? e.dst : e.src) + " is not a node");
    }
    std::optional<uint32_t> type = TypeId(e.type);
    if (!type) {
      auto [it, added] = new_types.emplace(e.type, st.type_count + new_types.size());
      type = it->second;
    }
    const uint64_t edge_id = MakeEdgeId(batch.batch, pos);
    TF_ASSIGN_OR_RETURN(std::string props, PropertiesJson(e.properties));
    wb.Put(d.cf(kCfAdj), internal::AdjKey(EdgeDir::kOut, *src, e.observed_at, edge_id),
           internal::AdjValue(*dst, *type, props));
    wb.Put(d.cf(kCfAdj), internal::AdjKey(EdgeDir::kIn, *dst, e.observed_at, edge_id),
           internal::AdjValue(*src, *type, {}));
    ++st.edge_count;
  }
  for (const auto& [name, id] : new_types) {
    std::string v;
    internal::PutVarint(v, id);
    wb.Put(d.cf(kCfMeta), "type:" + name, v);
  }
  st.type_count += new_types.size();
  st.node_count = nodes.next();
  st.applied_batch = batch.batch;
  st.applied_seq = batch.seq;
  wb.Put(d.cf(kCfMeta), "state", internal::EncodeState(st));
  TF_RETURN_IF_ERROR(FromRocks(d.db->Write(d.write_options, &wb), "apply batch"));

  std::unique_lock lock(d.mu);
  d.state = st;
  d.cache.reset();
  d.type_names.resize(st.type_count);
  for (auto& [name, id] : new_types) {
    d.type_names[id] = name;
    d.type_ids.emplace(name, id);
  }
  return Status();
}

Result<uint64_t> GraphStore::MoveToArchive(int64_t cutoff) {
  Impl& d = *impl_;
  std::lock_guard write_lock(d.write_mu);
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
    TF_RETURN_IF_ERROR(FromRocks(d.db->Write(d.write_options, &wb), "archive"));
    std::unique_lock lock(d.mu);
    d.state = st;
    d.cache.reset();
    moved += step_out;
  }
  return moved;
}

}  // namespace tf::graph
