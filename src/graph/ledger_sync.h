// File: graph/ledger_sync.h
//
// Keeping the graph store in step with the ledger. Ingest commits a batch to the ledger first
// (records and entry in one atomic write) and applies it to the store after; a crash in between
// leaves the store one or more whole batches behind, never ahead and never half a batch. On open,
// `SyncGraphWithLedger` rolls the store forward from the ledger's copies of the missing
// batches. `CheckGraphAgainstLedger` is the audit: do the two agree?
#ifndef TF_GRAPH_LEDGER_SYNC_H_
#define TF_GRAPH_LEDGER_SYNC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/graph_store.h"
#include "ledger/ledger.h"

namespace tf::graph {

// Applies every batch the ledger has and the store lacks; returns how many. kGraphLedgerMismatch
// when the store is ahead of the ledger or was built from another ledger.
Result<uint64_t> SyncGraphWithLedger(ledger::Ledger& ledger, GraphStore& store);

struct AgreementReport {
  uint64_t ledger_batches = 0;
  uint64_t store_batches = 0;
  uint64_t ledger_records = 0;
  uint64_t ledger_edges = 0;
  uint64_t store_edges = 0;
  uint64_t store_nodes = 0;
  uint64_t distinct_ledger_nodes = 0;  // deep only
  uint64_t records_checked = 0;        // deep only
  std::vector<std::string> problems;   // empty when they agree

  bool agree() const { return problems.empty(); }
};

// Compares batch counts, per-batch entries and edge counts. With `deep`, also loads every batch
// from the ledger (verifying its blob and Merkle root) and checks that each of its records is in
// the store as written (nodes: their latest record; edges: their adjacency entries).
Result<AgreementReport> CheckGraphAgainstLedger(ledger::Ledger& ledger, const GraphStore& store,
                                                bool deep);

}  // namespace tf::graph

#endif  // TF_GRAPH_LEDGER_SYNC_H_
