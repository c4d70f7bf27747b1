// Ledger: the append side. Group commit follows LevelDB's DBImpl::Write: each append becomes a
// Writer in a queue; the writer at the front leads: it takes everyone queued behind it (up to
// max_batch_entries) as one group, releases the lock, and commits the group as one atomic synced
// Store write under one signed checkpoint. Meanwhile new writers queue up and form the next group,
// whose leader is woken as soon as the sync returns, so the cost of a sync is shared by every
// append that arrived during the previous one. Each blocking writer is woken once, when its group
// is done (or when it becomes the leader), and sleeps on its own mutex: the leader wakes writers
// after releasing mu_, so a woken writer returns at once instead of queueing for mu_ behind the
// leader and every other woken writer (RocksDB's WriteThread does the same).
//
// Asynchronous writers have no thread of their own: when one reaches the front, the pump thread
// leads its group. Their receipts and callbacks are made on the finisher thread, in commit order,
// so leaders do not spend their time on them.
//
// Why a blocking writer leads rather than one commit thread: on a loaded machine the scheduler
// wakes a writer that mostly sleeps sooner than a thread that does every commit's CPU work, and
// the handoff to a dedicated thread made 64 blocking writers 1.6x slower (docs/PERFORMANCE.md).
#include <algorithm>

#include "ledger/checkpoint.h"
#include "ledger/internal/group_proofs.h"
#include "ledger/internal/ledger_impl.h"
#include "ledger/merkle_tree.h"
#include "ledger/proof_verify.h"
#include "ledger/timestamp.h"

namespace tf::ledger {

using internal::MutexLock;

struct Ledger::Impl::Writer {
  // What a blocking writer is woken for.
  enum class Wake { kNone, kLead, kDone };

  struct Pending {
    AppendRequest request;
    internal::EncodedEntry encoded;
  };
  std::vector<Pending> entries;
  AppendCallback callback;  // Set for asynchronous writers, which the queue owns.
  Status status;            // Set by the leader before it wakes the writer kDone.
  std::vector<Receipt> receipts;

  // Called by another thread, which must not touch the writer afterwards: once it sees kDone,
  // the writer's thread returns and frees it. Signalling under wake_mu keeps the writer from
  // seeing the change (and returning) before the signal is sent.
  void WakeFor(Wake why) {
    MutexLock lock(&wake_mu);
    wake = why;
    wake_cv.Signal();
  }
  // Sleeps until woken; returns why and clears kLead, so the writer's next wait is for kDone.
  Wake AwaitWake() {
    MutexLock lock(&wake_mu);
    while (wake == Wake::kNone)
      wake_cv.Wait();
    const Wake why = wake;
    if (why == Wake::kLead) wake = Wake::kNone;
    return why;
  }

  internal::Mutex wake_mu;
  internal::CondVar wake_cv{&wake_mu};
  Wake wake TF_GUARDED_BY(wake_mu) = Wake::kNone;
};

namespace {

// Another process may share the store (the SQL backend); after a conflict the head is re-read
// and the group re-sequenced on top of it.
constexpr int kMaxConflictRetries = 3;
// Leaf bytes besides the encoded head and the tenant: the seq, the time and the member names.
constexpr size_t kLeafTailBytes = 64;

Entry MakeEntry(const AppendRequest& request, uint64_t seq, int64_t time) {
  Entry e;
  e.seq = seq;
  e.tenant = request.tenant;
  e.kind = request.kind;
  e.content_hash = request.content_hash;
  e.metadata = request.metadata;
  e.time_nanos = time;
  return e;
}

// The committed entry for its receipt; the request is not used again.
Entry TakeEntry(AppendRequest& request, uint64_t seq, int64_t time) {
  Entry e;
  e.seq = seq;
  e.tenant = std::move(request.tenant);
  e.kind = std::move(request.kind);
  e.content_hash = request.content_hash;
  e.metadata = std::move(request.metadata);
  e.time_nanos = time;
  return e;
}

}  // namespace

Ledger::Impl::~Impl() {
  {
    MutexLock lock(&mu_);
    shutting_down_ = true;
    pump_cv_.Signal();
  }
  if (pump_.joinable()) pump_.join();
  {
    MutexLock lock(&mu_);
    commit_loop_done_ = true;
    finish_cv_.Signal();
  }
  if (finisher_.joinable()) finisher_.join();
}

Result<Ledger::Impl::Writer*> Ledger::Impl::Prepare(std::vector<AppendRequest> requests,
                                                    std::unique_ptr<Writer>& owned) {
  if (!signer_)
    return FailedPrecondition("ledger is read-only: it was opened without a signing key");
  owned = std::make_unique<Writer>();
  owned->entries.reserve(requests.size());
  for (AppendRequest& r : requests) {
    // Canonicalising metadata is the costly part of an entry; doing it here, on the caller's
    // thread, keeps it off the leader's critical path.
    TF_ASSIGN_OR_RETURN(internal::EncodedEntry encoded,
                        internal::EncodeEntry(r.tenant, r.kind, r.content_hash, r.metadata));
    owned->entries.push_back({std::move(r), std::move(encoded)});
  }
  return owned.get();
}

Result<std::vector<Receipt>> Ledger::Impl::AppendSync(std::vector<AppendRequest> requests) {
  std::unique_ptr<Writer> owned;
  TF_ASSIGN_OR_RETURN(Writer * w, Prepare(std::move(requests), owned));
  Wakeups wakeups;
  {
    MutexLock lock(&mu_);
    TF_RETURN_IF_ERROR(Enqueue(w));
    if (writers_.front() == w) LeadGroup(wakeups);
  }
  Wake(wakeups);
  // A writer that leads is in its own group, so after leading it finds itself done.
  while (w->AwaitWake() == Writer::Wake::kLead) {
    {
      MutexLock lock(&mu_);
      LeadGroup(wakeups);
    }
    Wake(wakeups);
  }
  if (!w->status.ok()) return w->status;
  return std::move(w->receipts);
}

void Ledger::Impl::Wake(Wakeups& wakeups) {
  // The next leader first: its commit is what everyone queued behind it waits for.
  if (wakeups.next_leader != nullptr) wakeups.next_leader->WakeFor(Writer::Wake::kLead);
  for (Writer* w : wakeups.done)
    w->WakeFor(Writer::Wake::kDone);
  wakeups.next_leader = nullptr;
  wakeups.done.clear();
}

void Ledger::Impl::AppendAsync(AppendRequest request, AppendCallback done) {
  std::unique_ptr<Writer> owned;
  std::vector<AppendRequest> one;
  one.push_back(std::move(request));
  Result<Writer*> w = Prepare(std::move(one), owned);
  if (!w.ok()) {
    done(w.status());
    return;
  }
  owned->callback = std::move(done);
  Status s;
  {
    MutexLock lock(&mu_);
    s = Enqueue(owned.get());
    if (s.ok()) owned.release();  // The queue owns it now.
  }
  if (!s.ok()) owned->callback(s);
}

Status Ledger::Impl::Enqueue(Writer* w) {
  if (shutting_down_) {
    // Only reachable if the caller races the destructor, which the contract forbids; fail
    // cleanly rather than queue work no one will run.
    return FailedPrecondition("ledger is closing");
  }
  writers_.push_back(w);
  if (writers_.front() == w && w->callback) pump_cv_.Signal();
  return Status::Ok();
}

void Ledger::Impl::PumpLoop() {
  MutexLock lock(&mu_);
  Wakeups wakeups;
  bool gathered = false;  // The group at the front has had its window.
  while (true) {
    const bool ready = !writers_.empty() && writers_.front()->callback;
    if (ready && !gathered && group_window_.count() > 0 && last_group_writers_ > 1 &&
        !shutting_down_) {
      // Appends are arriving as a stream: let more of them join this group (one signature and
      // one synced write for all). Writers queue meanwhile; shutdown cuts the wait short.
      gathered = true;
      pump_cv_.WaitFor(group_window_);
    } else if (ready) {
      gathered = false;
      LeadGroup(wakeups);
      if (wakeups.next_leader != nullptr || !wakeups.done.empty()) {
        mu_.Unlock();
        Wake(wakeups);
        mu_.Lock();
      }
    } else if (shutting_down_ && writers_.empty()) {
      return;
    } else {
      pump_cv_.Wait();
    }
  }
}

void Ledger::Impl::LeadGroup(Wakeups& wakeups) {
  // REQUIRES: writers_.front() is the writer this thread leads for. The group stays queued
  // while it commits, so writers arriving meanwhile wait behind it.
  std::vector<Writer*> group;
  size_t count = 0;
  for (Writer* w : writers_) {
    if (!group.empty() && count + w->entries.size() > max_batch_entries_) break;
    group.push_back(w);
    count += w->entries.size();
  }
  auto done = std::make_unique<Completion>();
  Status status = sticky_error_;
  if (status.ok()) {
    // Unlocked while committing: new writers queue behind the group and form the next one.
    mu_.Unlock();
    status = CommitGroup(group, count, done->group);
    if (status.ok()) BuildBlockingReceipts(group, done->group);
    mu_.Lock();
    if (!status.ok() && status.code() != ErrorCode::kLedgerConflict) sticky_error_ = status;
    last_group_writers_ = group.size();
    if (status.ok()) {
      ++stats_.commits;
      stats_.entries += count;
      stats_.largest_batch = std::max<uint64_t>(stats_.largest_batch, count);
    }
  }
  done->status = status;
  uint64_t seq = done->group.first_seq;
  for (Writer* w : group) {
    writers_.pop_front();
    if (w->callback) {
      done->writers.emplace_back(w, seq);
    } else {
      if (!status.ok()) w->status = status;
      wakeups.done.push_back(w);
    }
    seq += w->entries.size();
  }
  if (!writers_.empty()) {
    Writer* next = writers_.front();
    if (next->callback) {
      pump_cv_.Signal();
    } else {
      wakeups.next_leader = next;
    }
  }
  if (!done->writers.empty()) {
    finishing_ += done->writers.size();
    completions_.push_back(std::move(done));
    if (completions_.size() == 1) finish_cv_.Signal();
  }
}

void Ledger::Impl::BuildBlockingReceipts(const std::vector<Writer*>& group,
                                         const CommittedGroup& committed) const {
  const internal::StoreNodeReader base = NodeReader();
  const internal::GroupProofs proofs(committed.head, committed.window, base);
  uint64_t seq = committed.first_seq;
  for (Writer* w : group) {
    if (!w->callback) w->status = BuildReceipts(*w, seq, committed, proofs);
    seq += w->entries.size();
  }
}

Status Ledger::Impl::BuildReceipts(Writer& w, uint64_t first_seq, const CommittedGroup& group,
                                   const internal::GroupProofs& proofs) {
  w.receipts.clear();
  w.receipts.reserve(w.entries.size());
  uint64_t seq = first_seq;
  for (Writer::Pending& p : w.entries) {
    Receipt& r = w.receipts.emplace_back();
    r.entry = TakeEntry(p.request, seq, group.time);
    r.leaf_index = seq;
    TF_RETURN_IF_ERROR(proofs.InclusionProof(seq, r.inclusion_proof));
    r.checkpoint = group.checkpoint;
    ++seq;
  }
  return Status::Ok();
}

void Ledger::Impl::FinishLoop() {
  MutexLock lock(&mu_);
  while (true) {
    if (!completions_.empty()) {
      std::unique_ptr<Completion> done = std::move(completions_.front());
      completions_.pop_front();
      // Callbacks run without the lock so they may append again.
      mu_.Unlock();
      RunCallbacks(*done);
      mu_.Lock();
      finishing_ -= done->writers.size();
    } else if (commit_loop_done_) {
      return;
    } else {
      finish_cv_.Wait();
    }
  }
}

void Ledger::Impl::RunCallbacks(Completion& done) const {
  const internal::StoreNodeReader base = NodeReader();
  const internal::GroupProofs proofs(done.group.head, done.group.window, base);
  for (const auto& [w, seq] : done.writers) {
    std::unique_ptr<Writer> owned(w);
    const Status s = done.status.ok() ? BuildReceipts(*w, seq, done.group, proofs) : done.status;
    if (s.ok()) {
      w->callback(std::move(w->receipts[0]));
    } else {
      w->callback(s);
    }
  }
}

Status Ledger::Impl::CommitGroup(const std::vector<Writer*>& group, size_t count,
                                 CommittedGroup& out) {
  for (int attempt = 0;; ++attempt) {
    Status s = TryCommitGroup(group, count, out);
    if (s.code() != ErrorCode::kLedgerConflict || attempt == kMaxConflictRetries) return s;
    TF_RETURN_IF_ERROR(LoadHead());
  }
}

Status Ledger::Impl::TryCommitGroup(const std::vector<Writer*>& group, size_t count,
                                    CommittedGroup& out) {
  const Head& old = commit_head_;
  const uint64_t first = old.frontier.size();
  if (count > kMaxSeq + 1 - first) return Status(ErrorCode::kResourceExhausted, "log is full");
  const int64_t now = std::max(clock_->NowNanos(), old.last_time);
  const std::string time = FormatTimestamp(now);

  // The window starts with the old peaks: together with the batch's new nodes it holds every
  // node the receipts and the consistency check below need.
  internal::NodeWindow window;
  const std::vector<NodeId> old_peaks = old.frontier.PeakIds();
  for (size_t i = 0; i < old_peaks.size(); ++i)
    window.Add(old_peaks[i], old.frontier.peaks()[i]);

  WriteBatch batch;
  batch.ExpectTreeSize(first);
  size_t leaf_bytes = 0;
  for (const Writer* w : group) {
    for (const Writer::Pending& p : w->entries)
      leaf_bytes += p.encoded.head.size() + p.request.tenant.size() + kLeafTailBytes;
  }
  // A leaf completes two nodes on average (itself and, every other leaf, more).
  batch.Reserve(count, leaf_bytes, 2 * count + kMaxTreeLevel);
  internal::Frontier frontier = old.frontier;
  uint64_t seq = first;
  NodeHasher hasher;
  std::string leaf;
  for (Writer* w : group) {
    for (Writer::Pending& p : w->entries) {
      leaf.clear();
      p.encoded.AppendLeafBytes(seq, p.request.tenant, time, leaf);
      frontier.Append(hasher.Leaf(leaf), hasher, [&](const NodeId& id, const Hash& h) {
        window.Add(id, h);
        batch.PutNode(id, h);
      });
      if (p.request.effects) p.request.effects(MakeEntry(p.request, seq, now), batch);
      batch.PutEntry(seq, leaf);
      ++seq;
    }
  }
  const Hash root = frontier.Root();
  const internal::StoreNodeReader base = NodeReader();
  const internal::WindowNodeReader reader(window, base);

  // C2SP tlog-checkpoint: never sign a checkpoint inconsistent with the previous one. The new
  // root was built from the in-memory frontier; proving it extends the last signed root guards
  // against a frontier or cache that drifted from what was signed.
  if (first > 0) {
    TF_ASSIGN_OR_RETURN(std::vector<Hash> proof,
                        tf::ledger::ConsistencyProof(first, frontier.size(), reader));
    Status consistent = VerifyConsistency(first, frontier.size(), old.root, root, proof);
    if (!consistent.ok()) {
      return Status(ErrorCode::kCheckpointInconsistent, "refusing to sign tree size " +
                                                            std::to_string(frontier.size()) + ": " +
                                                            std::string(consistent.message()));
    }
  }
  TF_ASSIGN_OR_RETURN(std::string note,
                      SignCheckpoint(Checkpoint{origin_, frontier.size(), root, {}}, *signer_));
  batch.PutCheckpoint(frontier.size(), note);
  TF_RETURN_IF_ERROR(store_->Write(batch));

  // Durable: publish the head. Receipts are made from `out` (Complete, RunCallbacks).
  cache_.Add(batch.nodes());
  out.head = frontier;
  out.checkpoint = note;
  out.time = now;
  out.first_seq = first;
  out.window = std::move(window);
  Head next{std::move(frontier), root, std::move(note), now};
  commit_head_ = next;
  MutexLock lock(&mu_);
  head_ = std::move(next);
  return Status::Ok();
}

}  // namespace tf::ledger
