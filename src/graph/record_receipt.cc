#include "graph/record_receipt.h"

#include "core/encoding.h"
#include "graph/batch_log.h"
#include "graph/batch_merkle.h"
#include "ledger/proof_verify.h"

namespace tf::graph {

Value RecordReceipt::ToValue() const {
  std::vector<Value> path;
  path.reserve(proof.size());
  for (const ledger::Hash& h : proof)
    path.push_back(Value::String(HexEncode(h)));
  return Value::Object({{Value::String("batch"), Value::Int(static_cast<int64_t>(batch))},
                        {Value::String("position"), Value::Int(static_cast<int64_t>(position))},
                        {Value::String("record"), Value::String(leaf)},
                        {Value::String("records_proof"), Value::Array(std::move(path))},
                        {Value::String("batch_receipt"), batch_receipt.ToValue()}});
}

Result<RecordReceipt> GetRecordReceipt(ledger::Ledger& ledger, uint64_t batch, uint64_t position) {
  TF_ASSIGN_OR_RETURN(LoadedBatch loaded, LoadBatch(ledger, batch));
  if (position >= loaded.leaves.size()) {
    return Status(ErrorCode::kOutOfRange, "graph batch " + std::to_string(batch) + " has " +
                                              std::to_string(loaded.leaves.size()) + " records");
  }
  std::vector<ledger::Hash> hashes;
  hashes.reserve(loaded.leaves.size());
  for (const std::string& leaf : loaded.leaves)
    hashes.push_back(ledger::HashLeaf(leaf));
  RecordReceipt r;
  r.batch = batch;
  r.position = position;
  r.leaf = loaded.leaves[position];
  TF_ASSIGN_OR_RETURN(r.proof, BatchMerkle(std::move(hashes)).InclusionProof(position));
  TF_ASSIGN_OR_RETURN(r.batch_receipt, ledger.GetReceipt(loaded.entry.seq));
  return r;
}

Status VerifyRecordReceipt(const RecordReceipt& receipt, const ledger::NoteVerifier& verifier) {
  TF_ASSIGN_OR_RETURN(BatchSummary summary,
                      BatchSummary::FromMetadata(receipt.batch_receipt.entry.metadata));
  if (receipt.batch_receipt.entry.kind != kBatchEntryKind || summary.batch != receipt.batch) {
    return Status(ErrorCode::kProofInvalid,
                  "the ledger receipt is not for graph batch " + std::to_string(receipt.batch));
  }
  TF_RETURN_IF_ERROR(ledger::VerifyInclusion(receipt.position, summary.records,
                                             ledger::HashLeaf(receipt.leaf), receipt.proof,
                                             summary.records_root));
  return ledger::VerifyReceipt(receipt.batch_receipt, verifier).status();
}

}  // namespace tf::graph
