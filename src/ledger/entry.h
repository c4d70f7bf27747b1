// File: ledger/entry.h
//
// `Entry`: one record of the log. Its leaf bytes, the data the Merkle tree hashes, are the
// RFC 8785 canonical JSON of
//
//   {"content_hash":"<64 hex>","kind":"decision","metadata":{...},"seq":41,
//    "tenant":"acme","time":"2026-05-01T12:00:00.000000000Z"}
//
// so anyone holding the entry can recompute its leaf hash with any JCS implementation. `seq` is
// the entry's leaf index. `content_hash` is the SHA-256 of the content the entry is about (a
// decision, an evidence blob); the content itself lives outside the tree.
#ifndef TF_LEDGER_ENTRY_H_
#define TF_LEDGER_ENTRY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/value.h"
#include "ledger/merkle_hash.h"

namespace tf::ledger {

// Limits that keep every entry cheap to hash, store and ship in a receipt.
inline constexpr size_t kMaxTenantBytes = 128;
inline constexpr size_t kMaxKindBytes = 64;
inline constexpr size_t kMaxMetadataBytes = 64 * 1024;
// RFC 8785 numbers are doubles: sequence numbers stay exact below 2^53.
inline constexpr uint64_t kMaxSeq = (uint64_t{1} << 53) - 1;

struct Entry {
  uint64_t seq = 0;
  std::string tenant;
  std::string kind;
  Hash content_hash{};
  Value metadata;  // A JSON object.
  int64_t time_nanos = 0;

  Value ToValue() const;
  // The canonical JSON the tree hashes. Fails when the metadata has no canonical form.
  Result<std::string> LeafBytes() const;
  Result<Hash> LeafHash() const;

  // Reads an entry object, strictly: exactly the six fields, each valid. kEntryInvalid.
  static Result<Entry> FromValue(const Value& value);
  // Reads stored leaf bytes and checks that they are the canonical form of the entry they hold.
  static Result<Entry> FromLeafBytes(std::string_view bytes);
};

// Tenants: 1..128 bytes of [A-Za-z0-9._-]. Kinds: 1..64 bytes of [a-z0-9._-]. Metadata: an
// object whose canonical JSON is at most kMaxMetadataBytes. All kEntryInvalid.
Status ValidateTenant(std::string_view tenant);
Status ValidateKind(std::string_view kind);
Status ValidateMetadata(const Value& metadata);

}  // namespace tf::ledger

#endif  // TF_LEDGER_ENTRY_H_
