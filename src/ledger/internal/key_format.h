// File: ledger/internal/key_format.h
//
// Byte keys for ordered key-value backends (RocksDB). Integers are big-endian so byte order is
// numeric order: entries and checkpoints scan in sequence, and the last checkpoint key is the
// tree head. Evidence keys are "<tenant>\0<32-byte hash>"; tenants never contain a NUL, so one
// tenant's items form one contiguous key range.
#ifndef TF_LEDGER_INTERNAL_KEY_FORMAT_H_
#define TF_LEDGER_INTERNAL_KEY_FORMAT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/node_id.h"
#include "ledger/store.h"

namespace tf::ledger::internal {

inline constexpr size_t kU64KeySize = 8;
inline constexpr size_t kNodeKeySize = 9;

std::string U64Key(uint64_t v);
// nullopt unless `key` is exactly 8 bytes.
std::optional<uint64_t> ParseU64Key(std::string_view key);
std::string NodeKey(const NodeId& id);
std::optional<NodeId> ParseNodeKey(std::string_view key);
std::string EvidenceKeyBytes(const EvidenceKey& key);
std::string TenantPrefix(std::string_view tenant);

}  // namespace tf::ledger::internal

#endif  // TF_LEDGER_INTERNAL_KEY_FORMAT_H_
