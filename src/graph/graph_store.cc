#include "graph/graph_store.h"

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>

#include <filesystem>

#include "core/json.h"
#include "graph/internal/codec.h"
#include "graph/internal/store_format.h"
#include "graph/internal/store_impl.h"
#include "ledger/rocksdb_files.h"

namespace tf::graph {
namespace {

using internal::Corrupt;

constexpr const char* kCfNames[kCfCount] = {"default", "ids", "nodes", "adj", "adj_archive"};
constexpr int kBloomBitsPerKey = 10;
constexpr size_t kWriteBufferBytes = size_t{64} << 20;
constexpr const char* kStateKey = "state";
constexpr std::string_view kTypePrefix = "type:";

rocksdb::ColumnFamilyOptions CfOptions(size_t cf, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(kBloomBitsPerKey));
  if (cf == kCfAdj || cf == kCfArchive) {
    // Scans are per (direction, node): a prefix bloom lets a seek skip files without the node.
    o.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(internal::kAdjPrefixBytes));
    table.whole_key_filtering = false;
  }
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  o.compression = rocksdb::kLZ4Compression;
  o.write_buffer_size = kWriteBufferBytes;
  return o;
}

}  // namespace

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  const ErrorCode code = s.IsCorruption() ? ErrorCode::kGraphStoreCorrupt : ErrorCode::kIoError;
  return Status(code, "graph store " + std::string(what) + ": " + s.ToString());
}

GraphStore::GraphStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

GraphStore::~GraphStore() {
  if (impl_->db) {
    for (rocksdb::ColumnFamilyHandle* h : impl_->handles)
      impl_->db->DestroyColumnFamilyHandle(h);
    impl_->db->Close().PermitUncheckedError();
  }
}

Result<std::unique_ptr<GraphStore>> GraphStore::Open(const std::string& dir,
                                                     const GraphStoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  if (options.create_if_missing) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return IoError("cannot create " + dir + ": " + ec.message());
  }
  rocksdb::DBOptions db;
  db.create_if_missing = options.create_if_missing;
  db.create_missing_column_families = options.create_if_missing;
  // The store is derived from the ledger and rolled forward from it after a crash, so its batch
  // writes need neither a sync nor the write-ahead log (GraphStore::Impl::batch_write_options).
  // A crash loses what was not flushed yet; flushing every column family at once keeps what is
  // on disk a prefix of whole batches, its watermark with them.
  db.atomic_flush = true;
  db.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  db.max_background_jobs = 2;
  ledger::LimitInfoLogs(db);
  std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (size_t i = 0; i < kCfCount; ++i)
    cfs.emplace_back(kCfNames[i], CfOptions(i, cache));
  rocksdb::DB* raw = nullptr;
  TF_RETURN_IF_ERROR(
      FromRocks(rocksdb::DB::Open(db, dir, cfs, &impl->handles, &raw), "open " + dir));
  impl->db.reset(raw);
  ledger::RemoveEmptyOldWals(*impl->db);
  impl->batch_write_options.disableWAL = true;
  impl->logged_write_options.sync = false;
  auto store = std::unique_ptr<GraphStore>(new GraphStore(std::move(impl)));
  Impl& d = *store->impl_;

  std::string value;
  rocksdb::Status s = d.db->Get(rocksdb::ReadOptions(), d.cf(kCfMeta), kStateKey, &value);
  if (!s.IsNotFound()) {
    TF_RETURN_IF_ERROR(FromRocks(s, "read state"));
    TF_ASSIGN_OR_RETURN(d.state, internal::DecodeState(value));
  }
  d.type_names.resize(d.state.type_count);
  std::unique_ptr<rocksdb::Iterator> it(d.db->NewIterator(rocksdb::ReadOptions(), d.cf(kCfMeta)));
  for (it->Seek(ToSlice(kTypePrefix)); it->Valid() && it->key().starts_with(ToSlice(kTypePrefix));
       it->Next()) {
    internal::Reader r(it->value().ToStringView());
    uint64_t id = 0;
    if (!r.Varint(id) || id >= d.type_names.size()) return Corrupt("type record does not decode");
    std::string name(it->key().ToStringView().substr(kTypePrefix.size()));
    d.type_ids[name] = static_cast<uint32_t>(id);
    d.type_names[id] = std::move(name);
  }
  TF_RETURN_IF_ERROR(FromRocks(it->status(), "read types"));
  if (d.type_ids.size() != d.state.type_count) return Corrupt("type records are missing");
  if (options.adjacency_cache) TF_RETURN_IF_ERROR(store->BuildAdjacencyCache().status());
  return store;
}

StoreState GraphStore::state() const {
  std::shared_lock lock(impl_->mu);
  return impl_->state;
}

Result<std::optional<NodeIndex>> GraphStore::FindNode(std::string_view id) const {
  std::string value;
  rocksdb::Status s =
      impl_->db->Get(rocksdb::ReadOptions(), impl_->cf(kCfIds), ToSlice(id), &value);
  if (s.IsNotFound()) return std::optional<NodeIndex>();
  TF_RETURN_IF_ERROR(FromRocks(s, "find node"));
  if (value.size() != 8) return Corrupt("id record does not decode");
  return std::optional<NodeIndex>(internal::DecodeFixed64Be(value.data()));
}

Status GraphStore::FindNodes(std::span<const std::string_view> ids,
                             std::span<std::optional<NodeIndex>> out) const {
  const size_t n = ids.size();
  if (n == 0) return Status();
  std::vector<rocksdb::Slice> keys(n);
  for (size_t i = 0; i < n; ++i)
    keys[i] = ToSlice(ids[i]);
  std::vector<rocksdb::PinnableSlice> values(n);
  std::vector<rocksdb::Status> statuses(n);
  impl_->db->MultiGet(rocksdb::ReadOptions(), impl_->cf(kCfIds), n, keys.data(), values.data(),
                      statuses.data());
  for (size_t i = 0; i < n; ++i) {
    if (statuses[i].IsNotFound()) {
      out[i].reset();
      continue;
    }
    TF_RETURN_IF_ERROR(FromRocks(statuses[i], "find nodes"));
    if (values[i].size() != 8) return Corrupt("id record does not decode");
    out[i] = internal::DecodeFixed64Be(values[i].data());
  }
  return Status();
}

Result<StoredNode> GraphStore::GetNode(NodeIndex index) const {
  std::string value;
  rocksdb::Status s =
      impl_->db->Get(rocksdb::ReadOptions(), impl_->cf(kCfNodes), internal::NodeKey(index), &value);
  if (s.IsNotFound()) {
    return Status(ErrorCode::kGraphNodeNotFound, "no node with index " + std::to_string(index));
  }
  TF_RETURN_IF_ERROR(FromRocks(s, "get node"));
  return internal::DecodeNode(index, value);
}

Result<std::string> GraphStore::NodeId(NodeIndex index) const {
  rocksdb::PinnableSlice value;
  rocksdb::Status s =
      impl_->db->Get(rocksdb::ReadOptions(), impl_->cf(kCfNodes), internal::NodeKey(index), &value);
  if (s.IsNotFound()) return Corrupt("node index " + std::to_string(index) + " has no record");
  TF_RETURN_IF_ERROR(FromRocks(s, "get node"));
  TF_ASSIGN_OR_RETURN(std::string_view id, internal::DecodeNodeId(value.ToStringView()));
  return std::string(id);
}

std::optional<uint32_t> GraphStore::TypeId(std::string_view name) const {
  std::shared_lock lock(impl_->mu);
  auto it = impl_->type_ids.find(std::string(name));
  if (it == impl_->type_ids.end()) return std::nullopt;
  return it->second;
}

std::string GraphStore::TypeName(uint32_t id) const {
  std::shared_lock lock(impl_->mu);
  return id < impl_->type_names.size() ? impl_->type_names[id] : std::string();
}

Status GraphStore::VisitEdges(NodeIndex node, EdgeDir dir, Tier tier, int64_t oldest,
                              int64_t newest, const EdgeVisitor& visit) const {
  if (newest < oldest) return Status();
  if (tier == Tier::kHot) {
    std::shared_ptr<const internal::AdjacencyCache> cache;
    {
      std::shared_lock lock(impl_->mu);
      cache = impl_->cache;
    }
    if (cache) return cache->Visit(node, dir, oldest, newest, visit);
  }
  const std::string prefix = internal::AdjPrefix(dir, node);
  std::string upper = internal::AdjPrefix(dir, node + 1);
  std::string start = prefix;
  internal::PutFixed64Be(start, internal::InvertedTime(newest));
  rocksdb::ReadOptions ro;
  rocksdb::Slice upper_slice(upper);
  ro.iterate_upper_bound = &upper_slice;
  ro.prefix_same_as_start = true;
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(ro, impl_->cf(tier == Tier::kHot ? kCfAdj : kCfArchive)));
  AdjacentEdge e;
  for (it->Seek(start); it->Valid(); it->Next()) {
    std::optional<internal::AdjKeyParts> k = internal::ParseAdjKey(it->key().ToStringView());
    if (!k || k->node != node || !internal::ParseAdjValue(it->value().ToStringView(), e)) {
      return Corrupt("adjacency entry does not decode");
    }
    if (k->time < oldest) break;
    e.time = k->time;
    e.edge_id = k->edge_id;
    if (!visit(e)) return Status();
  }
  return FromRocks(it->status(), "scan edges");
}

Status GraphStore::ScanNodeIds(
    const std::function<void(NodeIndex, std::string_view)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->cf(kCfNodes)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 8) return Corrupt("node key does not decode");
    TF_ASSIGN_OR_RETURN(std::string_view id, internal::DecodeNodeId(it->value().ToStringView()));
    visit(internal::DecodeFixed64Be(it->key().data()), id);
  }
  return FromRocks(it->status(), "scan nodes");
}

Status GraphStore::ScanAdjacency(
    EdgeDir dir, const std::function<void(NodeIndex, const AdjacentEdge&)>& visit) const {
  const std::string lower(1, internal::DirByte(dir));
  const std::string upper(1, static_cast<char>(internal::DirByte(dir) + 1));
  rocksdb::ReadOptions ro;
  rocksdb::Slice upper_slice(upper);
  ro.iterate_upper_bound = &upper_slice;
  ro.total_order_seek = true;
  ro.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(ro, impl_->cf(kCfAdj)));
  AdjacentEdge e;
  for (it->Seek(lower); it->Valid(); it->Next()) {
    std::optional<internal::AdjKeyParts> k = internal::ParseAdjKey(it->key().ToStringView());
    if (!k || !internal::ParseAdjValue(it->value().ToStringView(), e)) {
      return Corrupt("adjacency entry does not decode");
    }
    e.time = k->time;
    e.edge_id = k->edge_id;
    visit(k->node, e);
  }
  return FromRocks(it->status(), "scan adjacency");
}

Result<uint64_t> GraphStore::BuildAdjacencyCache() {
  std::lock_guard write_lock(impl_->write_mu);  // no Apply while the copy is taken
  return BuildAdjacencyCacheLocked();
}

Result<uint64_t> GraphStore::BuildAdjacencyCacheLocked() {
  const StoreState st = state();
  internal::AdjacencyCache::Builder builder(st.node_count);
  for (EdgeDir dir : {EdgeDir::kOut, EdgeDir::kIn}) {
    TF_RETURN_IF_ERROR(ScanAdjacency(
        dir, [&](NodeIndex node, const AdjacentEdge& e) { builder.Add(dir, node, e); }));
  }
  auto cache = std::make_shared<internal::AdjacencyCache>(std::move(builder).Finish());
  cache->applied_batch = st.applied_batch;
  const uint64_t bytes = cache->bytes();
  std::unique_lock lock(impl_->mu);
  impl_->cache = std::move(cache);
  return bytes;
}

std::shared_ptr<const internal::AdjacencyCache> GraphStore::CacheSnapshot() const {
  std::shared_lock lock(impl_->mu);
  return impl_->cache;
}

bool GraphStore::has_adjacency_cache() const {
  return CacheSnapshot() != nullptr;
}

uint64_t GraphStore::adjacency_cache_bytes() const {
  std::shared_ptr<const internal::AdjacencyCache> cache = CacheSnapshot();
  return cache ? cache->bytes() : 0;
}

Result<Value> GraphStore::EdgeProperties(NodeIndex src, int64_t time, uint64_t edge_id) const {
  for (StoreCf cf : {kCfAdj, kCfArchive}) {
    std::string value;
    rocksdb::Status s = impl_->db->Get(rocksdb::ReadOptions(), impl_->cf(cf),
                                       internal::AdjKey(EdgeDir::kOut, src, time, edge_id), &value);
    if (s.IsNotFound()) continue;
    TF_RETURN_IF_ERROR(FromRocks(s, "get edge"));
    AdjacentEdge e;
    if (!internal::ParseAdjValue(value, e)) return Corrupt("adjacency entry does not decode");
    if (e.properties.empty()) return Value::EmptyObject();
    return ParseJson(e.properties);
  }
  return Corrupt("edge " + std::to_string(edge_id) + " has no outgoing entry");
}

Result<std::unique_ptr<GraphStore>> OpenDataDirGraph(const std::string& data_dir,
                                                     GraphStoreOptions options) {
  const std::string dir = (std::filesystem::path(data_dir) / "graph").string();
  if (!std::filesystem::is_directory(dir)) {
    return NotFound(data_dir + " holds no graph (no " + dir + "; run proof graph ingest first)");
  }
  options.create_if_missing = false;
  options.adjacency_cache = true;
  return GraphStore::Open(dir, options);
}

}  // namespace tf::graph
