#include "ledger/receipt.h"

#include "core/encoding.h"
#include "core/json.h"
#include "ledger/proof_verify.h"
#include "ledger/timestamp.h"

namespace tf::ledger {
namespace {

Status Malformed(std::string message) {
  return Status(ErrorCode::kReceiptMalformed, "receipt: " + std::move(message));
}

}  // namespace

Value Receipt::ToValue() const {
  std::vector<Value> proof;
  proof.reserve(inclusion_proof.size());
  for (const Hash& h : inclusion_proof)
    proof.push_back(Value::String(HashToBase64(h)));
  return Value::Object({
      {Value::String("version"), Value::Int(version)},
      {Value::String("entry"), entry.ToValue()},
      {Value::String("leaf_index"), Value::FromNumber(Number::FromUint64(leaf_index))},
      {Value::String("inclusion_proof"), Value::Array(std::move(proof))},
      {Value::String("checkpoint"), Value::String(checkpoint)},
  });
}

std::string Receipt::ToJson(bool pretty) const {
  std::string out;
  if (!pretty) {
    AppendJson(out);
    return out;
  }
  JsonWriteOptions options;
  options.pretty = true;
  out = tf::ToJson(ToValue(), options);
  out += '\n';
  return out;
}

void Receipt::AppendJson(std::string& out) const {
  // Keys sorted, as Value objects keep them; integers as plain digits, as the writer prints
  // them (seq and leaf_index stay below 2^53, the version is 1).
  // Room for the members besides the metadata: one growth instead of several.
  constexpr size_t kFixedBytes = 320;
  constexpr size_t kProofHashBytes = 47;  // "base64 of 32 bytes",
  out.reserve(out.size() + kFixedBytes + checkpoint.size() + entry.tenant.size() +
              entry.kind.size() + kProofHashBytes * inclusion_proof.size());
  out += "{\"checkpoint\":";
  AppendJsonString(out, checkpoint);
  out += ",\"entry\":{\"content_hash\":\"";
  AppendHex(out, entry.content_hash);
  out += "\",\"kind\":";
  AppendJsonString(out, entry.kind);
  out += ",\"metadata\":";
  if (entry.metadata.is_object()) {
    tf::AppendJson(out, entry.metadata);
  } else {
    out += "{}";
  }
  out += ",\"seq\":";
  out += std::to_string(entry.seq);
  out += ",\"tenant\":";
  AppendJsonString(out, entry.tenant);
  out += ",\"time\":\"";
  AppendTimestamp(out, entry.time_nanos);
  out += "\"},\"inclusion_proof\":[";
  for (size_t i = 0; i < inclusion_proof.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    AppendBase64(out, inclusion_proof[i]);
    out += '"';
  }
  out += "],\"leaf_index\":";
  out += std::to_string(leaf_index);
  out += ",\"version\":";
  out += std::to_string(version);
  out += '}';
}

Result<Receipt> Receipt::FromValue(const Value& value) {
  if (!value.is_object()) return Malformed("not a JSON object");
  Receipt r;
  const Value* version = value.Find("version");
  std::optional<int64_t> v;
  if (version == nullptr || !version->is_number() || !(v = version->number().ToInt64())) {
    return Malformed("version must be an integer");
  }
  if (*v != kReceiptVersion) {
    return Status(ErrorCode::kReceiptVersionUnsupported, "receipt version " + std::to_string(*v) +
                                                             " is not supported (this verifier "
                                                             "reads version 1)");
  }
  r.version = *v;
  const Value* entry = value.Find("entry");
  if (entry == nullptr) return Malformed("entry is missing");
  TF_ASSIGN_OR_RETURN(r.entry, Entry::FromValue(*entry));
  const Value* leaf = value.Find("leaf_index");
  std::optional<int64_t> leaf_int;
  if (leaf == nullptr || !leaf->is_number() || !(leaf_int = leaf->number().ToInt64()) ||
      *leaf_int < 0) {
    return Malformed("leaf_index must be a non-negative integer");
  }
  r.leaf_index = static_cast<uint64_t>(*leaf_int);
  const Value* proof = value.Find("inclusion_proof");
  if (proof == nullptr || !proof->is_array()) return Malformed("inclusion_proof must be an array");
  if (proof->size() > kMaxProofLength) return Malformed("inclusion_proof is too long");
  for (const Value& h : proof->array()) {
    if (!h.is_string()) return Malformed("inclusion_proof holds a non-string");
    Result<Hash> hash = HashFromBase64(h.string());
    if (!hash.ok()) {
      return Malformed("inclusion_proof element is not base64 of 32 bytes: " +
                       std::string(hash.status().message()));
    }
    r.inclusion_proof.push_back(*hash);
  }
  const Value* checkpoint = value.Find("checkpoint");
  if (checkpoint == nullptr || !checkpoint->is_string()) {
    return Malformed("checkpoint must be a string");
  }
  r.checkpoint = checkpoint->string();
  return r;
}

Result<Receipt> Receipt::FromJson(std::string_view json) {
  Result<Value> value = ParseJson(json);
  if (!value.ok()) return Malformed("not JSON: " + std::string(value.status().message()));
  return FromValue(*value);
}

Result<VerifiedReceipt> VerifyReceipt(const Receipt& receipt, const NoteVerifier& verifier) {
  VerifiedReceipt out;
  Result<Checkpoint> cp = OpenCheckpoint(receipt.checkpoint, verifier);
  if (!cp.ok()) return cp.status().WithContext("checkpoint signature");
  out.checkpoint = std::move(*cp);
  if (receipt.entry.seq != receipt.leaf_index) {
    return Status(ErrorCode::kEntryMismatch,
                  "entry hash: the entry's seq " + std::to_string(receipt.entry.seq) +
                      " is not the leaf index " + std::to_string(receipt.leaf_index));
  }
  Result<Hash> leaf = receipt.entry.LeafHash();
  if (!leaf.ok())
    return Status(ErrorCode::kEntryMismatch, "entry hash: " + leaf.status().ToString());
  out.leaf_hash = *leaf;
  Status proof = VerifyInclusion(receipt.leaf_index, out.checkpoint.size, out.leaf_hash,
                                 receipt.inclusion_proof, out.checkpoint.root);
  if (!proof.ok()) {
    return proof.WithContext("inclusion proof of entry leaf hash " + HashToBase64(out.leaf_hash) +
                             " at index " + std::to_string(receipt.leaf_index) +
                             " in checkpoint of size " + std::to_string(out.checkpoint.size));
  }
  out.entry = receipt.entry;
  return out;
}

Result<VerifiedReceipt> VerifyReceiptJson(std::string_view json, const NoteVerifier& verifier) {
  TF_ASSIGN_OR_RETURN(Receipt receipt, Receipt::FromJson(json));
  return VerifyReceipt(receipt, verifier);
}

}  // namespace tf::ledger
