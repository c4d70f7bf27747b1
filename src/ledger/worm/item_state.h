// File: ledger/worm/item_state.h
//
// `ItemState`: the write-once state of one evidence item (one tenant's copy of one content
// hash): who stored it, its retention lock, its legal holds, pending purge approvals, and the
// purge, if any. Every change to it is made together with the ledger entry that records the
// change (see evidence_store.h), and every record here names that entry's seq, so the state can
// be checked against the log. Stored as canonical JSON.
#ifndef TF_LEDGER_WORM_ITEM_STATE_H_
#define TF_LEDGER_WORM_ITEM_STATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "ledger/merkle_hash.h"

namespace tf::ledger {

// S3 Object Lock's two modes. Governance: can be shortened or removed only with the bypass
// permission, and that use is logged. Compliance: can only be extended, by anyone, never
// shortened or removed, until it expires.
enum class RetentionMode : uint8_t { kGovernance, kCompliance };

std::string_view RetentionModeName(RetentionMode mode);
Result<RetentionMode> ParseRetentionMode(std::string_view name);

// Who did something, and when, as recorded in the log.
struct Attribution {
  std::string by;
  int64_t at = 0;    // Entry time, Unix nanoseconds.
  uint64_t seq = 0;  // The entry that recorded it.
};

struct RetentionLock {
  RetentionMode mode = RetentionMode::kGovernance;
  int64_t until = 0;  // Unix nanoseconds; the lock is active while now < until.
  Attribution set;
};

struct LegalHold {
  std::string id;
  std::string reason;
  Attribution set;
};

struct PurgeApproval {
  std::string reason;
  Attribution approved;
};

struct PurgeRecord {
  std::string reason;
  Attribution purged;
};

struct ItemState {
  std::string tenant;
  Hash content_hash{};
  uint64_t size = 0;
  std::string media_type;
  Attribution stored;
  std::optional<RetentionLock> retention;
  std::vector<LegalHold> holds;
  std::vector<PurgeApproval> approvals;
  std::optional<PurgeRecord> purge;

  bool purged() const { return purge.has_value(); }
  // The retention lock if it is still in force at `now`.
  const RetentionLock* ActiveRetention(int64_t now) const;

  Value ToValue() const;
  std::string ToJson() const;  // Canonical.
  static Result<ItemState> FromJson(std::string_view json);
};

}  // namespace tf::ledger

#endif  // TF_LEDGER_WORM_ITEM_STATE_H_
