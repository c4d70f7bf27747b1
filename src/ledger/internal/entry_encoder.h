// File: ledger/internal/entry_encoder.h
//
// Splits an entry's canonical JSON around the two fields only the committer knows (seq and
// time), so the expensive part, canonicalising the metadata, runs on the appending thread and the
// group-commit leader only concatenates. RFC 8785 sorts the members as content_hash, kind,
// metadata, seq, tenant, time; tests check the output equals Entry::LeafBytes byte for byte.
#ifndef TF_LEDGER_INTERNAL_ENTRY_ENCODER_H_
#define TF_LEDGER_INTERNAL_ENTRY_ENCODER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/value.h"
#include "ledger/merkle_hash.h"

namespace tf::ledger::internal {

struct EncodedEntry {
  std::string head;  // {"content_hash":"…","kind":"…","metadata":{…},"seq":

  // The full leaf bytes. REQUIRES: seq <= kMaxSeq; `tenant` is the one encoded (validated);
  // `time` is a canonical timestamp.
  void AppendLeafBytes(uint64_t seq, std::string_view tenant, std::string_view time,
                       std::string& out) const;
};

// Validates tenant, kind and metadata (kEntryInvalid) and encodes the seq-independent parts.
Result<EncodedEntry> EncodeEntry(std::string_view tenant, std::string_view kind,
                                 const Hash& content_hash, const Value& metadata);

}  // namespace tf::ledger::internal

#endif  // TF_LEDGER_INTERNAL_ENTRY_ENCODER_H_
