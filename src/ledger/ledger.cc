// Ledger: opening and recovering a log, and the read side (entries, proofs, receipts). The
// append side is in ledger_commit.cc.
#include "ledger/ledger.h"

#include "ledger/checkpoint.h"
#include "ledger/internal/ledger_impl.h"
#include "ledger/merkle_tree.h"
#include "ledger/proof_verify.h"
#include "ledger/signed_note.h"

namespace tf::ledger {

using internal::MutexLock;

namespace {

constexpr std::string_view kMetaFormat = "format";
constexpr std::string_view kMetaOrigin = "origin";
constexpr std::string_view kMetaVerifierKey = "verifier_key";
constexpr std::string_view kFormatVersion = "1";

Status Corrupt(std::string message) {
  return Status(ErrorCode::kLedgerCorrupt, std::move(message));
}

Status ValidateOrigin(std::string_view origin) {
  if (origin.empty() || origin.find('\n') != std::string_view::npos) {
    return InvalidArgument("checkpoint origin must be one non-empty line");
  }
  return ValidateNoteText(std::string(origin) + "\n");
}

}  // namespace

Ledger::Impl::Impl(LedgerOptions options)
    : store_(options.store),
      clock_(options.clock),
      signer_(std::move(options.signer)),
      max_batch_entries_(std::max<size_t>(1, options.max_batch_entries)),
      group_window_(std::max<int64_t>(0, options.group_window_nanos)),
      requested_origin_(std::move(options.origin)),
      cache_(options.cached_node_min_level) {}

Status Ledger::Impl::Init() {
  TF_ASSIGN_OR_RETURN(std::optional<std::string> key, store_->ReadMeta(kMetaVerifierKey));
  if (!key) {
    TF_RETURN_IF_ERROR(CreateLog());
  } else {
    Result<NoteVerifier> verifier = NoteVerifier::Parse(*key);
    if (!verifier.ok())
      return Corrupt("stored log key is unreadable: " + verifier.status().ToString());
    verifier_ = std::move(*verifier);
    if (signer_ && signer_->verifier().ToText() != *key) {
      return Status(ErrorCode::kSigningKeyMismatch, "this log was created with key " + *key +
                                                        "; the signing key given is " +
                                                        signer_->verifier().ToText());
    }
    TF_ASSIGN_OR_RETURN(std::optional<std::string> origin, store_->ReadMeta(kMetaOrigin));
    if (!origin) return Corrupt("stored log has a key but no origin");
    origin_ = std::move(*origin);
    if (!requested_origin_.empty() && requested_origin_ != origin_) {
      return FailedPrecondition("this log's origin is \"" + origin_ + "\", not \"" +
                                requested_origin_ + "\"");
    }
  }
  TF_RETURN_IF_ERROR(LoadHead());
  if (signer_) {
    pump_ = std::thread([this] { PumpLoop(); });
    finisher_ = std::thread([this] { FinishLoop(); });
  }
  return Status::Ok();
}

Status Ledger::Impl::CreateLog() {
  TF_ASSIGN_OR_RETURN(auto latest, store_->ReadLatestCheckpoint());
  if (latest) return Corrupt("store holds checkpoints but no log key");
  if (!signer_)
    return FailedPrecondition("the store holds no log yet; creating one needs a signing key");
  origin_ = requested_origin_.empty() ? signer_->name() : requested_origin_;
  TF_RETURN_IF_ERROR(ValidateOrigin(origin_));
  verifier_ = signer_->verifier();
  // The empty tree gets a signed checkpoint too, so a log always has a head to be consistent with.
  Checkpoint empty{origin_, 0, EmptyRoot(), {}};
  TF_ASSIGN_OR_RETURN(std::string note, SignCheckpoint(empty, *signer_));
  WriteBatch batch;
  batch.ExpectTreeSize(0);
  batch.PutMeta(std::string(kMetaFormat), std::string(kFormatVersion));
  batch.PutMeta(std::string(kMetaOrigin), origin_);
  batch.PutMeta(std::string(kMetaVerifierKey), verifier_.ToText());
  batch.PutCheckpoint(0, std::move(note));
  return store_->Write(batch);
}

Status Ledger::Impl::LoadHead() {
  TF_ASSIGN_OR_RETURN(auto latest, store_->ReadLatestCheckpoint());
  if (!latest) return Corrupt("log has no checkpoint");
  const auto& [size, note] = *latest;
  Result<Checkpoint> cp = OpenCheckpoint(note, verifier_);
  if (!cp.ok()) {
    return Corrupt("latest checkpoint (tree size " + std::to_string(size) +
                   "): " + cp.status().ToString());
  }
  if (cp->size != size || cp->origin != origin_) {
    return Corrupt("latest checkpoint is stored under size " + std::to_string(size) +
                   " but reads origin \"" + cp->origin + "\" size " + std::to_string(cp->size));
  }
  TF_RETURN_IF_ERROR(cache_.Load(*store_, size));
  internal::StoreNodeReader reader = NodeReader();
  Result<internal::Frontier> frontier = internal::Frontier::Load(size, reader);
  if (!frontier.ok()) return Corrupt("tree head nodes: " + frontier.status().ToString());
  if (frontier->Root() != cp->root) {
    return Corrupt("stored tree nodes do not produce the signed root of tree size " +
                   std::to_string(size));
  }
  Head head;
  head.frontier = std::move(*frontier);
  head.root = cp->root;
  head.checkpoint = note;
  if (size > 0) {
    TF_ASSIGN_OR_RETURN(std::string bytes, store_->ReadEntry(size - 1));
    Result<Entry> last = Entry::FromLeafBytes(bytes);
    if (!last.ok())
      return Corrupt("entry " + std::to_string(size - 1) + ": " + last.status().ToString());
    head.last_time = last->time_nanos;
  }
  commit_head_ = head;
  MutexLock lock(&mu_);
  head_ = std::move(head);
  return Status::Ok();
}

TreeHead Ledger::Impl::PublishedHead() const {
  MutexLock lock(&mu_);
  return TreeHead{head_.frontier.size(), head_.root, head_.checkpoint};
}

LedgerStats Ledger::Impl::Stats() const {
  MutexLock lock(&mu_);
  LedgerStats s = stats_;
  s.pending_writers = writers_.size() + finishing_;
  return s;
}

// --- Ledger -------------------------------------------------------------------------------------

Ledger::Ledger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ledger::~Ledger() = default;

Result<std::unique_ptr<Ledger>> Ledger::Open(LedgerOptions options) {
  if (options.store == nullptr || options.clock == nullptr) {
    return InvalidArgument("LedgerOptions needs a store and a clock");
  }
  auto impl = std::make_unique<Impl>(std::move(options));
  TF_RETURN_IF_ERROR(impl->Init());
  return std::unique_ptr<Ledger>(new Ledger(std::move(impl)));
}

Result<Receipt> Ledger::Append(AppendRequest request) {
  std::vector<AppendRequest> one;
  one.push_back(std::move(request));
  TF_ASSIGN_OR_RETURN(std::vector<Receipt> receipts, impl_->AppendSync(std::move(one)));
  return std::move(receipts[0]);
}

Result<std::vector<Receipt>> Ledger::AppendBatch(std::vector<AppendRequest> requests) {
  if (requests.empty()) return std::vector<Receipt>();
  return impl_->AppendSync(std::move(requests));
}

void Ledger::AppendAsync(AppendRequest request, AppendCallback done) {
  impl_->AppendAsync(std::move(request), std::move(done));
}

LedgerStats Ledger::Stats() const {
  return impl_->Stats();
}
TreeHead Ledger::Head() const {
  return impl_->PublishedHead();
}
const NoteVerifier& Ledger::verifier() const {
  return impl_->verifier_;
}
const std::string& Ledger::origin() const {
  return impl_->origin_;
}
bool Ledger::read_only() const {
  return !impl_->signer_.has_value();
}
Store& Ledger::store() const {
  return *impl_->store_;
}

Result<Entry> Ledger::GetEntry(uint64_t seq, std::optional<std::string_view> tenant) const {
  if (seq >= Head().size) return NotFound("entry " + std::to_string(seq) + " not found");
  Result<std::string> bytes = impl_->store_->ReadEntry(seq);
  if (!bytes.ok()) {
    if (bytes.status().code() == ErrorCode::kNotFound) {
      return Corrupt("entry " + std::to_string(seq) + " is missing below the tree head");
    }
    return bytes.status();
  }
  Result<Entry> entry = Entry::FromLeafBytes(*bytes);
  if (!entry.ok())
    return Corrupt("entry " + std::to_string(seq) + ": " + entry.status().ToString());
  if (entry->seq != seq)
    return Corrupt("entry stored at " + std::to_string(seq) + " says seq " +
                   std::to_string(entry->seq));
  if (tenant && entry->tenant != *tenant) {
    return NotFound("entry " + std::to_string(seq) + " not found");
  }
  return entry;
}

Result<Receipt> Ledger::GetReceipt(uint64_t leaf, std::optional<std::string_view> tenant) const {
  const TreeHead head = Head();
  TF_ASSIGN_OR_RETURN(Entry entry, GetEntry(leaf, tenant));
  internal::StoreNodeReader reader = impl_->NodeReader();
  TF_ASSIGN_OR_RETURN(RightEdge edge, reader.EdgeAt(head.size));
  TF_ASSIGN_OR_RETURN(std::vector<Hash> proof,
                      tf::ledger::InclusionProof(leaf, head.size, reader, &edge));
  TF_ASSIGN_OR_RETURN(Hash leaf_hash, entry.LeafHash());
  // Hand out nothing that would not verify: a stored entry that no longer matches its leaf is
  // reported as corruption here rather than discovered by the client.
  if (!VerifyInclusion(leaf, head.size, leaf_hash, proof, head.root).ok()) {
    return Corrupt("entry " + std::to_string(leaf) + " does not match its leaf in the tree");
  }
  Receipt r;
  r.entry = std::move(entry);
  r.leaf_index = leaf;
  r.inclusion_proof = std::move(proof);
  r.checkpoint = head.checkpoint;
  return r;
}

Result<std::vector<Hash>> Ledger::InclusionProof(uint64_t leaf, uint64_t tree_size) const {
  const uint64_t head = Head().size;
  if (tree_size > head) {
    return Status(
        ErrorCode::kTreeSizeOutOfRange,
        "tree size " + std::to_string(tree_size) + " is beyond the log's " + std::to_string(head));
  }
  internal::StoreNodeReader reader = impl_->NodeReader();
  TF_ASSIGN_OR_RETURN(RightEdge edge, reader.EdgeAt(tree_size));
  return tf::ledger::InclusionProof(leaf, tree_size, reader, &edge);
}

Result<std::vector<Hash>> Ledger::ConsistencyProof(uint64_t from_size, uint64_t to_size) const {
  const uint64_t head = Head().size;
  if (to_size > head) {
    return Status(
        ErrorCode::kTreeSizeOutOfRange,
        "tree size " + std::to_string(to_size) + " is beyond the log's " + std::to_string(head));
  }
  internal::StoreNodeReader reader = impl_->NodeReader();
  TF_ASSIGN_OR_RETURN(RightEdge edge, reader.EdgeAt(to_size));
  return tf::ledger::ConsistencyProof(from_size, to_size, reader, &edge);
}

Result<std::string> Ledger::CheckpointAt(uint64_t tree_size) const {
  TF_ASSIGN_OR_RETURN(std::optional<std::string> note, impl_->store_->ReadCheckpoint(tree_size));
  if (!note) return NotFound("no checkpoint was issued for tree size " + std::to_string(tree_size));
  return std::move(*note);
}

}  // namespace tf::ledger
