// File: ledger/internal/ledger_impl.h
//
// The private state and machinery of a `Ledger`, shared by ledger.cc (open, recovery, reads) and
// ledger_commit.cc (the group-commit writer queue and the commit itself).
//
// Locking: `mu_` guards the writer queue and the published head. The leader of a group commit
// releases `mu_` while it builds and writes the batch (as LevelDB's DBImpl::Write does), so new
// writers can queue behind it. Only the current leader touches `commit_head_`, which therefore
// needs no lock: leadership passes between threads only through `mu_`.
#ifndef TF_LEDGER_INTERNAL_LEDGER_IMPL_H_
#define TF_LEDGER_INTERNAL_LEDGER_IMPL_H_

#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "ledger/internal/entry_encoder.h"
#include "ledger/internal/frontier.h"
#include "ledger/internal/group_proofs.h"
#include "ledger/internal/mutex.h"
#include "ledger/internal/node_cache.h"
#include "ledger/ledger.h"

namespace tf::ledger {

class Ledger::Impl {
 public:
  explicit Impl(LedgerOptions options);
  ~Impl();

  // Creates a new log in an empty store, or checks the stored key and origin; then loads and
  // verifies the tree head. Starts the async pump for a writable ledger.
  Status Init();

  // Validates and encodes requests on the caller's thread, then commits them as one writer.
  Result<std::vector<Receipt>> AppendSync(std::vector<AppendRequest> requests);
  void AppendAsync(AppendRequest request, AppendCallback done);

  TreeHead PublishedHead() const TF_EXCLUDES(mu_);
  LedgerStats Stats() const TF_EXCLUDES(mu_);
  // Reads nodes through the cache, then the store. Valid for any tree size up to the head.
  internal::StoreNodeReader NodeReader() const {
    return internal::StoreNodeReader(cache_, *store_);
  }

  Store* const store_;
  const Clock* const clock_;
  const std::optional<NoteSigner> signer_;
  const size_t max_batch_entries_;
  const std::chrono::nanoseconds group_window_;
  const std::string requested_origin_;
  NoteVerifier verifier_;
  std::string origin_;

 private:
  struct Head {
    internal::Frontier frontier;
    Hash root{};
    std::string checkpoint;
    int64_t last_time = 0;  // Newest entry's time; entry times never go backwards.
  };
  struct Writer;
  // The blocking writers a group commit hands back, woken after mu_ is released (Wake).
  struct Wakeups {
    Writer* next_leader = nullptr;
    std::vector<Writer*> done;
  };
  // What the receipts of a committed group need: the nodes its proofs are made of (the old
  // peaks and the group's new nodes), the tree after it, its checkpoint and time.
  struct CommittedGroup {
    internal::NodeWindow window;
    internal::Frontier head;
    std::string checkpoint;
    int64_t time = 0;
    uint64_t first_seq = 0;
  };
  // A group's asynchronous writers, each with its first seq, for the finisher thread.
  struct Completion {
    Status status;
    CommittedGroup group;
    std::vector<std::pair<Writer*, uint64_t>> writers;
  };

  Status CreateLog();
  // Reads the latest checkpoint, verifies its signature and that the stored nodes produce its
  // root, and makes it the head. Used on open and after another writer moved the head.
  Status LoadHead() TF_EXCLUDES(mu_);
  Result<Writer*> Prepare(std::vector<AppendRequest> requests, std::unique_ptr<Writer>& owned);

  // Queue discipline (ledger_commit.cc).
  Status Enqueue(Writer* w) TF_REQUIRES(mu_);
  // Commits the group at the front of the queue; the blocking writers to wake afterwards go to
  // `wakeups`.
  void LeadGroup(Wakeups& wakeups) TF_REQUIRES(mu_);
  void Wake(Wakeups& wakeups) TF_EXCLUDES(mu_);
  void PumpLoop() TF_EXCLUDES(mu_);
  Status CommitGroup(const std::vector<Writer*>& group, size_t count, CommittedGroup& out)
      TF_EXCLUDES(mu_);
  Status TryCommitGroup(const std::vector<Writer*>& group, size_t count, CommittedGroup& out)
      TF_EXCLUDES(mu_);
  // Fills the receipts of a committed group's blocking writers (on the leader's thread).
  void BuildBlockingReceipts(const std::vector<Writer*>& group,
                             const CommittedGroup& committed) const TF_EXCLUDES(mu_);
  void FinishLoop() TF_EXCLUDES(mu_);
  void RunCallbacks(Completion& done) const;
  // Fills a writer's receipts, moving its requests into them.
  static Status BuildReceipts(Writer& w, uint64_t first_seq, const CommittedGroup& group,
                              const internal::GroupProofs& proofs);

  internal::NodeCache cache_;
  mutable internal::Mutex mu_;
  std::deque<Writer*> writers_ TF_GUARDED_BY(mu_);
  Head head_ TF_GUARDED_BY(mu_);
  // Set when a commit failed in a way that leaves the store's state unknown: every later append
  // fails with it until the ledger is reopened, which re-reads and re-verifies the store
  // (LevelDB's bg_error_).
  Status sticky_error_ TF_GUARDED_BY(mu_);
  bool shutting_down_ TF_GUARDED_BY(mu_) = false;
  LedgerStats stats_ TF_GUARDED_BY(mu_);
  // Committed groups whose asynchronous writers' receipts and callbacks are still to run, on
  // the finisher thread, so leaders go on with the next group meanwhile.
  std::deque<std::unique_ptr<Completion>> completions_ TF_GUARDED_BY(mu_);
  size_t finishing_ TF_GUARDED_BY(mu_) = 0;  // Writers in completions_ or being finished.
  bool commit_loop_done_ TF_GUARDED_BY(mu_) = false;
  size_t last_group_writers_ TF_GUARDED_BY(mu_) = 0;  // Writers in the latest group commit.
  // Wakes the thread that leads groups whose first writer is asynchronous.
  internal::CondVar pump_cv_{&mu_};
  // Wakes the finisher thread when a completion arrives at an empty queue.
  internal::CondVar finish_cv_{&mu_};
  std::thread pump_;
  std::thread finisher_;
  Head commit_head_;  // Leader only; see the file comment.
};

}  // namespace tf::ledger

#endif  // TF_LEDGER_INTERNAL_LEDGER_IMPL_H_
