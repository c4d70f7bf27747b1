#include "ledger/audit.h"

#include <map>
#include <vector>

#include "ledger/checkpoint.h"
#include "ledger/entry.h"
#include "ledger/internal/frontier.h"
#include "ledger/signed_note.h"

namespace tf::ledger {
namespace {

// Entries are checked in chunks so node comparisons batch into one store read each.
constexpr uint64_t kChunk = 4096;

Status Corrupt(std::string message) {
  return Status(ErrorCode::kLedgerCorrupt, std::move(message));
}

std::string NodeName(const NodeId& id) {
  return "node (level " + std::to_string(id.level) + ", index " + std::to_string(id.index) +
         ") covering entries " + std::to_string(id.FirstLeaf()) + ".." +
         std::to_string(id.EndLeaf() - 1);
}

class Auditor {
 public:
  Auditor(Store& store, AuditReport& report) : store_(store), report_(report) {}

  // Returns a non-OK status only for read failures; problems go into the report.
  Status Run(const AuditOptions& options) {
    if (!LoadKey(options)) return Status::Ok();
    TF_RETURN_IF_ERROR(LoadCheckpoints());
    if (!report_.status.ok()) return Status::Ok();
    if (checkpoints_.empty()) return Found(Corrupt("log has no checkpoint"));
    report_.tree_size = checkpoints_.rbegin()->first;
    if (std::optional<Finding> cp = CheckCheckpoint(0, EmptyRoot())) {
      return Found(std::move(cp->status));
    }
    for (uint64_t begin = 0; begin < report_.tree_size && report_.status.ok(); begin += kChunk) {
      TF_RETURN_IF_ERROR(CheckChunk(begin, std::min(begin + kChunk, report_.tree_size)));
    }
    if (!report_.status.ok()) return Status::Ok();
    return CheckNothingBeyondHead();
  }

 private:
  // Records the first problem found; later ones are ignored.
  void Fail(Status problem, std::optional<uint64_t> entry = std::nullopt) {
    if (report_.status.ok()) {
      report_.status = std::move(problem);
      report_.first_bad_entry = entry;
    }
  }
  // Fail, then carry on as a successful read (a damaged log is a finding, not an error).
  Status Found(Status problem, std::optional<uint64_t> entry = std::nullopt) {
    Fail(std::move(problem), entry);
    return Status::Ok();
  }

  bool LoadKey(const AuditOptions& options) {
    Result<std::optional<std::string>> stored = store_.ReadMeta("verifier_key");
    Result<std::optional<std::string>> origin = store_.ReadMeta("origin");
    if (!stored.ok() || !origin.ok() || !stored->has_value() || !origin->has_value()) {
      Fail(Corrupt("the log's key or origin is missing or unreadable"));
      return false;
    }
    origin_ = **origin;
    Result<NoteVerifier> key = NoteVerifier::Parse(**stored);
    if (!key.ok()) {
      Fail(Corrupt("the stored log key is malformed: " + key.status().ToString()));
      return false;
    }
    if (options.trusted_key && options.trusted_key->ToText() != key->ToText()) {
      Fail(Status(ErrorCode::kSignatureInvalid, "the log's stored key " + key->ToText() +
                                                    " is not the trusted key " +
                                                    options.trusted_key->ToText()));
      return false;
    }
    key_ = options.trusted_key ? *options.trusted_key : *key;
    return true;
  }

  Status LoadCheckpoints() {
    return store_.ScanCheckpoints([&](uint64_t size, std::string_view note) {
      checkpoints_.emplace(size, std::string(note));
      return Status::Ok();
    });
  }

  // A problem and where in the log it shows: the tree size at which it is first visible (an
  // entry or leaf at seq s shows at s + 1, a node when its last leaf arrives, a checkpoint at its
  // size). The audit reports the earliest.
  struct Finding {
    uint64_t position = 0;
    Status status;
    std::optional<uint64_t> entry;
  };
  static void Note(std::optional<Finding>& found, Finding f) {
    if (!found || f.position < found->position) found = std::move(f);
  }

  // Checks the checkpoint stored for `size` (if any) against the root recomputed at that size.
  std::optional<Finding> CheckCheckpoint(uint64_t size, const Hash& root) {
    auto it = checkpoints_.find(size);
    if (it == checkpoints_.end()) return std::nullopt;
    ++report_.checkpoints_checked;
    const std::string where = "checkpoint for tree size " + std::to_string(size);
    Result<Checkpoint> cp = OpenCheckpoint(it->second, *key_);
    if (!cp.ok()) {
      return Finding{
          size, Status(cp.status().code(), where + ": " + std::string(cp.status().message())), {}};
    }
    if (cp->size != size || cp->origin != origin_) {
      return Finding{
          size,
          Corrupt(where + " reads origin \"" + cp->origin + "\" size " + std::to_string(cp->size)),
          {}};
    }
    if (cp->root != root) {
      return Finding{
          size, Corrupt(where + ": its root is not the root recomputed from the entries"), {}};
    }
    return std::nullopt;
  }

  // Checks entries [begin, end): their form, their leaf and subtree nodes, and the checkpoints
  // whose sizes fall in (begin, end].
  Status CheckChunk(uint64_t begin, uint64_t end) {
    std::optional<Finding> found;
    std::vector<std::pair<NodeId, Hash>> computed;
    internal::Frontier replay = frontier_;
    NodeHasher hasher;
    uint64_t expect = begin;
    TF_RETURN_IF_ERROR(store_.ScanEntries(begin, end, [&](uint64_t seq, std::string_view bytes) {
      if (found) return Status::Ok();
      if (seq != expect) {
        Note(found,
             {expect + 1, Corrupt("entry " + std::to_string(expect) + " is missing"), expect});
        return Status::Ok();
      }
      Result<Entry> entry = Entry::FromLeafBytes(bytes);
      std::string problem;
      if (!entry.ok()) {
        problem = entry.status().ToString();
      } else if (entry->seq != seq) {
        problem = "it says seq " + std::to_string(entry->seq);
      } else if (entry->time_nanos < last_time_) {
        problem = "it is older than the entry before it";
      }
      if (!problem.empty()) {
        Note(found, {seq + 1, Corrupt("entry " + std::to_string(seq) + ": " + problem), seq});
        return Status::Ok();
      }
      last_time_ = entry->time_nanos;
      frontier_.Append(HashLeaf(bytes), hasher,
                       [&](const NodeId& id, const Hash& h) { computed.emplace_back(id, h); });
      ++report_.entries_checked;
      ++expect;
      return Status::Ok();
    }));
    if (!found && expect != end) {
      Note(found, {expect + 1, Corrupt("entry " + std::to_string(expect) + " is missing"), expect});
    }
    TF_ASSIGN_OR_RETURN(std::optional<Finding> node, CompareNodes(computed));
    if (node) Note(found, std::move(*node));
    // Replay the chunk's leaves to get the root at every checkpoint size inside it.
    for (const auto& [id, h] : computed) {
      if (id.level != 0) continue;
      replay.Append(h, hasher, [](const NodeId&, const Hash&) {});
      if (std::optional<Finding> cp = CheckCheckpoint(replay.size(), replay.Root())) {
        Note(found, std::move(*cp));
        break;
      }
    }
    if (found) Fail(std::move(found->status), found->entry);
    return Status::Ok();
  }

  Result<std::optional<Finding>> CompareNodes(
      const std::vector<std::pair<NodeId, Hash>>& computed) {
    std::vector<NodeId> ids;
    ids.reserve(computed.size());
    for (const auto& [id, h] : computed)
      ids.push_back(id);
    std::vector<Hash> stored(ids.size());
    Status read = store_.ReadNodes(ids, stored);
    if (!read.ok() && read.code() != ErrorCode::kLedgerCorrupt) return read;
    for (size_t i = 0; i < computed.size(); ++i) {
      const NodeId& id = computed[i].first;
      if (!read.ok()) {
        // One of them is missing: find which.
        Hash one;
        if (!store_.ReadNodes({&id, 1}, {&one, 1}).ok()) {
          return std::optional<Finding>(
              Finding{id.EndLeaf(), Corrupt(NodeName(id) + " is missing"), id.FirstLeaf()});
        }
        stored[i] = one;
      }
      if (stored[i] != computed[i].second) {
        if (id.level == 0) {
          return std::optional<Finding>(
              Finding{id.EndLeaf(),
                      Corrupt("entry " + std::to_string(id.index) +
                              ": its stored leaf hash does not match the entry's bytes"),
                      id.index});
        }
        return std::optional<Finding>(Finding{
            id.EndLeaf(), Corrupt(NodeName(id) + " does not match the hash recomputed from them"),
            id.FirstLeaf()});
      }
      ++report_.nodes_checked;
    }
    return std::optional<Finding>();
  }

  Status CheckNothingBeyondHead() {
    bool extra = false;
    uint64_t extra_seq = 0;
    TF_RETURN_IF_ERROR(
        store_.ScanEntries(report_.tree_size, UINT64_MAX, [&](uint64_t seq, std::string_view) {
          if (!extra) extra_seq = seq;
          extra = true;
          return Status::Ok();
        }));
    if (extra) {
      return Found(
          Corrupt("entry " + std::to_string(extra_seq) + " is stored beyond the tree head (size " +
                  std::to_string(report_.tree_size) + ")"),
          extra_seq);
    }
    return Status::Ok();
  }

  Store& store_;
  AuditReport& report_;
  std::optional<NoteVerifier> key_;
  std::string origin_;
  std::map<uint64_t, std::string> checkpoints_;
  internal::Frontier frontier_;
  int64_t last_time_ = INT64_MIN;
};

}  // namespace

Result<AuditReport> AuditLog(Store& store, const AuditOptions& options) {
  AuditReport report;
  Auditor auditor(store, report);
  TF_RETURN_IF_ERROR(auditor.Run(options));
  return report;
}

}  // namespace tf::ledger
