#include "ledger/proof_verify.h"

#include <bit>
#include <string>

namespace tf::ledger {
namespace {

Status Invalid(std::string reason) {
  return Status(ErrorCode::kProofInvalid, std::move(reason));
}

bool Lsb(uint64_t x) {
  return (x & 1) != 0;
}

}  // namespace

Result<Hash> RootFromInclusionProof(uint64_t leaf_index, uint64_t tree_size, const Hash& leaf_hash,
                                    std::span<const Hash> proof) {
  // Step 1.
  if (leaf_index >= tree_size) {
    return Invalid("leaf index " + std::to_string(leaf_index) + " is not below tree size " +
                   std::to_string(tree_size));
  }
  // Step 2: fn walks the leaf's path, sn the tree's last leaf.
  uint64_t fn = leaf_index;
  uint64_t sn = tree_size - 1;
  Hash r = leaf_hash;
  NodeHasher hasher;
  // Step 3.
  for (const Hash& p : proof) {
    if (sn == 0) return Invalid("inclusion proof is longer than the path to the root");
    if (Lsb(fn) || fn == sn) {
      r = hasher.Children(p, r);
      // fn is a right child or the last node of its level: skip the levels where the path
      // only passes through the right edge of the tree (those nodes have no sibling).
      while (!Lsb(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = hasher.Children(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // Step 4 (the length half): a complete path ends at the root, where sn is 0.
  if (sn != 0) return Invalid("inclusion proof is shorter than the path to the root");
  return r;
}

Status VerifyInclusion(uint64_t leaf_index, uint64_t tree_size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root) {
  TF_ASSIGN_OR_RETURN(Hash computed,
                      RootFromInclusionProof(leaf_index, tree_size, leaf_hash, proof));
  if (computed != root) {
    return Invalid("inclusion proof leads to root " + HashToBase64(computed) + ", not " +
                   HashToBase64(root));
  }
  return Status::Ok();
}

Status VerifyConsistency(uint64_t size1, uint64_t size2, const Hash& root1, const Hash& root2,
                         std::span<const Hash> proof) {
  if (size2 < size1) {
    return Invalid("size1 " + std::to_string(size1) + " is larger than size2 " +
                   std::to_string(size2));
  }
  if (size1 == 0) return Invalid("a consistency proof from the empty tree is meaningless");
  if (size1 == size2) {
    if (!proof.empty()) return Invalid("proof between equal sizes must be empty");
    if (root1 != root2) return Invalid("roots differ for equal tree sizes");
    return Status::Ok();
  }
  // Step 1.
  if (proof.empty()) return Invalid("empty consistency proof between different sizes");
  // Step 2: when size1 is a power of two, the old root is itself a node of the new tree and the
  // proof omits it, so the verifier supplies it as the first element.
  const bool prepend = std::has_single_bit(size1);
  size_t next = 0;
  Hash seed = prepend ? root1 : proof[next++];
  // Step 3.
  uint64_t fn = size1 - 1;
  uint64_t sn = size2 - 1;
  // Step 4: skip the levels where the old tree's last node is a right child.
  while (Lsb(fn)) {
    fn >>= 1;
    sn >>= 1;
  }
  // Step 5.
  Hash fr = seed;
  Hash sr = seed;
  NodeHasher hasher;
  // Step 6.
  for (; next < proof.size(); ++next) {
    const Hash& c = proof[next];
    if (sn == 0) return Invalid("consistency proof is longer than needed");
    if (Lsb(fn) || fn == sn) {
      fr = hasher.Children(c, fr);
      sr = hasher.Children(c, sr);
      while (!Lsb(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = hasher.Children(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // Step 7.
  if (sn != 0) return Invalid("consistency proof is shorter than needed");
  if (fr != root1) return Invalid("consistency proof does not lead to root1");
  if (sr != root2) return Invalid("consistency proof does not lead to root2");
  return Status::Ok();
}

}  // namespace tf::ledger
