// File: graph/record_receipt.h
//
// A graph record's receipt: the record's leaf bytes, its RFC 9162 inclusion proof in its batch's
// records tree, and the ledger receipt of the batch's entry (whose metadata carries that tree's
// root, batch_log.h). Checking one takes any JCS and RFC 9162 implementation: hash the leaf,
// fold the proof to records_root, then verify the ledger receipt as any other.
#ifndef TF_GRAPH_RECORD_RECEIPT_H_
#define TF_GRAPH_RECORD_RECEIPT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "ledger/ledger.h"
#include "ledger/note_key.h"
#include "ledger/receipt.h"

namespace tf::graph {

struct RecordReceipt {
  uint64_t batch = 0;
  uint64_t position = 0;
  std::string leaf;                 // the record's leaf bytes
  std::vector<ledger::Hash> proof;  // inclusion in the batch's records tree
  ledger::Receipt batch_receipt;    // the batch entry in the ledger

  Value ToValue() const;
};

// The receipt of record `position` of batch `batch`. kNotFound for an unknown batch,
// kOutOfRange for a position beyond it, kGraphLedgerMismatch when the batch fails verification.
Result<RecordReceipt> GetRecordReceipt(ledger::Ledger& ledger, uint64_t batch, uint64_t position);

// Verifies the whole chain: leaf -> records_root (in the entry's metadata) and the entry's
// ledger receipt under `verifier`. kProofInvalid when the record is not under records_root; the
// ledger's errors when the entry receipt fails.
Status VerifyRecordReceipt(const RecordReceipt& receipt, const ledger::NoteVerifier& verifier);

}  // namespace tf::graph

#endif  // TF_GRAPH_RECORD_RECEIPT_H_
