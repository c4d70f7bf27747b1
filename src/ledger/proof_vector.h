// File: ledger/proof_vector.h
//
// Reads and checks Merkle proof test vectors in the JSON format of transparency-dev/merkle's
// testdata (see ../shared/vectors/merkle/README.md), so the test suite and `proof merkle
// verify-inclusion|verify-consistency` run the same code:
//
//   inclusion:   {"leafIdx", "treeSize", "root", "leafHash", "proof": [base64] | null, "wantErr"}
//   consistency: {"size1", "size2", "root1", "root2", "proof": [base64] | null, "wantErr"}
#ifndef TF_LEDGER_PROOF_VECTOR_H_
#define TF_LEDGER_PROOF_VECTOR_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace tf::ledger {

enum class ProofVectorKind : uint8_t { kInclusion, kConsistency };

struct ProofVectorResult {
  std::string description;  // The file's "desc".
  bool want_error = false;  // The file's "wantErr".
  // OK when the verifier accepted the proof; otherwise why it rejected it.
  Status outcome;
  bool Matches() const { return want_error == !outcome.ok(); }
};

// Parses one vector file and runs the verifier on it. Fails (kInvalidArgument) only when the
// file itself is not a vector of that kind; a bad proof is a rejected outcome, not an error.
Result<ProofVectorResult> CheckProofVector(ProofVectorKind kind, std::string_view json);

}  // namespace tf::ledger

#endif  // TF_LEDGER_PROOF_VECTOR_H_
