#include "ledger/entry.h"

#include "core/canonical_json.h"
#include "core/encoding.h"
#include "core/json.h"
#include "ledger/timestamp.h"

namespace tf::ledger {
namespace {

constexpr size_t kEntryFields = 6;

Status Invalid(std::string message) {
  return Status(ErrorCode::kEntryInvalid, std::move(message));
}

bool TenantChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

bool KindChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

const Value* Field(const Value& obj, std::string_view name) {
  return obj.Find(name);
}

}  // namespace

Status ValidateTenant(std::string_view tenant) {
  if (tenant.empty() || tenant.size() > kMaxTenantBytes) {
    return Invalid("tenant must be 1 to 128 bytes");
  }
  for (char c : tenant) {
    if (!TenantChar(c))
      return Invalid("tenant \"" + std::string(tenant) +
                     "\" has a character outside [A-Za-z0-9._-]");
  }
  return Status::Ok();
}

Status ValidateKind(std::string_view kind) {
  if (kind.empty() || kind.size() > kMaxKindBytes) return Invalid("kind must be 1 to 64 bytes");
  for (char c : kind) {
    if (!KindChar(c))
      return Invalid("kind \"" + std::string(kind) + "\" has a character outside [a-z0-9._-]");
  }
  return Status::Ok();
}

Status ValidateMetadata(const Value& metadata) {
  if (!metadata.is_object()) return Invalid("metadata must be a JSON object");
  Result<std::string> canonical = CanonicalJson(metadata);
  if (!canonical.ok()) return Invalid("metadata: " + std::string(canonical.status().message()));
  if (canonical->size() > kMaxMetadataBytes) return Invalid("metadata is larger than 64 KiB");
  return Status::Ok();
}

Value Entry::ToValue() const {
  return Value::Object({
      {Value::String("content_hash"), Value::String(HexEncode(content_hash))},
      {Value::String("kind"), Value::String(kind)},
      {Value::String("metadata"), metadata.is_object() ? metadata : Value::EmptyObject()},
      {Value::String("seq"), Value::FromNumber(Number::FromUint64(seq))},
      {Value::String("tenant"), Value::String(tenant)},
      {Value::String("time"), Value::String(FormatTimestamp(time_nanos))},
  });
}

Result<std::string> Entry::LeafBytes() const {
  return CanonicalJson(ToValue());
}

Result<Hash> Entry::LeafHash() const {
  TF_ASSIGN_OR_RETURN(std::string bytes, LeafBytes());
  return HashLeaf(bytes);
}

Result<Entry> Entry::FromValue(const Value& value) {
  if (!value.is_object()) return Invalid("entry is not a JSON object");
  if (value.size() != kEntryFields) {
    return Invalid(
        "entry must have exactly the fields content_hash, kind, metadata, seq, tenant, "
        "time");
  }
  Entry e;
  const Value* seq = Field(value, "seq");
  std::optional<int64_t> seq_int;
  if (seq == nullptr || !seq->is_number() || !(seq_int = seq->number().ToInt64()) || *seq_int < 0 ||
      static_cast<uint64_t>(*seq_int) > kMaxSeq) {
    return Invalid("entry seq must be an integer in [0, 2^53)");
  }
  e.seq = static_cast<uint64_t>(*seq_int);
  const Value* tenant = Field(value, "tenant");
  if (tenant == nullptr || !tenant->is_string()) return Invalid("entry tenant must be a string");
  TF_RETURN_IF_ERROR(ValidateTenant(tenant->string()));
  e.tenant = tenant->string();
  const Value* kind = Field(value, "kind");
  if (kind == nullptr || !kind->is_string()) return Invalid("entry kind must be a string");
  TF_RETURN_IF_ERROR(ValidateKind(kind->string()));
  e.kind = kind->string();
  const Value* hash = Field(value, "content_hash");
  if (hash == nullptr || !hash->is_string()) return Invalid("entry content_hash must be a string");
  Result<Hash> digest = HashFromHex(hash->string());
  if (!digest.ok() || HexEncode(*digest) != hash->string()) {
    return Invalid("entry content_hash must be 64 lower-case hex digits");
  }
  e.content_hash = *digest;
  const Value* metadata = Field(value, "metadata");
  if (metadata == nullptr) return Invalid("entry has no metadata");
  TF_RETURN_IF_ERROR(ValidateMetadata(*metadata));
  e.metadata = *metadata;
  const Value* time = Field(value, "time");
  if (time == nullptr || !time->is_string()) return Invalid("entry time must be a string");
  Result<int64_t> nanos = ParseCanonicalTimestamp(time->string());
  if (!nanos.ok()) return Invalid("entry time: " + std::string(nanos.status().message()));
  e.time_nanos = *nanos;
  return e;
}

Result<Entry> Entry::FromLeafBytes(std::string_view bytes) {
  Result<Value> value = ParseJson(bytes);
  if (!value.ok()) return Invalid("entry is not JSON: " + std::string(value.status().message()));
  TF_ASSIGN_OR_RETURN(Entry e, FromValue(*value));
  TF_ASSIGN_OR_RETURN(std::string canonical, e.LeafBytes());
  if (canonical != bytes) return Invalid("entry bytes are not in RFC 8785 canonical form");
  return e;
}

}  // namespace tf::ledger
