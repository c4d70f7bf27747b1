// Ledger: the append side. Group commit follows LevelDB's DBImpl::Write: each append becomes a
// Writer in a queue; the writer at the front leads, takes everyone queued behind it (up to
// max_batch_entries) as one group, releases the lock, and commits the group as one atomic synced
// Store write under one signed checkpoint. Meanwhile new writers queue up and form the next group,
// so the cost of a sync is shared by every append that arrived during the previous one.
//
// Asynchronous writers have no thread of their own; when one reaches the front, the pump thread
// leads its group instead.
#include <algorithm>

#include "ledger/checkpoint.h"
#include "ledger/internal/ledger_impl.h"
#include "ledger/merkle_tree.h"
#include "ledger/proof_verify.h"
#include "ledger/timestamp.h"

namespace tf::ledger {

using internal::MutexLock;

struct Ledger::Impl::Writer {
  explicit Writer(internal::Mutex* mu) : cv(mu) {}

  struct Pending {
    AppendRequest request;
    internal::EncodedEntry encoded;
  };
  std::vector<Pending> entries;
  AppendCallback callback;  // Set for asynchronous writers, which the queue owns.
  bool done = false;        // Written under mu_.
  Status status;
  std::vector<Receipt> receipts;
  internal::CondVar cv;
};

namespace {

// Another process may share the store (the SQL backend); after a conflict the head is re-read
// and the group re-sequenced on top of it.
constexpr int kMaxConflictRetries = 3;

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

}  // namespace

Ledger::Impl::~Impl() {
  {
    MutexLock lock(&mu_);
    shutting_down_ = true;
    pump_cv_.Signal();
  }
  if (pump_.joinable()) pump_.join();
}

Result<Ledger::Impl::Writer*> Ledger::Impl::Prepare(std::vector<AppendRequest> requests,
                                                    std::unique_ptr<Writer>& owned) {
  if (!signer_)
    return FailedPrecondition("ledger is read-only: it was opened without a signing key");
  owned = std::make_unique<Writer>(&mu_);
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
  MutexLock lock(&mu_);
  Enqueue(w);
  while (!w->done && w != writers_.front())
    w->cv.Wait();
  if (!w->done) LeadGroup();
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
  MutexLock lock(&mu_);
  if (shutting_down_) {
    // Only reachable if the caller races the destructor, which the contract forbids; fail
    // cleanly rather than queue work no one will run.
    owned->callback(FailedPrecondition("ledger is closing"));
    return;
  }
  Enqueue(owned.release());
}

void Ledger::Impl::Enqueue(Writer* w) {
  writers_.push_back(w);
  if (writers_.front() == w && w->callback) pump_cv_.Signal();
}

void Ledger::Impl::PumpLoop() {
  MutexLock lock(&mu_);
  while (true) {
    const bool ready = !writers_.empty() && writers_.front()->callback;
    if (ready) {
      LeadGroup();
    } else if (shutting_down_ && writers_.empty()) {
      return;
    } else {
      pump_cv_.Wait();
    }
  }
}

void Ledger::Impl::LeadGroup() {
  // REQUIRES: writers_.front() is the writer this thread leads for.
  std::vector<Writer*> group;
  size_t count = 0;
  for (Writer* w : writers_) {
    if (!group.empty() && count + w->entries.size() > max_batch_entries_) break;
    group.push_back(w);
    count += w->entries.size();
  }
  Status status = sticky_error_;
  if (status.ok()) {
    // Unlocked while committing: new writers queue behind the group and form the next one.
    mu_.Unlock();
    status = CommitGroup(group);
    mu_.Lock();
    if (!status.ok() && status.code() != ErrorCode::kLedgerConflict) sticky_error_ = status;
    if (status.ok()) {
      ++stats_.commits;
      stats_.entries += count;
      stats_.largest_batch = std::max<uint64_t>(stats_.largest_batch, count);
    }
  }
  std::vector<Writer*> finished_async;
  for (Writer* w : group) {
    writers_.pop_front();
    w->status = status;
    w->done = true;
    if (w->callback) {
      finished_async.push_back(w);
    } else {
      w->cv.Signal();
    }
  }
  if (!writers_.empty()) {
    Writer* next = writers_.front();
    if (next->callback) {
      pump_cv_.Signal();
    } else {
      next->cv.Signal();
    }
  }
  if (finished_async.empty()) return;
  // Callbacks run without the lock so they may append again.
  mu_.Unlock();
  for (Writer* w : finished_async) {
    std::unique_ptr<Writer> owned(w);
    if (w->status.ok()) {
      w->callback(std::move(w->receipts[0]));
    } else {
      w->callback(w->status);
    }
  }
  mu_.Lock();
}

Status Ledger::Impl::CommitGroup(const std::vector<Writer*>& group) {
  for (int attempt = 0;; ++attempt) {
    Status s = TryCommitGroup(group);
    if (s.code() != ErrorCode::kLedgerConflict || attempt == kMaxConflictRetries) return s;
    TF_RETURN_IF_ERROR(LoadHead());
  }
}

Status Ledger::Impl::TryCommitGroup(const std::vector<Writer*>& group) {
  const Head& old = leader_head_;
  const int64_t now = std::max(clock_->NowNanos(), old.last_time);
  const std::string time = FormatTimestamp(now);

  // The window starts with the old peaks: together with the batch's new nodes it holds every
  // node the receipts and the consistency check below need.
  internal::NodeWindow window;
  const std::vector<NodeId> old_peaks = old.frontier.PeakIds();
  for (size_t i = 0; i < old_peaks.size(); ++i)
    window.Add(old_peaks[i], old.frontier.peaks()[i]);

  WriteBatch batch;
  batch.ExpectTreeSize(old.frontier.size());
  internal::Frontier frontier = old.frontier;
  uint64_t seq = old.frontier.size();
  NodeHasher hasher;
  for (Writer* w : group) {
    for (Writer::Pending& p : w->entries) {
      if (seq > kMaxSeq) return Status(ErrorCode::kResourceExhausted, "log is full");
      std::string bytes;
      p.encoded.AppendLeafBytes(seq, time, bytes);
      frontier.Append(HashLeaf(bytes), hasher, [&](const NodeId& id, const Hash& h) {
        window.Add(id, h);
        batch.PutNode(id, h);
      });
      if (p.request.effects) p.request.effects(MakeEntry(p.request, seq, now), batch);
      batch.PutEntry(seq, std::move(bytes));
      ++seq;
    }
  }
  const Hash root = frontier.Root();
  const internal::StoreNodeReader base = NodeReader();
  const internal::WindowNodeReader reader(window, base);

  // C2SP tlog-checkpoint: never sign a checkpoint inconsistent with the previous one. The new
  // root was built from the in-memory frontier; proving it extends the last signed root guards
  // against a frontier or cache that drifted from what was signed.
  if (old.frontier.size() > 0) {
    TF_ASSIGN_OR_RETURN(std::vector<Hash> proof,
                        tf::ledger::ConsistencyProof(old.frontier.size(), frontier.size(), reader));
    Status consistent =
        VerifyConsistency(old.frontier.size(), frontier.size(), old.root, root, proof);
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

  // Durable: hand out receipts against the new checkpoint, then publish the head.
  seq = old.frontier.size();
  for (Writer* w : group) {
    w->receipts.clear();
    w->receipts.reserve(w->entries.size());
    for (const Writer::Pending& p : w->entries) {
      Receipt r;
      r.entry = MakeEntry(p.request, seq, now);
      r.leaf_index = seq;
      TF_ASSIGN_OR_RETURN(r.inclusion_proof,
                          tf::ledger::InclusionProof(seq, frontier.size(), reader));
      r.checkpoint = note;
      w->receipts.push_back(std::move(r));
      ++seq;
    }
  }
  cache_.Add(batch.nodes());
  Head next{std::move(frontier), root, std::move(note), now};
  leader_head_ = next;
  MutexLock lock(&mu_);
  head_ = std::move(next);
  return Status::Ok();
}

}  // namespace tf::ledger
