#include "ledger/worm/worm_rules.h"

#include <set>

#include "core/encoding.h"
#include "ledger/timestamp.h"

namespace tf::ledger {
namespace {

std::string Item(const ItemState& item) {
  return "evidence " + HexEncode(item.content_hash) + " of tenant " + item.tenant;
}

std::string Who(const Attribution& a) {
  return "by " + a.by + " at " + FormatTimestamp(a.at) + " (entry " + std::to_string(a.seq) + ")";
}

Status Deny(ErrorCode code, std::string rule, std::string message) {
  return Status(code, "rule " + rule + ": " + message);
}

Status PurgedDeny(const ItemState& item) {
  return Deny(ErrorCode::kEvidencePurged, "purged",
              Item(item) + " was purged " + Who(item.purge->purged) + ": " + item.purge->reason);
}

}  // namespace

std::string DescribeRetention(const RetentionLock& lock) {
  return std::string(RetentionModeName(lock.mode)) + " retention lock set " + Who(lock.set) +
         " until " + FormatTimestamp(lock.until);
}

Result<RetentionDecision> DecideRetention(const ItemState& item, std::optional<RetentionMode> mode,
                                          int64_t until, const Actor& actor, int64_t now) {
  if (item.purged()) return PurgedDeny(item);
  if (mode && until <= now) {
    return InvalidArgument("retention must end in the future, not at " + FormatTimestamp(until));
  }
  RetentionDecision d;
  const RetentionLock* active = item.ActiveRetention(now);
  if (active == nullptr) return d;  // No lock in force: anything goes, including removal.
  // Extending keeps or strengthens the lock: same or stricter mode, same or later end.
  const bool extends =
      mode && until >= active->until &&
      (*mode == RetentionMode::kCompliance || active->mode == RetentionMode::kGovernance);
  if (extends) return d;
  const std::string change =
      mode ? "to " + std::string(RetentionModeName(*mode)) + " until " + FormatTimestamp(until)
           : std::string("removal");
  if (active->mode == RetentionMode::kCompliance) {
    return Deny(ErrorCode::kRetentionShortenDenied, "compliance-retention",
                Item(item) + " is under a " + DescribeRetention(*active) +
                    "; compliance locks can only be extended, so the change " + change +
                    " is refused for everyone");
  }
  if (!actor.can_bypass_governance) {
    return Deny(ErrorCode::kGovernanceBypassRequired, "governance-retention",
                Item(item) + " is under a " + DescribeRetention(*active) + "; the change " +
                    change +
                    " shortens or weakens it and needs the bypass-governance permission, "
                    "which " +
                    actor.id + " does not have");
  }
  d.uses_bypass = true;
  return d;
}

Status DecideHold(const ItemState& item, const std::string& hold_id, bool set) {
  if (item.purged()) return PurgedDeny(item);
  if (hold_id.empty()) return InvalidArgument("a legal hold needs a name");
  for (const LegalHold& h : item.holds) {
    if (h.id == hold_id) {
      if (!set) return Status::Ok();
      return Status(ErrorCode::kAlreadyExists, "legal hold \"" + hold_id + "\" is already set on " +
                                                   Item(item) + " " + Who(h.set));
    }
  }
  if (set) return Status::Ok();
  return Status(ErrorCode::kFailedPrecondition,
                "there is no legal hold \"" + hold_id + "\" on " + Item(item));
}

Status DecideApproval(const ItemState& item, const Actor& actor, int64_t now,
                      const WormPolicy& policy) {
  if (item.purged()) return PurgedDeny(item);
  if (actor.id.empty()) return InvalidArgument("an approval needs a principal");
  for (const PurgeApproval& a : item.approvals) {
    if (a.approved.by == actor.id && now - a.approved.at <= policy.approval_window_nanos) {
      return Deny(ErrorCode::kDuplicateApproval, "dual-control",
                  actor.id + " already approved purging " + Item(item) + " " + Who(a.approved) +
                      "; a second approval must come from a different principal");
    }
  }
  return Status::Ok();
}

Result<std::vector<PurgeApproval>> DecidePurge(const ItemState& item, int64_t now,
                                               const WormPolicy& policy) {
  if (item.purged()) return PurgedDeny(item);
  if (const RetentionLock* lock = item.ActiveRetention(now)) {
    return Deny(ErrorCode::kRetentionActive,
                std::string(RetentionModeName(lock->mode)) + "-retention",
                Item(item) + " is under a " + DescribeRetention(*lock) +
                    "; it cannot be purged before then");
  }
  if (!item.holds.empty()) {
    std::string list;
    for (const LegalHold& h : item.holds) {
      if (!list.empty()) list += "; ";
      list += "\"" + h.id + "\" set " + Who(h.set) + " (" + h.reason + ")";
    }
    return Deny(ErrorCode::kLegalHoldActive, "legal-hold",
                Item(item) + " is under legal hold: " + list +
                    "; holds have no expiry and must "
                    "be released before a purge");
  }
  std::vector<PurgeApproval> counted;
  std::set<std::string> principals;
  for (const PurgeApproval& a : item.approvals) {
    if (now - a.approved.at > policy.approval_window_nanos) continue;  // Expired.
    if (principals.insert(a.approved.by).second) counted.push_back(a);
  }
  if (counted.size() < policy.required_approvals) {
    std::string who;
    for (const PurgeApproval& a : counted)
      who += (who.empty() ? "" : ", ") + a.approved.by;
    return Deny(ErrorCode::kPurgeApprovalsInsufficient, "dual-control",
                "purging " + Item(item) + " needs approvals from " +
                    std::to_string(policy.required_approvals) +
                    " distinct principals within the last " +
                    std::to_string(policy.approval_window_nanos / 1'000'000'000) + " s; it has " +
                    std::to_string(counted.size()) + (who.empty() ? "" : " (" + who + ")"));
  }
  return counted;
}

Status DecideRead(const ItemState& item) {
  if (item.purged()) return PurgedDeny(item);
  return Status::Ok();
}

}  // namespace tf::ledger
