// File: core/sha256.h
//
// SHA-256 (FIPS 180-4) through OpenSSL 3, the one hash of the product: Merkle leaves and nodes,
// content addresses, pack, plan and input hashes.
//
//   tf::Sha256Digest d = tf::Sha256(canonical_bytes);
//   std::string id = tf::HexEncode(d);
#ifndef TF_CORE_SHA256_H_
#define TF_CORE_SHA256_H_

#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tf {

using Sha256Digest = std::array<uint8_t, 32>;

Sha256Digest Sha256(std::span<const uint8_t> data);
Sha256Digest Sha256(std::string_view data);

// Incremental hashing for data that arrives in pieces. A value: copying it copies the state.
class Sha256Hasher {
 public:
  Sha256Hasher();
  void Update(std::span<const uint8_t> data);
  void Update(std::string_view data);
  // Finishes and resets, so the hasher can be reused.
  Sha256Digest Finish();

 private:
  // OpenSSL's SHA-256 state itself, not an EVP_MD_CTX: OpenSSL 3.0 frees and allocates the
  // provider's context on every EVP_DigestInit (also with EVP_DigestInit_ex2 and the same md),
  // which costs about as much as hashing a Merkle node with SHA-NI.
  SHA256_CTX ctx_;
};

// Lower-case hex of a digest.
std::string DigestHex(const Sha256Digest& digest);

}  // namespace tf

#endif  // TF_CORE_SHA256_H_
