// The SHA256_* functions are deprecated in OpenSSL 3.0 in favour of EVP, not removed; they run
// the same block function (SHA-NI where the CPU has it) without EVP's per-call provider context
// (see Sha256Hasher in the header). This file is the only user.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "core/sha256.h"

#include "core/encoding.h"

namespace tf {

Sha256Digest Sha256(std::span<const uint8_t> data) {
  // Not OpenSSL's SHA256(): in 3.0 it fetches the algorithm by name on every call.
  Sha256Hasher hasher;
  hasher.Update(data);
  return hasher.Finish();
}

Sha256Digest Sha256(std::string_view data) {
  return Sha256(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
}

Sha256Hasher::Sha256Hasher() {
  SHA256_Init(&ctx_);
}

void Sha256Hasher::Update(std::span<const uint8_t> data) {
  SHA256_Update(&ctx_, data.data(), data.size());
}

void Sha256Hasher::Update(std::string_view data) {
  SHA256_Update(&ctx_, data.data(), data.size());
}

Sha256Digest Sha256Hasher::Finish() {
  Sha256Digest out;
  SHA256_Final(out.data(), &ctx_);
  SHA256_Init(&ctx_);
  return out;
}

std::string DigestHex(const Sha256Digest& digest) {
  return HexEncode(digest);
}

}  // namespace tf
