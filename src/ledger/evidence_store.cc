#include "ledger/evidence_store.h"

#include <memory>

#include "core/encoding.h"
#include "core/sha256.h"
#include "ledger/timestamp.h"

namespace tf::ledger {
namespace {

constexpr size_t kMaxMediaTypeBytes = 255;
constexpr size_t kMaxReasonBytes = 4096;

Value Str(std::string_view s) {
  return Value::String(s);
}

Status NotFoundDeny(std::string_view tenant, const Hash& hash) {
  return Status(ErrorCode::kEvidenceNotFound,
                "no evidence " + HexEncode(hash) + " for tenant " + std::string(tenant));
}

Status ValidateReason(const std::string& reason) {
  if (reason.size() > kMaxReasonBytes) return InvalidArgument("reason is longer than 4096 bytes");
  return Status::Ok();
}

Value ApprovalsValue(const std::vector<PurgeApproval>& approvals) {
  std::vector<Value> out;
  for (const PurgeApproval& a : approvals) {
    out.push_back(
        Value::Object({{Str("by"), Str(a.approved.by)},
                       {Str("at"), Str(FormatTimestamp(a.approved.at))},
                       {Str("seq"), Value::FromNumber(Number::FromUint64(a.approved.seq))},
                       {Str("reason"), Str(a.reason)}}));
  }
  return Value::Array(std::move(out));
}

}  // namespace

// A decided change: the entry that records it, and how it edits the item once the entry has its
// seq and time.
struct EvidenceStore::Change {
  std::string kind;
  std::vector<ObjectEntry> metadata;
  std::function<void(ItemState&, const Attribution&)> apply;
  bool delete_blob = false;
};

EvidenceStore::EvidenceStore(Ledger& ledger, const Clock& clock, EvidenceOptions options)
    : ledger_(ledger), clock_(clock), options_(std::move(options)) {}

std::mutex& EvidenceStore::StripeFor(std::string_view tenant, const Hash& content_hash) {
  size_t h = std::hash<std::string_view>()(tenant);
  for (int i = 0; i < 8; ++i)
    h = h * 31 + content_hash[i];
  return stripes_[h % kStripes];
}

Result<std::optional<ItemState>> EvidenceStore::Load(std::string_view tenant,
                                                     const Hash& content_hash) const {
  TF_ASSIGN_OR_RETURN(std::optional<std::string> raw,
                      ledger_.store().ReadItem(EvidenceKey{std::string(tenant), content_hash}));
  if (!raw) return std::optional<ItemState>();
  TF_ASSIGN_OR_RETURN(ItemState item, ItemState::FromJson(*raw));
  return std::optional<ItemState>(std::move(item));
}

Result<EvidenceStore::PutResult> EvidenceStore::Put(std::string_view tenant, std::string content,
                                                    const Actor& actor, std::string media_type,
                                                    Value metadata) {
  TF_RETURN_IF_ERROR(ValidateTenant(tenant));
  if (content.size() > options_.max_content_bytes) {
    return Status(ErrorCode::kEvidenceTooLarge, "evidence is " + std::to_string(content.size()) +
                                                    " bytes; the limit is " +
                                                    std::to_string(options_.max_content_bytes));
  }
  if (media_type.empty() || media_type.size() > kMaxMediaTypeBytes) {
    return InvalidArgument("media type must be 1 to 255 bytes");
  }
  const Hash hash = Sha256(content);
  std::lock_guard lock(StripeFor(tenant, hash));
  TF_ASSIGN_OR_RETURN(std::optional<ItemState> existing, Load(tenant, hash));
  if (existing && !existing->purged()) {
    // Content addressing makes a second put of the same bytes a no-op.
    TF_ASSIGN_OR_RETURN(Receipt receipt, ledger_.GetReceipt(existing->stored.seq));
    return PutResult{std::move(*existing), std::move(receipt), false};
  }
  AppendRequest req;
  req.tenant = std::string(tenant);
  req.kind = "evidence.put";
  req.content_hash = hash;
  req.metadata =
      Value::Object({{Str("by"), Str(actor.id)},
                     {Str("size"), Value::FromNumber(Number::FromUint64(content.size()))},
                     {Str("media_type"), Str(media_type)},
                     {Str("metadata"), metadata}});
  ItemState fresh;
  fresh.tenant = std::string(tenant);
  fresh.content_hash = hash;
  fresh.size = content.size();
  fresh.media_type = media_type;
  auto shared = std::make_shared<const std::string>(std::move(content));
  auto state = std::make_shared<ItemState>();
  req.effects = [fresh, shared, state, by = actor.id](const Entry& e, WriteBatch& batch) {
    *state = fresh;
    state->stored = Attribution{by, e.time_nanos, e.seq};
    EvidenceKey key{e.tenant, e.content_hash};
    batch.PutBlob(key, *shared);
    batch.PutItem(key, state->ToJson());
  };
  TF_ASSIGN_OR_RETURN(Receipt receipt, ledger_.Append(std::move(req)));
  return PutResult{*state, std::move(receipt), true};
}

Result<EvidenceStore::Content> EvidenceStore::Get(std::string_view tenant,
                                                  const Hash& content_hash) const {
  TF_ASSIGN_OR_RETURN(ItemState item, Describe(tenant, content_hash));
  TF_RETURN_IF_ERROR(DecideRead(item));
  TF_ASSIGN_OR_RETURN(std::optional<std::string> bytes,
                      ledger_.store().ReadBlob(EvidenceKey{std::string(tenant), content_hash}));
  if (!bytes || Sha256(*bytes) != content_hash) {
    return Status(ErrorCode::kLedgerCorrupt,
                  "content of evidence " + HexEncode(content_hash) + " is missing or altered");
  }
  return Content{std::move(*bytes), std::move(item)};
}

Result<ItemState> EvidenceStore::Describe(std::string_view tenant, const Hash& content_hash) const {
  TF_RETURN_IF_ERROR(ValidateTenant(tenant));
  TF_ASSIGN_OR_RETURN(std::optional<ItemState> item, Load(tenant, content_hash));
  if (!item) return NotFoundDeny(tenant, content_hash);
  return std::move(*item);
}

Status EvidenceStore::List(std::string_view tenant,
                           const std::function<Status(const ItemState&)>& visit) const {
  TF_RETURN_IF_ERROR(ValidateTenant(tenant));
  return ledger_.store().ScanItems(tenant, [&](const Hash&, std::string_view raw) -> Status {
    TF_ASSIGN_OR_RETURN(ItemState item, ItemState::FromJson(raw));
    return visit(item);
  });
}

Result<Receipt> EvidenceStore::Mutate(std::string_view tenant, const Hash& content_hash,
                                      const Actor& actor, const Decide& decide) {
  TF_RETURN_IF_ERROR(ValidateTenant(tenant));
  if (actor.id.empty()) return InvalidArgument("every change to evidence needs a principal");
  std::lock_guard lock(StripeFor(tenant, content_hash));
  TF_ASSIGN_OR_RETURN(std::optional<ItemState> item, Load(tenant, content_hash));
  if (!item) return NotFoundDeny(tenant, content_hash);
  TF_ASSIGN_OR_RETURN(Change change, decide(*item, clock_.NowNanos()));
  AppendRequest req;
  req.tenant = std::string(tenant);
  req.kind = change.kind;
  req.content_hash = content_hash;
  change.metadata.push_back({Str("by"), Str(actor.id)});
  req.metadata = Value::Object(std::move(change.metadata));
  req.effects = [base = std::move(*item), apply = std::move(change.apply), by = actor.id,
                 delete_blob = change.delete_blob](const Entry& e, WriteBatch& batch) {
    ItemState next = base;  // Copied per call: a retried commit re-applies to the original.
    apply(next, Attribution{by, e.time_nanos, e.seq});
    EvidenceKey key{e.tenant, e.content_hash};
    if (delete_blob) batch.DeleteBlob(key);
    batch.PutItem(key, next.ToJson());
  };
  return ledger_.Append(std::move(req));
}

Result<Receipt> EvidenceStore::SetRetention(std::string_view tenant, const Hash& content_hash,
                                            RetentionMode mode, int64_t until, const Actor& actor,
                                            std::string reason) {
  TF_RETURN_IF_ERROR(ValidateReason(reason));
  return Mutate(
      tenant, content_hash, actor, [&](const ItemState& item, int64_t now) -> Result<Change> {
        TF_ASSIGN_OR_RETURN(RetentionDecision d, DecideRetention(item, mode, until, actor, now));
        Change c;
        c.kind = "evidence.retention";
        c.metadata = {{Str("mode"), Str(RetentionModeName(mode))},
                      {Str("until"), Str(FormatTimestamp(until))},
                      {Str("bypass_governance"), Value::Bool(d.uses_bypass)},
                      {Str("reason"), Str(reason)}};
        if (const RetentionLock* old = item.ActiveRetention(now)) {
          c.metadata.push_back({Str("previous"), Str(DescribeRetention(*old))});
        }
        c.apply = [mode, until](ItemState& next, const Attribution& a) {
          next.retention = RetentionLock{mode, until, a};
        };
        return c;
      });
}

Result<Receipt> EvidenceStore::RemoveRetention(std::string_view tenant, const Hash& content_hash,
                                               const Actor& actor, std::string reason) {
  TF_RETURN_IF_ERROR(ValidateReason(reason));
  return Mutate(
      tenant, content_hash, actor, [&](const ItemState& item, int64_t now) -> Result<Change> {
        if (!item.retention) {
          return Status(ErrorCode::kFailedPrecondition, "evidence has no retention lock to remove");
        }
        TF_ASSIGN_OR_RETURN(RetentionDecision d,
                            DecideRetention(item, std::nullopt, 0, actor, now));
        Change c;
        c.kind = "evidence.retention";
        c.metadata = {{Str("mode"), Value::Null()},
                      {Str("bypass_governance"), Value::Bool(d.uses_bypass)},
                      {Str("previous"), Str(DescribeRetention(*item.retention))},
                      {Str("reason"), Str(reason)}};
        c.apply = [](ItemState& next, const Attribution&) { next.retention.reset(); };
        return c;
      });
}

Result<Receipt> EvidenceStore::SetLegalHold(std::string_view tenant, const Hash& content_hash,
                                            std::string hold_id, const Actor& actor,
                                            std::string reason) {
  TF_RETURN_IF_ERROR(ValidateReason(reason));
  return Mutate(tenant, content_hash, actor, [&](const ItemState& item, int64_t) -> Result<Change> {
    TF_RETURN_IF_ERROR(DecideHold(item, hold_id, true));
    Change c;
    c.kind = "evidence.hold";
    c.metadata = {
        {Str("hold"), Str(hold_id)}, {Str("action"), Str("set")}, {Str("reason"), Str(reason)}};
    c.apply = [hold_id, reason](ItemState& next, const Attribution& a) {
      next.holds.push_back(LegalHold{hold_id, reason, a});
    };
    return c;
  });
}

Result<Receipt> EvidenceStore::ReleaseLegalHold(std::string_view tenant, const Hash& content_hash,
                                                std::string hold_id, const Actor& actor,
                                                std::string reason) {
  TF_RETURN_IF_ERROR(ValidateReason(reason));
  return Mutate(tenant, content_hash, actor, [&](const ItemState& item, int64_t) -> Result<Change> {
    TF_RETURN_IF_ERROR(DecideHold(item, hold_id, false));
    Change c;
    c.kind = "evidence.hold";
    c.metadata = {
        {Str("hold"), Str(hold_id)}, {Str("action"), Str("release")}, {Str("reason"), Str(reason)}};
    c.apply = [hold_id](ItemState& next, const Attribution&) {
      std::erase_if(next.holds, [&](const LegalHold& h) { return h.id == hold_id; });
    };
    return c;
  });
}

Result<Receipt> EvidenceStore::ApprovePurge(std::string_view tenant, const Hash& content_hash,
                                            const Actor& actor, std::string reason) {
  TF_RETURN_IF_ERROR(ValidateReason(reason));
  return Mutate(
      tenant, content_hash, actor, [&](const ItemState& item, int64_t now) -> Result<Change> {
        TF_RETURN_IF_ERROR(DecideApproval(item, actor, now, options_.policy));
        Change c;
        c.kind = "evidence.purge_approval";
        c.metadata = {{Str("reason"), Str(reason)}};
        const int64_t window = options_.policy.approval_window_nanos;
        c.apply = [reason, window](ItemState& next, const Attribution& a) {
          // Expired approvals are dropped as new ones arrive, so the list stays short.
          std::erase_if(next.approvals,
                        [&](const PurgeApproval& p) { return a.at - p.approved.at > window; });
          next.approvals.push_back(PurgeApproval{reason, a});
        };
        return c;
      });
}

Result<Receipt> EvidenceStore::Purge(std::string_view tenant, const Hash& content_hash,
                                     const Actor& actor, std::string reason) {
  TF_RETURN_IF_ERROR(ValidateReason(reason));
  if (reason.empty()) return InvalidArgument("a purge needs a reason");
  return Mutate(
      tenant, content_hash, actor, [&](const ItemState& item, int64_t now) -> Result<Change> {
        TF_ASSIGN_OR_RETURN(std::vector<PurgeApproval> approvals,
                            DecidePurge(item, now, options_.policy));
        Change c;
        c.kind = "evidence.purge";
        c.metadata = {
            {Str("reason"), Str(reason)},
            {Str("approvals"), ApprovalsValue(approvals)},
            {Str("size"), Value::FromNumber(Number::FromUint64(item.size))},
            {Str("stored_entry"), Value::FromNumber(Number::FromUint64(item.stored.seq))}};
        c.delete_blob = true;
        c.apply = [reason](ItemState& next, const Attribution& a) {
          next.purge = PurgeRecord{reason, a};
          next.approvals.clear();
        };
        return c;
      });
}

}  // namespace tf::ledger
