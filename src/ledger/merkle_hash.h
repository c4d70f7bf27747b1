// File: ledger/merkle_hash.h
//
// RFC 9162 §2.1.1 hashing for the log's Merkle tree. Leaves and interior nodes are hashed with
// distinct one-byte prefixes (0x00 and 0x01) so that a leaf can never be passed off as an
// interior node (second-preimage resistance). `Hash` is the 32-byte SHA-256 output used for every
// node, root and proof element.
//
//   tf::ledger::Hash leaf = tf::ledger::HashLeaf(entry_bytes);
//   tf::ledger::Hash node = tf::ledger::HashChildren(left, right);
#ifndef TF_LEDGER_MERKLE_HASH_H_
#define TF_LEDGER_MERKLE_HASH_H_

#include <cstddef>
#include <string_view>

#include "core/sha256.h"
#include "core/status.h"

namespace tf::ledger {

using Hash = Sha256Digest;
inline constexpr size_t kHashSize = 32;

// SHA-256(0x00 || leaf_bytes).
Hash HashLeaf(std::string_view leaf_bytes);
// SHA-256(0x01 || left || right).
Hash HashChildren(const Hash& left, const Hash& right);
// HashChildren with one digest context kept across calls: what a loop over many nodes (verifying
// a proof, extending the tree) should use. Not thread-safe; make one per loop.
class NodeHasher {
 public:
  Hash Children(const Hash& left, const Hash& right);
  // HashLeaf with the same context.
  Hash Leaf(std::string_view leaf_bytes);

 private:
  Sha256Hasher hasher_;
};

// The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1).
Hash EmptyRoot();

// Reads a hash from raw bytes; fails unless there are exactly 32 of them.
Result<Hash> HashFromBytes(std::string_view bytes);
// Standard base64 (as in checkpoints and receipts) and lower-case hex forms.
std::string HashToBase64(const Hash& hash);
Result<Hash> HashFromBase64(std::string_view text);
Result<Hash> HashFromHex(std::string_view text);

}  // namespace tf::ledger

#endif  // TF_LEDGER_MERKLE_HASH_H_
