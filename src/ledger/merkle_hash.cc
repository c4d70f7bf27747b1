#include "ledger/merkle_hash.h"

#include <cstring>

#include "core/encoding.h"

namespace tf::ledger {
namespace {

constexpr uint8_t kLeafPrefix = 0x00;
constexpr uint8_t kNodePrefix = 0x01;

}  // namespace

Hash HashLeaf(std::string_view leaf_bytes) {
  // Leaves are small (a canonical JSON entry), so one stack buffer avoids a second digest call
  // in the common case; large leaves fall back to the incremental hasher.
  constexpr size_t kStackLeaf = 1024;
  if (leaf_bytes.size() < kStackLeaf) {
    uint8_t buf[kStackLeaf + 1];
    buf[0] = kLeafPrefix;
    std::memcpy(buf + 1, leaf_bytes.data(), leaf_bytes.size());
    return Sha256(std::span<const uint8_t>(buf, leaf_bytes.size() + 1));
  }
  Sha256Hasher hasher;
  hasher.Update(std::string_view("\0", 1));
  hasher.Update(leaf_bytes);
  return hasher.Finish();
}

Hash HashChildren(const Hash& left, const Hash& right) {
  uint8_t buf[1 + 2 * kHashSize];
  buf[0] = kNodePrefix;
  std::memcpy(buf + 1, left.data(), kHashSize);
  std::memcpy(buf + 1 + kHashSize, right.data(), kHashSize);
  return Sha256(std::span<const uint8_t>(buf, sizeof(buf)));
}

Hash NodeHasher::Children(const Hash& left, const Hash& right) {
  uint8_t buf[1 + 2 * kHashSize];
  buf[0] = kNodePrefix;
  std::memcpy(buf + 1, left.data(), kHashSize);
  std::memcpy(buf + 1 + kHashSize, right.data(), kHashSize);
  hasher_.Update(std::span<const uint8_t>(buf, sizeof(buf)));
  return hasher_.Finish();
}

Hash NodeHasher::Leaf(std::string_view leaf_bytes) {
  hasher_.Update(std::span<const uint8_t>(&kLeafPrefix, 1));
  hasher_.Update(leaf_bytes);
  return hasher_.Finish();
}

Hash EmptyRoot() {
  return Sha256(std::string_view());
}

Result<Hash> HashFromBytes(std::string_view bytes) {
  if (bytes.size() != kHashSize) {
    return Status(ErrorCode::kInvalidArgument,
                  "hash is " + std::to_string(bytes.size()) + " bytes, want 32");
  }
  Hash out;
  std::memcpy(out.data(), bytes.data(), kHashSize);
  return out;
}

std::string HashToBase64(const Hash& hash) {
  return Base64Encode(std::span<const uint8_t>(hash));
}

Result<Hash> HashFromBase64(std::string_view text) {
  TF_ASSIGN_OR_RETURN(std::string raw, Base64Decode(text));
  return HashFromBytes(raw);
}

Result<Hash> HashFromHex(std::string_view text) {
  TF_ASSIGN_OR_RETURN(std::string raw, HexDecode(text));
  return HashFromBytes(raw);
}

}  // namespace tf::ledger
