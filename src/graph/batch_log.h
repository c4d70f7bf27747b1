// File: graph/batch_log.h
//
// The ledger side of graph ingest. Batch n (from 1) is one ledger entry of kind "graph.batch"
// whose content is the batch's records, one leaf-bytes line each (graph_record.h), stored as an
// evidence blob in the same atomic write as the entry, with the entry's metadata
//
//   {"batch": n, "records": 50000, "nodes": 0, "edges": 50000,
//    "records_root": "<hex RFC 9162 root over the records>",
//    "source": "edges.csv", "first_line": 1, "last_line": 50000}
//
// and two ledger meta values written in that same write: "graph.batch.<n>" -> the entry's seq,
// and "graph.head" -> n. The ledger is therefore the log of record for the graph; the graph
// store (graph_store.h) is an index derived from it.
#ifndef TF_GRAPH_BATCH_LOG_H_
#define TF_GRAPH_BATCH_LOG_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "graph/graph_record.h"
#include "ledger/entry.h"
#include "ledger/ledger.h"
#include "ledger/merkle_hash.h"

namespace tf::graph {

inline constexpr std::string_view kBatchEntryKind = "graph.batch";

// What a batch entry's metadata says about it.
struct BatchSummary {
  uint64_t batch = 0;
  uint64_t records = 0;
  uint64_t nodes = 0;
  uint64_t edges = 0;
  ledger::Hash records_root{};
  std::string source;
  uint64_t first_line = 0;
  uint64_t last_line = 0;

  Value ToMetadata() const;
  static Result<BatchSummary> FromMetadata(const Value& metadata);
};

// A batch as the ledger holds it, verified: the blob matches the entry's content hash, every
// line is a canonical record, and the records' Merkle root matches the metadata.
struct LoadedBatch {
  ledger::Entry entry;
  BatchSummary summary;
  std::vector<std::string> leaves;  // leaf bytes, in order
  std::vector<GraphRecord> records;
};

std::string BatchSeqKey(uint64_t batch);  // "graph.batch.<n>"
inline constexpr std::string_view kGraphHeadKey = "graph.head";

// The number of the last graph batch in the ledger (0: none).
Result<uint64_t> LedgerGraphHead(ledger::Store& store);
// The ledger seq of batch n. kNotFound when absent.
Result<uint64_t> BatchSeq(ledger::Store& store, uint64_t batch);
// Loads and verifies batch n (kGraphLedgerMismatch when anything disagrees).
Result<LoadedBatch> LoadBatch(ledger::Ledger& ledger, uint64_t batch);

// The blob of a batch: leaf bytes joined by '\n'.
std::string JoinLeaves(const std::vector<std::string>& leaves);

}  // namespace tf::graph

#endif  // TF_GRAPH_BATCH_LOG_H_
