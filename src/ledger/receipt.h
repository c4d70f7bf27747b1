// File: ledger/receipt.h
//
// `Receipt`: the proof, verifiable offline, that an entry is in the log. Format version 1 (see
// docs/RECEIPTS.md):
//
//   {"version": 1,
//    "entry": {...the entry object, see entry.h...},
//    "leaf_index": 41,
//    "inclusion_proof": ["<base64 hash>", ...],
//    "checkpoint": "<C2SP signed checkpoint note>"}
//
// Verification needs only the receipt and the log's public key: the checkpoint's signature, the
// entry's leaf hash (RFC 8785 canonical JSON, RFC 9162 leaf hash) and the inclusion proof up to
// the checkpoint's root.
//
//   TF_ASSIGN_OR_RETURN(VerifiedReceipt ok, VerifyReceiptJson(json_text, verifier));
#ifndef TF_LEDGER_RECEIPT_H_
#define TF_LEDGER_RECEIPT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "ledger/checkpoint.h"
#include "ledger/entry.h"
#include "ledger/merkle_hash.h"
#include "ledger/note_key.h"

namespace tf::ledger {

inline constexpr int64_t kReceiptVersion = 1;
// A receipt with a proof longer than a 2^63-leaf tree needs is not a receipt.
inline constexpr size_t kMaxProofLength = 64;

struct Receipt {
  int64_t version = kReceiptVersion;
  Entry entry;
  uint64_t leaf_index = 0;
  std::vector<Hash> inclusion_proof;
  std::string checkpoint;  // Signed note text.

  Value ToValue() const;
  std::string ToJson(bool pretty = false) const;
  // Appends the bytes of ToValue() written as compact JSON, without building the Value tree
  // first (the decision response's hot path needs the text only).
  void AppendJson(std::string& out) const;

  // Reads a receipt. kReceiptMalformed when a field is missing or has the wrong type,
  // kReceiptVersionUnsupported for another version, kEntryInvalid for a bad entry.
  static Result<Receipt> FromValue(const Value& value);
  static Result<Receipt> FromJson(std::string_view json);
};

// What a successful verification established.
struct VerifiedReceipt {
  Entry entry;
  Hash leaf_hash{};
  Checkpoint checkpoint;
};

// Checks, in order: the checkpoint is signed by `verifier` (kSignatureInvalid / kNoteMalformed);
// the entry is well formed and its seq is the leaf index (kEntryMismatch); the inclusion proof
// leads from the entry's leaf hash to the checkpoint's root (kProofInvalid). The message of a
// failure names the check that failed.
Result<VerifiedReceipt> VerifyReceipt(const Receipt& receipt, const NoteVerifier& verifier);
Result<VerifiedReceipt> VerifyReceiptJson(std::string_view json, const NoteVerifier& verifier);

}  // namespace tf::ledger

#endif  // TF_LEDGER_RECEIPT_H_
