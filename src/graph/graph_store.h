// File: graph/graph_store.h
//
// `GraphStore`: the property graph in RocksDB, in `<data>/graph` next to the ledger's
// `<data>/ledger`. It is a derived index of the ingest batches the ledger holds (see
// ledger_sync.h): every change is `Apply` of one whole batch in one atomic RocksDB write that
// also advances the store's batch watermark, so the store always holds a prefix of the ledger's
// graph batches, each entirely or not at all.
//
// Layout (column families; keys sort so that scans are ranges; see docs/GRAPH.md):
//   default      "state" -> watermark and counters; "type:<name>" -> edge type number
//   ids          node id -> node index (8 bytes, big-endian); nodes are numbered densely
//   nodes        node index -> id, labels, properties, observed_at, (batch, position)
//   adj          'o'|'i' + node + ~time + edge id -> other node, type [, properties]
//   adj_archive  the same, for edges moved to the archive tier
// Adjacency keys put a node's edges newest first, so a time-restricted scan stops early.
// An edge's id is (batch << 24) | position: where its record and receipt live.
//
// Adjacency cache: with GraphStoreOptions::adjacency_cache (what decisions open the store with,
// OpenDataDirGraph) or after BuildAdjacencyCache, traversals read the hot adjacency from an
// in-memory compressed copy (internal/adjacency_cache.h) that every Apply patches with its batch
// and MoveToArchive rebuilds, so it never serves a state the store has left.
//
// Thread safety: reads may run concurrently with each other and with Apply; a reader sees each
// applied batch entirely or not at all. Apply and MoveToArchive are serialised internally.
#ifndef TF_GRAPH_GRAPH_STORE_H_
#define TF_GRAPH_GRAPH_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "graph/graph_record.h"
#include "graph/node_id_table.h"

namespace tf::graph {

namespace internal {
class AdjacencyCache;
class EdgeWalker;
}  // namespace internal
class NodeIndexMemo;

using NodeIndex = uint64_t;

inline constexpr int kPositionBits = 24;
inline constexpr uint64_t kMaxBatchRecords = (uint64_t{1} << kPositionBits) - 1;

inline uint64_t MakeEdgeId(uint64_t batch, uint64_t position) {
  return (batch << kPositionBits) | position;
}
inline uint64_t EdgeBatch(uint64_t edge_id) {
  return edge_id >> kPositionBits;
}
inline uint64_t EdgePosition(uint64_t edge_id) {
  return edge_id & kMaxBatchRecords;
}

enum class EdgeDir : uint8_t { kOut = 0, kIn = 1 };
enum class Tier : uint8_t { kHot = 0, kArchive = 1 };

struct GraphStoreOptions {
  bool create_if_missing = true;
  size_t block_cache_bytes = size_t{128} << 20;
  // Build the adjacency cache when opening (about 16 bytes per adjacency entry, two entries per
  // edge; a few seconds per million edges) and keep it current: for stores that serve queries
  // and decisions rather than ingest.
  bool adjacency_cache = false;
};

// The store's watermark and counters, advanced by every Apply.
struct StoreState {
  uint64_t applied_batch = 0;  // batches 1..applied_batch are in the store
  uint64_t applied_seq = 0;    // the ledger entry of batch applied_batch
  uint64_t node_count = 0;     // distinct nodes (= next node index)
  uint64_t edge_count = 0;
  uint64_t archived_edges = 0;
  int64_t archive_cutoff = 0;  // edges older than this were moved to the archive tier (0: none)
  uint64_t type_count = 0;
};

struct StoredNode {
  NodeIndex index = 0;
  NodeRecord record;
  uint64_t batch = 0;     // the batch holding the node's latest record
  uint64_t position = 0;  // its position in that batch
};

// One adjacency entry as a traversal sees it. `properties` (canonical JSON; outgoing entries
// only, empty for incoming) is valid only during the visit.
struct AdjacentEdge {
  NodeIndex other = 0;
  uint32_t type = 0;
  int64_t time = 0;
  uint64_t edge_id = 0;
  std::string_view properties;
};

// The store's node indexes for every id a batch names (node records and edge endpoints), looked
// up once (GraphStore::LookUpNodes) and shared by the ingester's endpoint check and Apply. Keys
// view the records' strings.
struct BatchNodeLookup {
  // What it was taken for: Apply looks the ids up again unless both still match.
  const GraphRecord* records = nullptr;
  size_t record_count = 0;
  uint64_t applied_batch = 0;
  NodeIdTable indexes;  // NodeIdTable::kAbsent: not a node of the store
  // The ids the NodeIndexMemo did not know (all of them without a memo): what Apply teaches it.
  std::vector<std::string_view> unremembered;
};

// One batch to apply: its number, its ledger entry and its records in order.
struct BatchToApply {
  uint64_t batch = 0;
  uint64_t seq = 0;
  std::span<const GraphRecord> records;
  // Optional: the lookup of these records, which Apply then consumes instead of reading again.
  BatchNodeLookup* lookup = nullptr;
  // Optional: learns the index of every id the batch names once the batch is written.
  NodeIndexMemo* memo = nullptr;
};

class GraphStore {
 public:
  // Returns false to stop a visit.
  using EdgeVisitor = std::function<bool(const AdjacentEdge&)>;

  // Opens (or creates) the database in `dir`. kIoError when it cannot (e.g. another process
  // holds it).
  static Result<std::unique_ptr<GraphStore>> Open(const std::string& dir,
                                                  const GraphStoreOptions& options = {});
  ~GraphStore();
  GraphStore(const GraphStore&) = delete;
  GraphStore& operator=(const GraphStore&) = delete;

  StoreState state() const;

  // Node lookups. FindNodes fills out[i] for ids[i] (nullopt when unknown).
  Result<std::optional<NodeIndex>> FindNode(std::string_view id) const;
  Status FindNodes(std::span<const std::string_view> ids,
                   std::span<std::optional<NodeIndex>> out) const;
  Result<StoredNode> GetNode(NodeIndex index) const;
  // The indexes of the ids `records` names, as of the current state; ids `memo` knows are not
  // read from RocksDB.
  Result<BatchNodeLookup> LookUpNodes(std::span<const GraphRecord> records,
                                      const NodeIndexMemo* memo = nullptr) const;
  Result<std::string> NodeId(NodeIndex index) const;

  // Edge types by number and name (numbers are assigned in ingest order, from 0).
  std::optional<uint32_t> TypeId(std::string_view name) const;
  std::string TypeName(uint32_t id) const;

  // Visits the edges of `node` in `dir` and `tier`, newest first, observed at or before
  // `newest` and at or after `oldest`.
  Status VisitEdges(NodeIndex node, EdgeDir dir, Tier tier, int64_t oldest, int64_t newest,
                    const EdgeVisitor& visit) const;
  // Every node id by index, and every hot adjacency entry of `dir` in key order (node
  // ascending, then newest first): what the adjacency cache is built from.
  Status ScanNodeIds(const std::function<void(NodeIndex, std::string_view)>& visit) const;
  Status ScanAdjacency(EdgeDir dir,
                       const std::function<void(NodeIndex, const AdjacentEdge&)>& visit) const;
  // The properties of an edge, read from its outgoing entry.
  Result<Value> EdgeProperties(NodeIndex src, int64_t time, uint64_t edge_id) const;

  // Applies one batch atomically. REQUIRES: batch.batch == state().applied_batch + 1, and every
  // edge's endpoints are nodes of the store or of earlier records of the batch
  // (kGraphLedgerMismatch otherwise; nothing is written).
  Status Apply(const BatchToApply& batch);

  // Moves hot adjacency entries older than `cutoff` to the archive tier, in bounded atomic
  // steps. Returns how many edges moved.
  Result<uint64_t> MoveToArchive(int64_t cutoff);

  // Builds the in-memory compressed copy of the hot adjacency (internal/adjacency_cache.h), from
  // which traversals then read the hot tier; from then on Apply and MoveToArchive keep it
  // current. Writes wait while it is built. Returns its size in bytes.
  Result<uint64_t> BuildAdjacencyCache();
  bool has_adjacency_cache() const;
  uint64_t adjacency_cache_bytes() const;  // 0 without a cache

 private:
  friend class internal::EdgeWalker;  // reads one snapshot of the cache per query
  struct Impl;
  explicit GraphStore(std::unique_ptr<Impl> impl);
  // The current cache (null when there is none); immutable, so it stays valid while held.
  std::shared_ptr<const internal::AdjacencyCache> CacheSnapshot() const;
  // REQUIRES: impl_->write_mu held.
  Result<uint64_t> BuildAdjacencyCacheLocked();
  std::unique_ptr<Impl> impl_;
};

// The graph store of a data directory (`data_dir`/graph, beside the ledger), opened without
// creating anything and with the adjacency cache (options.adjacency_cache is set): for readers
// such as decisions, whose graph-limit checks then run in memory. kNotFound when the directory
// holds no graph.
Result<std::unique_ptr<GraphStore>> OpenDataDirGraph(const std::string& data_dir,
                                                     GraphStoreOptions options = {});

}  // namespace tf::graph

#endif  // TF_GRAPH_GRAPH_STORE_H_
