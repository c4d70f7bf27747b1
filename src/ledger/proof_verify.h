// File: ledger/proof_verify.h
//
// Offline verification of RFC 9162 Merkle proofs: nothing here touches storage, so a client
// holding only a signed root can check that an entry is in the log (inclusion) and that a later
// root extends an earlier one (consistency). Failures are kProofInvalid with a reason.
//
//   TF_RETURN_IF_ERROR(VerifyInclusion(leaf_index, tree_size, HashLeaf(entry), proof, root));
#ifndef TF_LEDGER_PROOF_VERIFY_H_
#define TF_LEDGER_PROOF_VERIFY_H_

#include <cstdint>
#include <span>

#include "core/status.h"
#include "ledger/merkle_hash.h"

namespace tf::ledger {

// RFC 9162 §2.1.3.2: the root that `proof` yields for `leaf_hash` at `leaf_index` in a tree of
// `tree_size` leaves. Fails when the index is beyond the tree or the proof has the wrong length.
Result<Hash> RootFromInclusionProof(uint64_t leaf_index, uint64_t tree_size, const Hash& leaf_hash,
                                    std::span<const Hash> proof);

// RFC 9162 §2.1.3.2: OK when `proof` shows `leaf_hash` at `leaf_index` under `root`.
Status VerifyInclusion(uint64_t leaf_index, uint64_t tree_size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root);

// RFC 9162 §2.1.4.2: OK when `proof` shows that the tree of `size2` leaves with `root2` extends
// the tree of `size1` leaves with `root1`. A proof from size 0 is rejected (every tree extends
// the empty tree, so such a proof shows nothing); for equal sizes the proof must be empty and the
// roots equal.
Status VerifyConsistency(uint64_t size1, uint64_t size2, const Hash& root1, const Hash& root2,
                         std::span<const Hash> proof);

}  // namespace tf::ledger

#endif  // TF_LEDGER_PROOF_VERIFY_H_
