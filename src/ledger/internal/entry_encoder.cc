#include "ledger/internal/entry_encoder.h"

#include "core/canonical_json.h"
#include "core/encoding.h"
#include "ledger/entry.h"

namespace tf::ledger::internal {

void EncodedEntry::AppendLeafBytes(uint64_t seq, std::string_view tenant, std::string_view time,
                                   std::string& out) const {
  out += head;
  out += std::to_string(seq);  // Integers below 2^53 print the same as ECMAScript's toString.
  // Tenants are restricted to characters JSON never escapes, so they are quoted as they are.
  out += ",\"tenant\":\"";
  out += tenant;
  out += "\",\"time\":\"";
  out += time;
  out += "\"}";
}

Result<EncodedEntry> EncodeEntry(std::string_view tenant, std::string_view kind,
                                 const Hash& content_hash, const Value& metadata) {
  TF_RETURN_IF_ERROR(ValidateTenant(tenant));
  TF_RETURN_IF_ERROR(ValidateKind(kind));
  if (!metadata.is_object())
    return Status(ErrorCode::kEntryInvalid, "metadata must be a JSON object");
  // Kinds, like tenants, need no escaping. The metadata is canonicalised straight into the head.
  EncodedEntry e;
  e.head += "{\"content_hash\":\"";
  e.head += HexEncode(content_hash);
  e.head += "\",\"kind\":\"";
  e.head += kind;
  e.head += "\",\"metadata\":";
  const size_t meta_begin = e.head.size();
  Status meta = AppendCanonicalJson(e.head, metadata);
  if (!meta.ok())
    return Status(ErrorCode::kEntryInvalid, "metadata: " + std::string(meta.message()));
  if (e.head.size() - meta_begin > kMaxMetadataBytes) {
    return Status(ErrorCode::kEntryInvalid, "metadata is larger than 64 KiB");
  }
  e.head += ",\"seq\":";
  return e;
}

}  // namespace tf::ledger::internal
