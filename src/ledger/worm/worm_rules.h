// File: ledger/worm/worm_rules.h
//
// The write-once rules as pure decisions over an ItemState: no storage, no clock (the caller
// passes `now`). Each refusal is an explainable deny: a stable error code for the rule, and a
// message naming the lock or hold, who set it, when, and until when. Callers branch on the code;
// the message is for people.
//
//   rule                         refusal code
//   compliance lock in force     kRetentionShortenDenied (shorten, downgrade, remove)
//   governance lock in force     kGovernanceBypassRequired (shorten, downgrade, remove)
//   any lock in force            kRetentionActive (purge)
//   legal hold present           kLegalHoldActive (purge)
//   fewer than two approvers     kPurgeApprovalsInsufficient (purge)
//   same approver twice          kDuplicateApproval
//   item purged                  kEvidencePurged (read, lock, hold, approve, purge)
#ifndef TF_LEDGER_WORM_WORM_RULES_H_
#define TF_LEDGER_WORM_WORM_RULES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "ledger/worm/item_state.h"

namespace tf::ledger {

// A principal as the caller (the server's auth layer, the CLI) established it.
struct Actor {
  std::string id;
  // S3's s3:BypassGovernanceRetention: may shorten or remove a governance-mode lock.
  bool can_bypass_governance = false;
};

struct WormPolicy {
  // Purge approvals count only if given within this window before the purge.
  int64_t approval_window_nanos = int64_t{24} * 3600 * 1'000'000'000;
  // Distinct principals whose approvals a purge needs.
  size_t required_approvals = 2;
};

struct RetentionDecision {
  bool uses_bypass = false;  // The change relies on the bypass permission; it is logged as such.
};

// Setting (mode, until) or, with no mode, removing the retention lock.
Result<RetentionDecision> DecideRetention(const ItemState& item, std::optional<RetentionMode> mode,
                                          int64_t until, const Actor& actor, int64_t now);
// Setting (set = true) or releasing a legal hold named `hold_id`.
Status DecideHold(const ItemState& item, const std::string& hold_id, bool set);
Status DecideApproval(const ItemState& item, const Actor& actor, int64_t now,
                      const WormPolicy& policy);
// On success, the approvals that authorise the purge.
Result<std::vector<PurgeApproval>> DecidePurge(const ItemState& item, int64_t now,
                                               const WormPolicy& policy);
Status DecideRead(const ItemState& item);

// "compliance retention lock set by alice at 2026-…Z (entry 12) until 2027-…Z"
std::string DescribeRetention(const RetentionLock& lock);

}  // namespace tf::ledger

#endif  // TF_LEDGER_WORM_WORM_RULES_H_
