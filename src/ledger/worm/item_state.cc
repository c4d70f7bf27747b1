#include "ledger/worm/item_state.h"

#include "core/canonical_json.h"
#include "core/encoding.h"
#include "core/json.h"
#include "ledger/timestamp.h"

namespace tf::ledger {
namespace {

Value Str(std::string_view s) {
  return Value::String(s);
}

Value AttributionValue(const Attribution& a) {
  return Value::Object({{Str("by"), Str(a.by)},
                        {Str("at"), Str(FormatTimestamp(a.at))},
                        {Str("seq"), Value::FromNumber(Number::FromUint64(a.seq))}});
}

Status Corrupt(std::string what) {
  return Status(ErrorCode::kLedgerCorrupt, "evidence item state: " + std::move(what));
}

// Small strict readers: item state is written only by this module, so any deviation means the
// stored record was damaged.
Result<std::string> GetString(const Value& obj, std::string_view key) {
  const Value* v = obj.Find(key);
  if (v == nullptr || !v->is_string()) return Corrupt(std::string(key) + " is not a string");
  return v->string();
}

Result<uint64_t> GetU64(const Value& obj, std::string_view key) {
  const Value* v = obj.Find(key);
  std::optional<int64_t> n;
  if (v == nullptr || !v->is_number() || !(n = v->number().ToInt64()) || *n < 0) {
    return Corrupt(std::string(key) + " is not a non-negative integer");
  }
  return static_cast<uint64_t>(*n);
}

Result<int64_t> GetTime(const Value& obj, std::string_view key) {
  TF_ASSIGN_OR_RETURN(std::string text, GetString(obj, key));
  Result<int64_t> t = ParseCanonicalTimestamp(text);
  if (!t.ok()) return Corrupt(std::string(key) + " is not a timestamp");
  return *t;
}

Result<Attribution> GetAttribution(const Value& obj, std::string_view key) {
  const Value* v = obj.Find(key);
  if (v == nullptr || !v->is_object()) return Corrupt(std::string(key) + " is not an object");
  Attribution a;
  TF_ASSIGN_OR_RETURN(a.by, GetString(*v, "by"));
  TF_ASSIGN_OR_RETURN(a.at, GetTime(*v, "at"));
  TF_ASSIGN_OR_RETURN(a.seq, GetU64(*v, "seq"));
  return a;
}

Result<std::vector<Value>> GetArray(const Value& obj, std::string_view key) {
  const Value* v = obj.Find(key);
  if (v == nullptr || !v->is_array()) return Corrupt(std::string(key) + " is not an array");
  return std::vector<Value>(v->array().begin(), v->array().end());
}

}  // namespace

std::string_view RetentionModeName(RetentionMode mode) {
  return mode == RetentionMode::kCompliance ? "compliance" : "governance";
}

Result<RetentionMode> ParseRetentionMode(std::string_view name) {
  if (name == "governance") return RetentionMode::kGovernance;
  if (name == "compliance") return RetentionMode::kCompliance;
  return InvalidArgument("retention mode must be \"governance\" or \"compliance\", not \"" +
                         std::string(name) + "\"");
}

const RetentionLock* ItemState::ActiveRetention(int64_t now) const {
  return retention && now < retention->until ? &*retention : nullptr;
}

Value ItemState::ToValue() const {
  std::vector<ObjectEntry> f = {
      {Str("tenant"), Str(tenant)},
      {Str("content_hash"), Str(HexEncode(content_hash))},
      {Str("size"), Value::FromNumber(Number::FromUint64(size))},
      {Str("media_type"), Str(media_type)},
      {Str("stored"), AttributionValue(stored)},
  };
  if (retention) {
    f.push_back(
        {Str("retention"), Value::Object({{Str("mode"), Str(RetentionModeName(retention->mode))},
                                          {Str("until"), Str(FormatTimestamp(retention->until))},
                                          {Str("set"), AttributionValue(retention->set)}})});
  }
  std::vector<Value> holds_v;
  for (const LegalHold& h : holds) {
    holds_v.push_back(Value::Object({{Str("id"), Str(h.id)},
                                     {Str("reason"), Str(h.reason)},
                                     {Str("set"), AttributionValue(h.set)}}));
  }
  f.push_back({Str("holds"), Value::Array(std::move(holds_v))});
  std::vector<Value> approvals_v;
  for (const PurgeApproval& a : approvals) {
    approvals_v.push_back(Value::Object(
        {{Str("reason"), Str(a.reason)}, {Str("approved"), AttributionValue(a.approved)}}));
  }
  f.push_back({Str("approvals"), Value::Array(std::move(approvals_v))});
  if (purge) {
    f.push_back({Str("purge"), Value::Object({{Str("reason"), Str(purge->reason)},
                                              {Str("purged"), AttributionValue(purge->purged)}})});
  }
  return Value::Object(std::move(f));
}

std::string ItemState::ToJson() const {
  // Every field is a string, an integer below 2^53 or a container of those, so the canonical
  // form always exists.
  Result<std::string> json = CanonicalJson(ToValue());
  return json.ok() ? *json : std::string();
}

Result<ItemState> ItemState::FromJson(std::string_view json) {
  Result<Value> doc = ParseJson(json);
  if (!doc.ok() || !doc->is_object()) return Corrupt("not a JSON object");
  const Value& v = *doc;
  ItemState s;
  TF_ASSIGN_OR_RETURN(s.tenant, GetString(v, "tenant"));
  TF_ASSIGN_OR_RETURN(std::string hash, GetString(v, "content_hash"));
  Result<Hash> h = HashFromHex(hash);
  if (!h.ok()) return Corrupt("content_hash is not a hash");
  s.content_hash = *h;
  TF_ASSIGN_OR_RETURN(s.size, GetU64(v, "size"));
  TF_ASSIGN_OR_RETURN(s.media_type, GetString(v, "media_type"));
  TF_ASSIGN_OR_RETURN(s.stored, GetAttribution(v, "stored"));
  if (const Value* r = v.Find("retention")) {
    RetentionLock lock;
    TF_ASSIGN_OR_RETURN(std::string mode, GetString(*r, "mode"));
    Result<RetentionMode> m = ParseRetentionMode(mode);
    if (!m.ok()) return Corrupt("retention mode is unknown");
    lock.mode = *m;
    TF_ASSIGN_OR_RETURN(lock.until, GetTime(*r, "until"));
    TF_ASSIGN_OR_RETURN(lock.set, GetAttribution(*r, "set"));
    s.retention = std::move(lock);
  }
  TF_ASSIGN_OR_RETURN(std::vector<Value> holds, GetArray(v, "holds"));
  for (const Value& hv : holds) {
    LegalHold hold;
    TF_ASSIGN_OR_RETURN(hold.id, GetString(hv, "id"));
    TF_ASSIGN_OR_RETURN(hold.reason, GetString(hv, "reason"));
    TF_ASSIGN_OR_RETURN(hold.set, GetAttribution(hv, "set"));
    s.holds.push_back(std::move(hold));
  }
  TF_ASSIGN_OR_RETURN(std::vector<Value> approvals, GetArray(v, "approvals"));
  for (const Value& av : approvals) {
    PurgeApproval a;
    TF_ASSIGN_OR_RETURN(a.reason, GetString(av, "reason"));
    TF_ASSIGN_OR_RETURN(a.approved, GetAttribution(av, "approved"));
    s.approvals.push_back(std::move(a));
  }
  if (const Value* p = v.Find("purge")) {
    PurgeRecord rec;
    TF_ASSIGN_OR_RETURN(rec.reason, GetString(*p, "reason"));
    TF_ASSIGN_OR_RETURN(rec.purged, GetAttribution(*p, "purged"));
    s.purge = std::move(rec);
  }
  return s;
}

}  // namespace tf::ledger
