// File: ledger/checkpoint.h
//
// C2SP tlog-checkpoint: the note text "<origin>\n<tree size>\n<base64 root>\n[extension lines]"
// that the log signs as a signed note (see signed_note.h) after every integrated batch.
//
//   TF_ASSIGN_OR_RETURN(Checkpoint cp, OpenCheckpoint(note_text, verifier));
//   TF_RETURN_IF_ERROR(VerifyInclusion(leaf, cp.size, leaf_hash, proof, cp.root));
#ifndef TF_LEDGER_CHECKPOINT_H_
#define TF_LEDGER_CHECKPOINT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ledger/merkle_hash.h"
#include "ledger/note_key.h"

namespace tf::ledger {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::vector<std::string> extensions;  // Opaque, non-empty lines; this log writes none.

  // The note text. REQUIRES: a valid origin and extensions (see ParseCheckpointBody).
  std::string Body() const;
};

// Parses the note text of a checkpoint. kNoteMalformed when a line is missing or empty, the
// size has leading zeros or overflows, or the root is not base64 of 32 bytes.
Result<Checkpoint> ParseCheckpointBody(std::string_view text);

// Verifies the signed note with `verifier` and parses its body.
Result<Checkpoint> OpenCheckpoint(std::string_view signed_note, const NoteVerifier& verifier);

// Signs `checkpoint` with `signer`.
Result<std::string> SignCheckpoint(const Checkpoint& checkpoint, const NoteSigner& signer);

}  // namespace tf::ledger

#endif  // TF_LEDGER_CHECKPOINT_H_
