#include "graph/batch_log.h"

#include <charconv>

#include "core/encoding.h"
#include "core/sha256.h"
#include "graph/batch_merkle.h"

namespace tf::graph {
namespace {

Status Mismatch(std::string message) {
  return Status(ErrorCode::kGraphLedgerMismatch, std::move(message));
}

Result<uint64_t> ParseU64(std::string_view text, std::string_view what) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) {
    return Mismatch(std::string(what) + " is not a number: \"" + std::string(text) + "\"");
  }
  return v;
}

Result<uint64_t> UintField(const Value& m, std::string_view key) {
  const Value* v = m.Find(key);
  if (v == nullptr || !v->is_small_int() || v->small_int() < 0) {
    return Mismatch("batch metadata lacks a count \"" + std::string(key) + "\"");
  }
  return static_cast<uint64_t>(v->small_int());
}

Value U(uint64_t v) {
  return Value::Int(static_cast<int64_t>(v));
}

}  // namespace

Value BatchSummary::ToMetadata() const {
  return Value::Object({{Value::String("batch"), U(batch)},
                        {Value::String("records"), U(records)},
                        {Value::String("nodes"), U(nodes)},
                        {Value::String("edges"), U(edges)},
                        {Value::String("records_root"), Value::String(HexEncode(records_root))},
                        {Value::String("source"), Value::String(source)},
                        {Value::String("first_line"), U(first_line)},
                        {Value::String("last_line"), U(last_line)}});
}

Result<BatchSummary> BatchSummary::FromMetadata(const Value& m) {
  BatchSummary s;
  TF_ASSIGN_OR_RETURN(s.batch, UintField(m, "batch"));
  TF_ASSIGN_OR_RETURN(s.records, UintField(m, "records"));
  TF_ASSIGN_OR_RETURN(s.nodes, UintField(m, "nodes"));
  TF_ASSIGN_OR_RETURN(s.edges, UintField(m, "edges"));
  TF_ASSIGN_OR_RETURN(s.first_line, UintField(m, "first_line"));
  TF_ASSIGN_OR_RETURN(s.last_line, UintField(m, "last_line"));
  const Value* root = m.Find("records_root");
  if (root == nullptr || !root->is_string()) return Mismatch("batch metadata lacks records_root");
  Result<ledger::Hash> h = ledger::HashFromHex(root->string());
  if (!h.ok()) return Mismatch("batch records_root is not a hex hash");
  s.records_root = *h;
  if (const Value* src = m.Find("source"); src != nullptr && src->is_string())
    s.source = src->string();
  return s;
}

std::string BatchSeqKey(uint64_t batch) {
  return "graph.batch." + std::to_string(batch);
}

Result<uint64_t> LedgerGraphHead(ledger::Store& store) {
  TF_ASSIGN_OR_RETURN(std::optional<std::string> head, store.ReadMeta(kGraphHeadKey));
  if (!head) return uint64_t{0};
  return ParseU64(*head, "graph.head");
}

Result<uint64_t> BatchSeq(ledger::Store& store, uint64_t batch) {
  TF_ASSIGN_OR_RETURN(std::optional<std::string> seq, store.ReadMeta(BatchSeqKey(batch)));
  if (!seq) return NotFound("the ledger has no graph batch " + std::to_string(batch));
  return ParseU64(*seq, BatchSeqKey(batch));
}

std::string JoinLeaves(const std::vector<std::string>& leaves) {
  size_t total = 0;
  for (const std::string& l : leaves)
    total += l.size() + 1;
  std::string blob;
  blob.reserve(total);
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (i > 0) blob.push_back('\n');
    blob += leaves[i];
  }
  return blob;
}

Result<LoadedBatch> LoadBatch(ledger::Ledger& ledger, uint64_t batch) {
  const std::string name = "graph batch " + std::to_string(batch);
  TF_ASSIGN_OR_RETURN(uint64_t seq, BatchSeq(ledger.store(), batch));
  LoadedBatch out;
  TF_ASSIGN_OR_RETURN(out.entry, ledger.GetEntry(seq));
  if (out.entry.kind != kBatchEntryKind)
    return Mismatch(name + ": entry " + std::to_string(seq) + " is not a graph batch");
  TF_ASSIGN_OR_RETURN(out.summary, BatchSummary::FromMetadata(out.entry.metadata));
  if (out.summary.batch != batch) return Mismatch(name + ": entry metadata names another batch");
  TF_ASSIGN_OR_RETURN(std::optional<std::string> blob,
                      ledger.store().ReadBlob({out.entry.tenant, out.entry.content_hash}));
  if (!blob) return Mismatch(name + ": the records blob is missing");
  if (Sha256(*blob) != out.entry.content_hash)
    return Mismatch(name + ": blob does not match its hash");
  std::vector<ledger::Hash> hashes;
  size_t start = 0;
  while (!blob->empty() && start <= blob->size()) {
    size_t nl = blob->find('\n', start);
    if (nl == std::string::npos) nl = blob->size();
    std::string_view leaf(blob->data() + start, nl - start);
    Result<GraphRecord> record = RecordFromLeafBytes(leaf);
    if (!record.ok()) {
      return Mismatch(name + " record " + std::to_string(out.records.size()) + ": " +
                      std::string(record.status().message()));
    }
    out.records.push_back(std::move(*record));
    hashes.push_back(ledger::HashLeaf(leaf));
    out.leaves.emplace_back(leaf);
    start = nl + 1;
  }
  if (out.records.size() != out.summary.records) return Mismatch(name + ": record count differs");
  if (BatchMerkle(std::move(hashes)).root() != out.summary.records_root) {
    return Mismatch(name + ": records do not match records_root");
  }
  return out;
}

}  // namespace tf::graph
