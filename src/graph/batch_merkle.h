// File: graph/batch_merkle.h
//
// `BatchMerkle`: the RFC 9162 Merkle tree over one ingest batch's records (leaf i = the leaf
// bytes of record i, graph_record.h). Its root goes into the batch's ledger entry; an inclusion
// proof in it, together with the entry's receipt, is a record's receipt (record_receipt.h).
// Keeps every complete subtree in memory (about two hashes per record).
#ifndef TF_GRAPH_BATCH_MERKLE_H_
#define TF_GRAPH_BATCH_MERKLE_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "ledger/merkle_hash.h"

namespace tf::graph {

class BatchMerkle {
 public:
  // REQUIRES: leaf_hashes are RFC 9162 leaf hashes (ledger::HashLeaf of each record's bytes).
  explicit BatchMerkle(std::vector<ledger::Hash> leaf_hashes);

  uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  const ledger::Hash& root() const { return root_; }
  // RFC 9162 §2.1.3.1 PATH(index, D[0:size]). kOutOfRange beyond the batch.
  Result<std::vector<ledger::Hash>> InclusionProof(uint64_t index) const;

 private:
  class Reader;
  // levels_[l][i]: the complete subtree of 2^l leaves starting at leaf i * 2^l.
  std::vector<std::vector<ledger::Hash>> levels_;
  ledger::Hash root_{};
};

}  // namespace tf::graph

#endif  // TF_GRAPH_BATCH_MERKLE_H_
