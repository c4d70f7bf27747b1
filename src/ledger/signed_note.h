// File: ledger/signed_note.h
//
// C2SP signed-note: a UTF-8 text ending in a newline, a blank line, then one or more signature
// lines "— <key name> base64(4-byte key id || signature)". Parsing is strict (no control
// characters but newline, valid UTF-8, at most kMaxNoteSignatures signatures, bounded size);
// verification follows the spec's rules: signatures by unknown keys are ignored, a signature by
// the expected key must verify, and a note with no verified signature by it is rejected.
//
//   TF_ASSIGN_OR_RETURN(std::string text, OpenNote(signed_note, verifier));
#ifndef TF_LEDGER_SIGNED_NOTE_H_
#define TF_LEDGER_SIGNED_NOTE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ledger/note_key.h"

namespace tf::ledger {

// The spec requires accepting at least 16; more than this is refused as abuse.
inline constexpr size_t kMaxNoteSignatures = 64;
inline constexpr size_t kMaxNoteBytes = 1 << 20;

struct NoteSignature {
  std::string key_name;
  uint32_t key_id = 0;
  std::string signature;  // Raw bytes after the key id.
};

struct Note {
  std::string text;  // Includes its final newline.
  std::vector<NoteSignature> signatures;
};

// Splits a signed note into text and signatures. kNoteMalformed with the reason.
Result<Note> ParseNote(std::string_view signed_note);

// Parses `signed_note` and checks it is signed by `verifier`; returns the text. kNoteMalformed
// for a bad note, kSignatureInvalid when no signature by the key verifies or one fails.
Result<std::string> OpenNote(std::string_view signed_note, const NoteVerifier& verifier);

// Signs `text` (which must satisfy the note rules and end in a newline) with `signer`.
Result<std::string> SignNote(std::string_view text, const NoteSigner& signer);

// OK when `text` may be the text of a note: valid UTF-8, ends in a newline, no control
// characters other than newline.
Status ValidateNoteText(std::string_view text);

}  // namespace tf::ledger

#endif  // TF_LEDGER_SIGNED_NOTE_H_
