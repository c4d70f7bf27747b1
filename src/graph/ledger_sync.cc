#include "graph/ledger_sync.h"

#include <unordered_map>

#include "graph/batch_log.h"

namespace tf::graph {
namespace {

Status Mismatch(std::string message) {
  return Status(ErrorCode::kGraphLedgerMismatch, std::move(message));
}

// Does the store hold this edge record at this id, in both directions?
Result<bool> HasEdge(const GraphStore& store, const EdgeRecord& e, uint64_t edge_id) {
  TF_ASSIGN_OR_RETURN(std::optional<NodeIndex> src, store.FindNode(e.src));
  TF_ASSIGN_OR_RETURN(std::optional<NodeIndex> dst, store.FindNode(e.dst));
  if (!src || !dst) return false;
  const std::optional<uint32_t> type = store.TypeId(e.type);
  if (!type) return false;
  bool found[2] = {false, false};
  for (EdgeDir dir : {EdgeDir::kOut, EdgeDir::kIn}) {
    const NodeIndex from = dir == EdgeDir::kOut ? *src : *dst;
    const NodeIndex to = dir == EdgeDir::kOut ? *dst : *src;
    for (Tier tier : {Tier::kHot, Tier::kArchive}) {
      TF_RETURN_IF_ERROR(store.VisitEdges(
          from, dir, tier, e.observed_at, e.observed_at, [&](const AdjacentEdge& a) {
            if (a.edge_id == edge_id && a.other == to && a.type == *type) {
              found[static_cast<int>(dir)] = true;
              return false;
            }
            return true;
          }));
    }
  }
  return found[0] && found[1];
}

Status DeepCheck(ledger::Ledger& ledger, const GraphStore& store, uint64_t batches,
                 AgreementReport& report) {
  // A node's stored record is its latest one: remember where each id was last written.
  std::unordered_map<std::string, std::pair<uint64_t, uint64_t>> latest;
  std::unordered_map<std::string, NodeRecord> latest_record;
  for (uint64_t b = 1; b <= batches; ++b) {
    TF_ASSIGN_OR_RETURN(LoadedBatch loaded, LoadBatch(ledger, b));
    for (size_t pos = 0; pos < loaded.records.size(); ++pos) {
      ++report.records_checked;
      if (const auto* n = std::get_if<NodeRecord>(&loaded.records[pos])) {
        latest[n->id] = {b, pos};
        latest_record[n->id] = *n;
        continue;
      }
      TF_ASSIGN_OR_RETURN(
          bool ok, HasEdge(store, std::get<EdgeRecord>(loaded.records[pos]), MakeEdgeId(b, pos)));
      if (!ok)
        report.problems.push_back("batch " + std::to_string(b) + " record " + std::to_string(pos) +
                                  ": edge missing from the store");
    }
  }
  report.distinct_ledger_nodes = latest.size();
  for (const auto& [id, where] : latest) {
    TF_ASSIGN_OR_RETURN(std::optional<NodeIndex> index, store.FindNode(id));
    if (!index) {
      report.problems.push_back("node " + id + " missing from the store");
      continue;
    }
    TF_ASSIGN_OR_RETURN(StoredNode stored, store.GetNode(*index));
    const NodeRecord& want = latest_record[id];
    if (stored.batch != where.first || stored.position != where.second ||
        stored.record.labels != want.labels || stored.record.observed_at != want.observed_at ||
        stored.record.properties != want.properties) {
      report.problems.push_back("node " + id + " differs from its latest ledger record");
    }
  }
  if (report.distinct_ledger_nodes != report.store_nodes) {
    report.problems.push_back("the store has " + std::to_string(report.store_nodes) +
                              " nodes, the ledger " + std::to_string(report.distinct_ledger_nodes));
  }
  return Status();
}

}  // namespace

Result<uint64_t> SyncGraphWithLedger(ledger::Ledger& ledger, GraphStore& store) {
  TF_ASSIGN_OR_RETURN(uint64_t head, LedgerGraphHead(ledger.store()));
  const StoreState st = store.state();
  if (st.applied_batch > head) {
    return Mismatch("the graph store holds " + std::to_string(st.applied_batch) +
                    " batches but the ledger only " + std::to_string(head));
  }
  if (st.applied_batch > 0) {
    TF_ASSIGN_OR_RETURN(uint64_t seq, BatchSeq(ledger.store(), st.applied_batch));
    if (seq != st.applied_seq) {
      return Mismatch("graph batch " + std::to_string(st.applied_batch) + " is ledger entry " +
                      std::to_string(seq) + ", but the store applied entry " +
                      std::to_string(st.applied_seq) + ": another ledger?");
    }
  }
  uint64_t applied = 0;
  for (uint64_t b = st.applied_batch + 1; b <= head; ++b) {
    TF_ASSIGN_OR_RETURN(LoadedBatch loaded, LoadBatch(ledger, b));
    TF_RETURN_IF_ERROR(store.Apply({b, loaded.entry.seq, loaded.records}));
    ++applied;
  }
  return applied;
}

Result<AgreementReport> CheckGraphAgainstLedger(ledger::Ledger& ledger, const GraphStore& store,
                                                bool deep) {
  AgreementReport r;
  TF_ASSIGN_OR_RETURN(r.ledger_batches, LedgerGraphHead(ledger.store()));
  const StoreState st = store.state();
  r.store_batches = st.applied_batch;
  r.store_edges = st.edge_count;
  r.store_nodes = st.node_count;
  if (r.ledger_batches != r.store_batches) {
    r.problems.push_back("the ledger has " + std::to_string(r.ledger_batches) +
                         " graph batches, the store " + std::to_string(r.store_batches));
  }
  for (uint64_t b = 1; b <= r.ledger_batches; ++b) {
    TF_ASSIGN_OR_RETURN(uint64_t seq, BatchSeq(ledger.store(), b));
    TF_ASSIGN_OR_RETURN(ledger::Entry entry, ledger.GetEntry(seq));
    TF_ASSIGN_OR_RETURN(BatchSummary s, BatchSummary::FromMetadata(entry.metadata));
    if (entry.kind != kBatchEntryKind || s.batch != b) {
      r.problems.push_back("ledger entry " + std::to_string(seq) + " is not graph batch " +
                           std::to_string(b));
    }
    if (b == r.store_batches && seq != st.applied_seq) {
      r.problems.push_back("the store's last batch is another ledger entry");
    }
    r.ledger_records += s.records;
    r.ledger_edges += s.edges;
  }
  if (r.ledger_edges != r.store_edges) {
    r.problems.push_back("the ledger records " + std::to_string(r.ledger_edges) +
                         " edges, the store holds " + std::to_string(r.store_edges));
  }
  if (deep && r.problems.empty()) TF_RETURN_IF_ERROR(DeepCheck(ledger, store, r.ledger_batches, r));
  return r;
}

}  // namespace tf::graph
