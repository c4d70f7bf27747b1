// File: graph/ingest.h
//
// Receipted bulk ingest. `Ingester` reads a file of node or edge rows (CSV through a column
// spec, or NDJSON), cuts it into batches and, for each batch: parses and validates every row,
// checks that each edge's endpoints are nodes (of the store or earlier in the batch), builds the
// batch's Merkle root, appends it to the ledger as one "graph.batch" entry (records blob, entry
// and head in one atomic write; batch_log.h) and then applies it to the store, on a second
// thread while the next batch is parsed (one batch in flight). A bad row stops
// the ingest with kGraphRowInvalid naming file:line; the batch it is in is not written at all,
// earlier batches stay. A crash between the ledger write and Apply is repaired by
// SyncGraphWithLedger, which Ingester runs first.
//
//   Ingester ingester(ledger, store, {.batch_records = 50'000});
//   TF_ASSIGN_OR_RETURN(auto nodes, LineSource::Open("nodes.csv"));
//   TF_ASSIGN_OR_RETURN(IngestTotals t, ingester.Ingest(*nodes, {.kind = RecordKind::kNode,
//                                                                .columns = spec}));
#ifndef TF_GRAPH_INGEST_H_
#define TF_GRAPH_INGEST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/status.h"
#include "graph/column_spec.h"
#include "graph/graph_store.h"
#include "graph/line_source.h"
#include "graph/node_index_memo.h"
#include "graph/row_parser.h"
#include "ledger/ledger.h"

namespace tf::graph {

enum class IngestFormat : uint8_t { kCsv, kNdjson };

struct IngestFile {
  RecordKind kind = RecordKind::kEdge;
  IngestFormat format = IngestFormat::kCsv;
  // CSV only: the declared columns; without them the first line is a header row of names.
  std::optional<ColumnSpec> columns;
};

struct IngestProgress {
  uint64_t bytes_read = 0;
  uint64_t total_bytes = 0;  // 0 when unknown
  uint64_t records = 0;
  uint64_t batches = 0;
};

struct IngestOptions {
  std::string tenant = "graph";  // the ledger tenant of batch entries
  uint64_t batch_records = 50'000;
  RowDefaults defaults;
  // Node ids whose index the ingester keeps in memory across batches (48-96 bytes each plus the
  // id), so that an edge batch reads only unseen endpoints from the store (NodeIndexMemo).
  size_t remembered_ids = 2'000'000;
  // Called after every committed batch.
  std::function<void(const IngestProgress&)> progress;
};

struct IngestTotals {
  uint64_t batches = 0;
  uint64_t nodes = 0;
  uint64_t edges = 0;
  uint64_t first_batch = 0;  // 0 when nothing was written
  uint64_t last_batch = 0;
};

class Ingester {
 public:
  // Neither is owned; both must outlive the Ingester. The ledger must be writable.
  Ingester(ledger::Ledger& ledger, GraphStore& store, IngestOptions options);

  // Ingests every row of `in`. On a bad row: kGraphRowInvalid "file:line: reason"; the totals
  // of what was committed before are lost to the caller but visible in the store.
  Result<IngestTotals> Ingest(LineSource& in, const IngestFile& file);

 private:
  struct Batch;
  struct PendingApply;
  Status Commit(Batch& batch, BatchNodeLookup& lookup, IngestTotals& totals, PendingApply& pending);

  ledger::Ledger& ledger_;
  GraphStore& store_;
  IngestOptions options_;
  NodeIndexMemo memo_;
};

}  // namespace tf::graph

#endif  // TF_GRAPH_INGEST_H_
