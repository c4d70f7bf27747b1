// File: ledger/ledger.h
//
// `Ledger`: the append-only evidence log. It sequences entries, extends the RFC 9162 Merkle tree,
// signs a C2SP checkpoint after every batch and hands out receipts and proofs. Appends use group
// commit in the style of LevelDB's DBImpl::Write: concurrent callers queue up, the caller at the
// front commits everyone queued behind it in one atomic, synced Store write, and a single
// checkpoint covers the whole batch. An append returns only after its entry is durable,
// integrated into the tree and covered by a signed checkpoint, so its receipt verifies offline.
//
//   tf::ledger::LedgerOptions options;
//   options.store = store.get();          // RocksDbStore or MemoryStore
//   options.clock = &clock;
//   options.signer = signer;               // omit for a read-only ledger
//   TF_ASSIGN_OR_RETURN(std::unique_ptr<Ledger> ledger, Ledger::Open(std::move(options)));
//   TF_ASSIGN_OR_RETURN(Receipt receipt, ledger->Append({.tenant = "acme", .kind = "decision",
//                                                        .content_hash = h, .metadata = m}));
//
// Thread safety: every method may be called from any thread at any time. Readers never wait for
// a commit in progress: they see the last published tree head.
#ifndef TF_LEDGER_LEDGER_H_
#define TF_LEDGER_LEDGER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "core/value.h"
#include "ledger/entry.h"
#include "ledger/merkle_hash.h"
#include "ledger/note_key.h"
#include "ledger/receipt.h"
#include "ledger/store.h"

namespace tf::ledger {

struct LedgerOptions {
  // REQUIRED. Not owned; must outlive the Ledger.
  Store* store = nullptr;
  // REQUIRED. Not owned. Stamps entries; times never go backwards within a log.
  const Clock* clock = nullptr;
  // The log's signing key. Without it the ledger is read-only (appends fail). A new log takes
  // this key for life: reopening with another key fails with kSigningKeyMismatch.
  std::optional<NoteSigner> signer;
  // Checkpoint origin line; defaults to the signer's key name. Fixed when the log is created.
  std::string origin;
  // Upper bound on entries in one group commit (one synced write, one checkpoint).
  size_t max_batch_entries = 8192;
  // How long the commit thread lets asynchronous appends gather before it commits them, when the
  // previous group held more than one writer (appends arriving as a stream). Each group costs a
  // checkpoint signature and a synced write whatever its size, so a short wait under load buys
  // fewer, larger groups for up to this much latency per append. 0 commits at once; a lone
  // append and blocking writers never wait.
  int64_t group_window_nanos = 0;
  // Nodes at or above this level are kept in memory (see internal/node_cache.h).
  int cached_node_min_level = 8;
};

struct AppendRequest {
  std::string tenant;
  std::string kind;
  Hash content_hash{};
  Value metadata = Value::EmptyObject();
  // Storage changes to commit atomically with this entry (the evidence store uses it to write
  // blobs and WORM state in the same batch). Called once, on the committing thread, with the
  // entry as sequenced; must not block or call back into the Ledger.
  std::function<void(const Entry& entry, WriteBatch& batch)> effects;
};

// The latest signed state of the log.
struct TreeHead {
  uint64_t size = 0;
  Hash root{};
  std::string checkpoint;  // Signed note.
};

// Counters for metrics and tests. A snapshot; values only grow except pending_writers.
struct LedgerStats {
  uint64_t commits = 0;          // Group commits (synced store writes) since open.
  uint64_t entries = 0;          // Entries appended since open.
  uint64_t largest_batch = 0;    // Most entries committed in one group.
  uint64_t pending_writers = 0;  // Writers queued or being committed right now.
};

class Ledger {
 public:
  using AppendCallback = std::function<void(Result<Receipt>)>;

  static Result<std::unique_ptr<Ledger>> Open(LedgerOptions options);
  // Completes queued asynchronous appends, then stops. REQUIRES: no other call in progress.
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Appends one entry and blocks until it is durable and covered by a signed checkpoint.
  // kEntryInvalid for a bad request; after a storage failure every append fails with that error
  // until the ledger is reopened (the store's state is then re-read and verified).
  Result<Receipt> Append(AppendRequest request);
  // Appends all requests with consecutive sequence numbers in one commit.
  Result<std::vector<Receipt>> AppendBatch(std::vector<AppendRequest> requests);
  // Queues one entry and returns at once; `done` runs exactly once, on a ledger thread, when the
  // entry is committed or has failed. Many appends in flight share commits, which is how one
  // thread reaches the full group-commit throughput. `done` must not block.
  void AppendAsync(AppendRequest request, AppendCallback done);

  TreeHead Head() const;
  LedgerStats Stats() const;
  const NoteVerifier& verifier() const;
  const std::string& origin() const;
  bool read_only() const;
  Store& store() const;

  // The entry at `seq`. With a tenant, entries of other tenants are kNotFound (they exist, but
  // not for this caller).
  Result<Entry> GetEntry(uint64_t seq, std::optional<std::string_view> tenant = std::nullopt) const;
  // A receipt for the entry at `leaf` against the current tree head.
  Result<Receipt> GetReceipt(uint64_t leaf,
                             std::optional<std::string_view> tenant = std::nullopt) const;
  // RFC 9162 proofs against tree sizes up to the current head (kTreeSizeOutOfRange beyond).
  Result<std::vector<Hash>> InclusionProof(uint64_t leaf, uint64_t tree_size) const;
  Result<std::vector<Hash>> ConsistencyProof(uint64_t from_size, uint64_t to_size) const;
  // The signed checkpoint the log issued for `tree_size` (one per committed batch); kNotFound
  // for sizes that were never a tree head.
  Result<std::string> CheckpointAt(uint64_t tree_size) const;

 private:
  class Impl;
  explicit Ledger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tf::ledger

#endif  // TF_LEDGER_LEDGER_H_
