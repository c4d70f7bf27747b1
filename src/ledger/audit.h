// File: ledger/audit.h
//
// `AuditLog`: the full offline audit behind `proof ledger verify`. It re-derives everything the
// log claims from the entries themselves and compares it with what is stored:
//
//   - every entry parses, is in RFC 8785 canonical form, sits under its own seq, and times never
//     go backwards;
//   - every stored node (leaf hashes and all complete subtrees) equals the hash recomputed from
//     the entries;
//   - every stored checkpoint is signed by the log key, names the log's origin and the size it is
//     stored under, and has the root recomputed at that size (so all checkpoints are mutually
//     consistent: they are prefixes of one tree);
//   - nothing is stored beyond the tree head.
//
// It stops at the first problem and names it; when the problem is in an entry or a node, it
// names the first entry affected. It needs no signing key and works on a log that is too damaged
// for Ledger::Open.
#ifndef TF_LEDGER_AUDIT_H_
#define TF_LEDGER_AUDIT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "ledger/note_key.h"
#include "ledger/store.h"

namespace tf::ledger {

struct AuditOptions {
  // The key the auditor trusts. When set, the log's stored key must equal it; otherwise the
  // stored key is used (which proves internal consistency, not authorship).
  std::optional<NoteVerifier> trusted_key;
};

struct AuditReport {
  uint64_t tree_size = 0;
  uint64_t entries_checked = 0;
  uint64_t nodes_checked = 0;
  uint64_t checkpoints_checked = 0;
  // The first entry affected by the problem, when the problem is in an entry or a node.
  std::optional<uint64_t> first_bad_entry;
  // OK, or kLedgerCorrupt / kSignatureInvalid naming the first problem found.
  Status status;
};

// Fails only when the store cannot be read at all; a damaged log is a report with a status.
Result<AuditReport> AuditLog(Store& store, const AuditOptions& options = {});

}  // namespace tf::ledger

#endif  // TF_LEDGER_AUDIT_H_
