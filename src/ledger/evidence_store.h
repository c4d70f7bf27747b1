// File: ledger/evidence_store.h
//
// `EvidenceStore`: content-addressed evidence with write-once rules, on top of a Ledger. Content
// blobs live in the store's blob space, apart from the Merkle tree; the tree holds only entries
// that name the content's SHA-256. So a purge deletes the blob and leaves every leaf, node,
// checkpoint and receipt intact: old receipts still verify, the content is simply gone.
//
// Every mutation is a ledger entry committed atomically with the state change it records:
//
//   kind                        when
//   evidence.put                content stored (or stored again after a purge)
//   evidence.retention          retention lock set, extended, shortened or removed
//   evidence.hold               legal hold set or released
//   evidence.purge_approval     a principal approves purging
//   evidence.purge              the purge attestation: who, why, approvals, content hash
//
// Refusals are explainable denies from worm_rules.h. Items are per tenant: one tenant can neither
// see nor affect another's items (both get kEvidenceNotFound).
//
// Thread safety: all methods are thread-safe. Changes to one item are serialised (striped locks),
// so each decision sees the state its entry will replace. One process per store: the stripes do
// not coordinate across processes.
#ifndef TF_LEDGER_EVIDENCE_STORE_H_
#define TF_LEDGER_EVIDENCE_STORE_H_

#include <array>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "core/value.h"
#include "ledger/ledger.h"
#include "ledger/worm/item_state.h"
#include "ledger/worm/worm_rules.h"

namespace tf::ledger {

struct EvidenceOptions {
  WormPolicy policy;
  size_t max_content_bytes = size_t{64} << 20;
};

class EvidenceStore {
 public:
  // `ledger` and `clock` are not owned and must outlive the store. The clock decides whether a
  // lock has expired and whether approvals are fresh.
  EvidenceStore(Ledger& ledger, const Clock& clock, EvidenceOptions options = {});

  struct PutResult {
    ItemState item;
    Receipt receipt;       // Of the evidence.put entry.
    bool created = false;  // False when the content was already stored (nothing appended).
  };
  // Stores `content` for `tenant`. Storing content that is already stored is idempotent and
  // returns the original receipt. kEvidenceTooLarge beyond max_content_bytes.
  Result<PutResult> Put(std::string_view tenant, std::string content, const Actor& actor,
                        std::string media_type = "application/octet-stream",
                        Value metadata = Value::EmptyObject());

  struct Content {
    std::string bytes;
    ItemState item;
  };
  // kEvidenceNotFound, or kEvidencePurged naming who purged it and when.
  Result<Content> Get(std::string_view tenant, const Hash& content_hash) const;
  // The item's state, also after a purge.
  Result<ItemState> Describe(std::string_view tenant, const Hash& content_hash) const;
  // Visits the tenant's items in content-hash order.
  Status List(std::string_view tenant, const std::function<Status(const ItemState&)>& visit) const;

  // Sets or changes the retention lock (see worm_rules.h for what is allowed).
  Result<Receipt> SetRetention(std::string_view tenant, const Hash& content_hash,
                               RetentionMode mode, int64_t until, const Actor& actor,
                               std::string reason);
  Result<Receipt> RemoveRetention(std::string_view tenant, const Hash& content_hash,
                                  const Actor& actor, std::string reason);
  Result<Receipt> SetLegalHold(std::string_view tenant, const Hash& content_hash,
                               std::string hold_id, const Actor& actor, std::string reason);
  Result<Receipt> ReleaseLegalHold(std::string_view tenant, const Hash& content_hash,
                                   std::string hold_id, const Actor& actor, std::string reason);
  Result<Receipt> ApprovePurge(std::string_view tenant, const Hash& content_hash,
                               const Actor& actor, std::string reason);
  // Deletes the content (never the leaf) and appends the purge attestation.
  Result<Receipt> Purge(std::string_view tenant, const Hash& content_hash, const Actor& actor,
                        std::string reason);

 private:
  struct Change;
  // Decides a change to `item` at `now`: a deny, or the entry to append and how it edits the
  // item once the entry has its seq and time.
  using Decide = std::function<Result<struct Change>(const ItemState& item, int64_t now)>;

  // Under the item's stripe lock: loads the state, decides, and appends the entry with the new
  // item state (and any blob deletion) as its effects, so both commit atomically.
  Result<Receipt> Mutate(std::string_view tenant, const Hash& content_hash, const Actor& actor,
                         const Decide& decide);
  Result<std::optional<ItemState>> Load(std::string_view tenant, const Hash& content_hash) const;
  std::mutex& StripeFor(std::string_view tenant, const Hash& content_hash);

  static constexpr size_t kStripes = 64;
  Ledger& ledger_;
  const Clock& clock_;
  const EvidenceOptions options_;
  std::array<std::mutex, kStripes> stripes_;
};

}  // namespace tf::ledger

#endif  // TF_LEDGER_EVIDENCE_STORE_H_
