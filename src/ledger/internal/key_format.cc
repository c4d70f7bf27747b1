#include "ledger/internal/key_format.h"

namespace tf::ledger::internal {
namespace {

void AppendU64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

uint64_t ReadU64(std::string_view bytes) {
  uint64_t v = 0;
  for (size_t i = 0; i < kU64KeySize; ++i)
    v = (v << 8) | static_cast<uint8_t>(bytes[i]);
  return v;
}

}  // namespace

std::string U64Key(uint64_t v) {
  std::string out;
  out.reserve(kU64KeySize);
  AppendU64(out, v);
  return out;
}

std::optional<uint64_t> ParseU64Key(std::string_view key) {
  if (key.size() != kU64KeySize) return std::nullopt;
  return ReadU64(key);
}

std::string NodeKey(const NodeId& id) {
  std::string out;
  out.reserve(kNodeKeySize);
  out.push_back(static_cast<char>(id.level));
  AppendU64(out, id.index);
  return out;
}

std::optional<NodeId> ParseNodeKey(std::string_view key) {
  if (key.size() != kNodeKeySize) return std::nullopt;
  return NodeId{static_cast<uint8_t>(key[0]), ReadU64(key.substr(1))};
}

std::string EvidenceKeyBytes(const EvidenceKey& key) {
  std::string out = TenantPrefix(key.tenant);
  out.append(reinterpret_cast<const char*>(key.content_hash.data()), key.content_hash.size());
  return out;
}

std::string TenantPrefix(std::string_view tenant) {
  std::string out(tenant);
  out.push_back('\0');
  return out;
}

}  // namespace tf::ledger::internal
