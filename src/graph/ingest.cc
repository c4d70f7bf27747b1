#include "graph/ingest.h"

#include <future>
#include <memory>
#include <system_error>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/sha256.h"
#include "graph/batch_log.h"
#include "graph/batch_merkle.h"
#include "graph/csv_record.h"
#include "graph/ledger_sync.h"

namespace tf::graph {

// The batch being filled: records with their leaf bytes and the lines they came from.
struct Ingester::Batch {
  std::string source;
  std::vector<GraphRecord> records;
  std::vector<std::string> leaves;
  std::vector<uint64_t> lines;
  uint64_t nodes = 0;
  uint64_t edges = 0;
  // Set by Seal: what the ledger entry will carry.
  ledger::Hash records_root{};
  std::shared_ptr<std::string> blob;
  ledger::Hash blob_hash{};

  // Hashes the records and joins them into the blob. Needs nothing of the store, so it runs
  // while the previous batch's store write is still going on.
  void Seal() {
    std::vector<ledger::Hash> hashes;
    hashes.reserve(leaves.size());
    for (const std::string& leaf : leaves)
      hashes.push_back(ledger::HashLeaf(leaf));
    records_root = BatchMerkle(std::move(hashes)).root();
    blob = std::make_shared<std::string>(JoinLeaves(leaves));
    blob_hash = Sha256(*blob);
  }
  void Clear() {
    records.clear();
    leaves.clear();
    lines.clear();
    nodes = edges = 0;
    blob.reset();
  }
};

// The batch whose store write (Apply) runs on another thread while the next batch is parsed.
// Its ledger entry is already written, so it is the crash case "store behind the ledger" that
// SyncGraphWithLedger repairs, never a store ahead. Members are destroyed in reverse order:
// `applied` first, which waits for the write while the records it reads still exist.
struct Ingester::PendingApply {
  std::vector<GraphRecord> records;
  BatchNodeLookup lookup;
  std::future<Status> applied;

  // Waits for the write; its status.
  Status Finish() { return applied.valid() ? applied.get() : Status(); }
};

namespace {

Status RowError(const LineSource& in, uint64_t line, std::string_view reason) {
  return Status(ErrorCode::kGraphRowInvalid,
                in.name() + ":" + std::to_string(line) + ": " + std::string(reason));
}

// Each edge's endpoints must be nodes of the store (per `lookup`) or of earlier records of the
// batch; returns the index of the first record that breaks this, if any, with the id it lacks.
std::optional<std::pair<size_t, std::string>> FirstDanglingEdge(
    const BatchNodeLookup& lookup, const std::vector<GraphRecord>& records) {
  NodeIdTable batch_nodes;
  for (size_t pos = 0; pos < records.size(); ++pos) {
    if (const auto* n = std::get_if<NodeRecord>(&records[pos])) {
      bool inserted = false;
      batch_nodes.FindOrInsert(n->id, inserted);
      continue;
    }
    const auto& e = std::get<EdgeRecord>(records[pos]);
    for (const std::string* id : {&e.src, &e.dst}) {
      const uint64_t* index = lookup.indexes.Find(*id);
      const bool stored = index != nullptr && *index != NodeIdTable::kAbsent;
      if (!stored && batch_nodes.Find(*id) == nullptr) return std::make_pair(pos, *id);
    }
  }
  return std::nullopt;
}

}  // namespace

Ingester::Ingester(ledger::Ledger& ledger, GraphStore& store, IngestOptions options)
    : ledger_(ledger), store_(store), options_(std::move(options)), memo_(options_.remembered_ids) {
  if (options_.batch_records == 0 || options_.batch_records > kMaxBatchRecords)
    options_.batch_records = kMaxBatchRecords;
}

Status Ingester::Commit(Batch& batch, BatchNodeLookup& lookup, IngestTotals& totals,
                        PendingApply& pending) {
  if (batch.records.empty()) return Status();
  TF_ASSIGN_OR_RETURN(uint64_t head, LedgerGraphHead(ledger_.store()));
  if (head != store_.state().applied_batch) {
    return Status(ErrorCode::kGraphLedgerMismatch,
                  "the ledger has " + std::to_string(head) + " graph batches, the store " +
                      std::to_string(store_.state().applied_batch));
  }
  BatchSummary summary;
  summary.batch = head + 1;
  summary.records = batch.records.size();
  summary.nodes = batch.nodes;
  summary.edges = batch.edges;
  summary.records_root = batch.records_root;
  summary.source = batch.source;
  summary.first_line = batch.lines.front();
  summary.last_line = batch.lines.back();

  ledger::AppendRequest request;
  request.tenant = options_.tenant;
  request.kind = std::string(kBatchEntryKind);
  request.content_hash = batch.blob_hash;
  request.metadata = summary.ToMetadata();
  const uint64_t batch_number = summary.batch;
  request.effects = [blob = batch.blob, batch_number, tenant = options_.tenant](
                        const ledger::Entry& entry, ledger::WriteBatch& wb) {
    wb.PutBlob({tenant, entry.content_hash}, std::move(*blob));
    wb.PutMeta(BatchSeqKey(batch_number), std::to_string(entry.seq));
    wb.PutMeta(std::string(kGraphHeadKey), std::to_string(batch_number));
  };
  TF_ASSIGN_OR_RETURN(ledger::Receipt receipt, ledger_.Append(std::move(request)));
  // The vector's buffer moves with it, so the lookup's views of the records stay valid.
  pending.records = std::move(batch.records);
  pending.lookup = std::move(lookup);
  const uint64_t seq = receipt.entry.seq;
  auto apply = [this, &pending, batch_number, seq] {
    return store_.Apply({batch_number, seq, pending.records, &pending.lookup, &memo_});
  };
  try {
    pending.applied = std::async(std::launch::async, apply);
  } catch (const std::system_error&) {  // no thread to be had: apply it here instead
    TF_RETURN_IF_ERROR(apply());
  }

  if (totals.first_batch == 0) totals.first_batch = batch_number;
  totals.last_batch = batch_number;
  ++totals.batches;
  totals.nodes += batch.nodes;
  totals.edges += batch.edges;
  batch.Clear();
  return Status();
}

Result<IngestTotals> Ingester::Ingest(LineSource& in, const IngestFile& file) {
  TF_RETURN_IF_ERROR(SyncGraphWithLedger(ledger_, store_).status());
  IngestTotals totals;
  Batch batch;
  batch.source = in.name();
  std::optional<ColumnSpec> spec = file.columns;
  std::vector<std::string> fields;
  std::string pending;  // a CSV record continuing over several lines
  uint64_t pending_line = 0;
  std::string_view line;

  PendingApply in_flight;
  // Seals the batch, waits for the previous batch's store write (its nodes may be this batch's
  // endpoints), validates the batch's edges, then commits it.
  auto flush = [&]() -> Status {
    if (!batch.records.empty()) batch.Seal();
    TF_RETURN_IF_ERROR(in_flight.Finish());
    if (!batch.records.empty()) {
      TF_ASSIGN_OR_RETURN(BatchNodeLookup lookup, store_.LookUpNodes(batch.records, &memo_));
      if (auto dangling = FirstDanglingEdge(lookup, batch.records)) {
        return RowError(
            in, batch.lines[dangling->first],
            "edge endpoint \"" + dangling->second + "\" is not a node (ingest its node first)");
      }
      TF_RETURN_IF_ERROR(Commit(batch, lookup, totals, in_flight));
    }
    if (options_.progress) {
      options_.progress(
          {in.bytes_consumed(), in.total_bytes(), totals.nodes + totals.edges, totals.batches});
    }
    return Status();
  };

  auto add = [&](uint64_t line_number, GraphRecord record) -> Status {
    std::string leaf;
    Status s = std::visit([&](const auto& r) { return AppendLeafBytes(leaf, r); }, record);
    if (!s.ok()) return RowError(in, line_number, s.message());
    (std::holds_alternative<NodeRecord>(record) ? batch.nodes : batch.edges) += 1;
    batch.records.push_back(std::move(record));
    batch.leaves.push_back(std::move(leaf));
    batch.lines.push_back(line_number);
    if (batch.records.size() >= options_.batch_records) return flush();
    return Status();
  };
  auto csv_row = [&](uint64_t line_number, std::string_view text) -> Status {
    Status split = SplitCsvRecord(text, fields);
    if (!split.ok()) return RowError(in, line_number, split.message());
    if (!spec) {
      Result<ColumnSpec> header = ColumnSpecFromHeader(fields, file.kind);
      if (!header.ok()) return RowError(in, line_number, header.status().message());
      spec = std::move(*header);
      return Status();
    }
    if (file.kind == RecordKind::kNode) {
      Result<NodeRecord> node = ParseNodeCsvRow(*spec, fields, options_.defaults);
      if (!node.ok()) return RowError(in, line_number, node.status().message());
      return add(line_number, std::move(*node));
    }
    Result<EdgeRecord> edge = ParseEdgeCsvRow(*spec, fields, options_.defaults);
    if (!edge.ok()) return RowError(in, line_number, edge.status().message());
    return add(line_number, std::move(*edge));
  };
  auto json_row = [&](uint64_t line_number, std::string_view text) -> Status {
    Result<Value> row = ParseJson(text);
    if (!row.ok()) return RowError(in, line_number, row.status().message());
    if (file.kind == RecordKind::kNode) {
      Result<NodeRecord> node = ParseNodeJson(*row, options_.defaults);
      if (!node.ok()) return RowError(in, line_number, node.status().message());
      return add(line_number, std::move(*node));
    }
    Result<EdgeRecord> edge = ParseEdgeJson(*row, options_.defaults);
    if (!edge.ok()) return RowError(in, line_number, edge.status().message());
    return add(line_number, std::move(*edge));
  };

  while (in.Next(line)) {
    if (file.format == IngestFormat::kNdjson) {
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      TF_RETURN_IF_ERROR(json_row(in.line_number(), line));
      continue;
    }
    if (pending_line != 0) {
      pending.push_back('\n');
      pending.append(line);
    } else {
      if (line.empty()) continue;
      pending.assign(line);
      pending_line = in.line_number();
    }
    if (CsvQuoteOpen(pending)) continue;
    TF_RETURN_IF_ERROR(csv_row(pending_line, pending));
    pending_line = 0;
  }
  TF_RETURN_IF_ERROR(in.status());
  if (pending_line != 0) return RowError(in, pending_line, "unterminated quoted field");
  TF_RETURN_IF_ERROR(flush());
  TF_RETURN_IF_ERROR(in_flight.Finish());
  return totals;
}

}  // namespace tf::graph
