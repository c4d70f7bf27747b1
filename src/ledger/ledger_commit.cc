// Ledger: the append side. Group commit follows LevelDB's DBImpl::Write, with one difference:
// the leader is always the ledger's commit thread. Each append becomes a Writer in a queue; the
// commit thread takes everyone queued (up to max_batch_entries) as one group, releases the lock,
// and commits the group as one atomic synced Store write under one signed checkpoint. Meanwhile
// new writers queue up and form the next group, which starts as soon as the sync returns: no
// group waits for a woken writer to lead it, and the commit thread never waits for a writer.
// A blocking writer is woken once, when its group is done (its own promise); an asynchronous
// writer's receipt and callback are made on the finisher thread, in commit order, so the commit
// thread does not spend its time on them.
#include <algorithm>
#include <future>

#include "ledger/checkpoint.h"
#include "ledger/internal/group_proofs.h"
#include "ledger/internal/ledger_impl.h"
#include "ledger/merkle_tree.h"
#include "ledger/proof_verify.h"
#include "ledger/timestamp.h"

namespace tf::ledger {

using internal::MutexLock;

struct Ledger::Impl::Writer {
  struct Pending {
    AppendRequest request;
    internal::EncodedEntry encoded;
  };
  std::vector<Pending> entries;
  AppendCallback callback;  // Set for asynchronous writers, which the queue owns.
  // Set for blocking writers: ready once status and receipts are written. The commit thread
  // touches the writer no more after setting it.
  std::optional<std::promise<void>> done;
  Status status;
  std::vector<Receipt> receipts;
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
    work_cv_.Signal();
  }
  if (committer_.joinable()) committer_.join();
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
    // thread, keeps it off the commit thread.
    TF_ASSIGN_OR_RETURN(internal::EncodedEntry encoded,
                        internal::EncodeEntry(r.tenant, r.kind, r.content_hash, r.metadata));
    owned->entries.push_back({std::move(r), std::move(encoded)});
  }
  return owned.get();
}

Result<std::vector<Receipt>> Ledger::Impl::AppendSync(std::vector<AppendRequest> requests) {
  std::unique_ptr<Writer> owned;
  TF_ASSIGN_OR_RETURN(Writer * w, Prepare(std::move(requests), owned));
  std::future<void> done = w->done.emplace().get_future();
  TF_RETURN_IF_ERROR(Enqueue(w));
  done.wait();
  if (!w->status.ok()) return w->status;
  return std::move(w->receipts);
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
  Writer* queued = owned.release();
  Status s = Enqueue(queued);
  if (!s.ok()) {
    owned.reset(queued);
    owned->callback(s);
  }
}

Status Ledger::Impl::Enqueue(Writer* w) {
  MutexLock lock(&mu_);
  if (shutting_down_) {
    // Only reachable if the caller races the destructor, which the contract forbids; fail
    // cleanly rather than queue work no one will run.
    return FailedPrecondition("ledger is closing");
  }
  writers_.push_back(w);
  // The commit thread sleeps only on an empty queue.
  if (writers_.size() == 1) work_cv_.Signal();
  return Status::Ok();
}

void Ledger::Impl::CommitLoop() {
  std::vector<Writer*> group;
  MutexLock lock(&mu_);
  while (true) {
    if (!writers_.empty()) {
      RunGroup(group);
    } else if (shutting_down_) {
      return;
    } else {
      work_cv_.Wait();
    }
  }
}

void Ledger::Impl::RunGroup(std::vector<Writer*>& group) {
  // Everything queued, up to the batch limit (a writer's entries are never split).
  group.clear();
  size_t count = 0;
  while (!writers_.empty()) {
    Writer* w = writers_.front();
    if (!group.empty() && count + w->entries.size() > max_batch_entries_) break;
    group.push_back(w);
    count += w->entries.size();
    writers_.pop_front();
  }
  committing_ = group.size();
  auto done = std::make_unique<Completion>();
  Status status = sticky_error_;
  if (status.ok()) {
    // Unlocked while committing: new writers queue and form the next group.
    mu_.Unlock();
    status = CommitGroup(group, count, done->group);
    mu_.Lock();
    if (!status.ok() && status.code() != ErrorCode::kLedgerConflict) sticky_error_ = status;
    if (status.ok()) {
      ++stats_.commits;
      stats_.entries += count;
      stats_.largest_batch = std::max<uint64_t>(stats_.largest_batch, count);
    }
  }
  committing_ = 0;
  // Writers are woken without the lock, so they may append again at once.
  mu_.Unlock();
  Complete(group, status, std::move(done));
  mu_.Lock();
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

void Ledger::Impl::Complete(const std::vector<Writer*>& group, const Status& status,
                            std::unique_ptr<Completion> done) {
  done->status = status;
  const internal::StoreNodeReader base = NodeReader();
  const internal::GroupProofs proofs(done->group.head, done->group.window, base);
  uint64_t seq = done->group.first_seq;
  for (Writer* w : group) {
    const uint64_t first = seq;
    seq += w->entries.size();
    if (w->callback) {
      done->writers.emplace_back(w, first);
    } else {
      w->status = status.ok() ? BuildReceipts(*w, first, done->group, proofs) : status;
      w->done->set_value();  // The writer is its caller's again: not touched after this.
    }
  }
  if (done->writers.empty()) return;
  MutexLock lock(&mu_);
  finishing_ += done->writers.size();
  completions_.push_back(std::move(done));
  if (completions_.size() == 1) finish_cv_.Signal();
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
