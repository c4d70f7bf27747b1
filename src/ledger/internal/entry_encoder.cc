#include "ledger/internal/entry_encoder.h"

#include "core/canonical_json.h"
#include "core/encoding.h"
#include "ledger/entry.h"

namespace tf::ledger::internal {

void EncodedEntry::AppendLeafBytes(uint64_t seq, std::string_view time, std::string& out) const {
  out += head;
  out += std::to_string(seq);  // Integers below 2^53 print the same as ECMAScript's toString.
  out += middle;
  out += time;
  out += "\"}";
}

Result<EncodedEntry> EncodeEntry(std::string_view tenant, std::string_view kind,
                                 const Hash& content_hash, const Value& metadata) {
  TF_RETURN_IF_ERROR(ValidateTenant(tenant));
  TF_RETURN_IF_ERROR(ValidateKind(kind));
  if (!metadata.is_object())
    return Status(ErrorCode::kEntryInvalid, "metadata must be a JSON object");
  Result<std::string> meta = CanonicalJson(metadata);
  if (!meta.ok())
    return Status(ErrorCode::kEntryInvalid, "metadata: " + std::string(meta.status().message()));
  if (meta->size() > kMaxMetadataBytes) {
    return Status(ErrorCode::kEntryInvalid, "metadata is larger than 64 KiB");
  }
  // Tenant and kind are restricted to characters JSON never escapes, so they are quoted as is.
  EncodedEntry e;
  e.head.reserve(meta->size() + 128);
  e.head += "{\"content_hash\":\"";
  e.head += HexEncode(content_hash);
  e.head += "\",\"kind\":\"";
  e.head += kind;
  e.head += "\",\"metadata\":";
  e.head += *meta;
  e.head += ",\"seq\":";
  e.middle = ",\"tenant\":\"";
  e.middle += tenant;
  e.middle += "\",\"time\":\"";
  return e;
}

}  // namespace tf::ledger::internal
