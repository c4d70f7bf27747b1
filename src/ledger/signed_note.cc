#include "ledger/signed_note.h"

#include "core/encoding.h"
#include "core/utf8.h"

namespace tf::ledger {
namespace {

constexpr std::string_view kSignaturePrefix = "\u2014 ";  // Em dash, space.
constexpr size_t kKeyIdBytes = 4;

Status Malformed(std::string message) {
  return Status(ErrorCode::kNoteMalformed, std::move(message));
}

Status CheckCharacters(std::string_view s) {
  if (!IsValidUtf8(s)) return Malformed("note is not valid UTF-8");
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n') {
      return Malformed("note contains a control character");
    }
  }
  return Status::Ok();
}

Result<NoteSignature> ParseSignatureLine(std::string_view line) {
  if (!line.starts_with(kSignaturePrefix)) {
    return Malformed("signature line does not start with an em dash and a space");
  }
  line.remove_prefix(kSignaturePrefix.size());
  size_t space = line.find(' ');
  if (space == std::string_view::npos) return Malformed("signature line has no signature");
  NoteSignature sig;
  sig.key_name = std::string(line.substr(0, space));
  TF_RETURN_IF_ERROR(ValidateKeyName(sig.key_name));
  Result<std::string> blob = Base64Decode(line.substr(space + 1));
  if (!blob.ok()) return Malformed("signature is not base64");
  if (blob->size() <= kKeyIdBytes) return Malformed("signature is too short");
  for (size_t i = 0; i < kKeyIdBytes; ++i) {
    sig.key_id = (sig.key_id << 8) | static_cast<uint8_t>((*blob)[i]);
  }
  sig.signature = blob->substr(kKeyIdBytes);
  return sig;
}

}  // namespace

Status ValidateNoteText(std::string_view text) {
  if (text.empty() || text.back() != '\n') return Malformed("note text does not end in a newline");
  if (text.size() > kMaxNoteBytes) return Malformed("note is too large");
  return CheckCharacters(text);
}

Result<Note> ParseNote(std::string_view signed_note) {
  if (signed_note.size() > kMaxNoteBytes) return Malformed("note is too large");
  TF_RETURN_IF_ERROR(CheckCharacters(signed_note));
  if (signed_note.empty() || signed_note.back() != '\n') {
    return Malformed("note does not end in a newline");
  }
  // The text ends at the last blank line; everything after it is signature lines.
  size_t split = signed_note.rfind("\n\n");
  if (split == std::string_view::npos) return Malformed("note has no blank line before signatures");
  Note note;
  note.text = std::string(signed_note.substr(0, split + 1));
  std::string_view rest = signed_note.substr(split + 2);
  if (rest.empty()) return Malformed("note has no signatures");
  while (!rest.empty()) {
    size_t nl = rest.find('\n');  // Present: the note ends in a newline.
    if (note.signatures.size() == kMaxNoteSignatures)
      return Malformed("note has too many signatures");
    TF_ASSIGN_OR_RETURN(NoteSignature sig, ParseSignatureLine(rest.substr(0, nl)));
    note.signatures.push_back(std::move(sig));
    rest.remove_prefix(nl + 1);
  }
  return note;
}

Result<std::string> OpenNote(std::string_view signed_note, const NoteVerifier& verifier) {
  TF_ASSIGN_OR_RETURN(Note note, ParseNote(signed_note));
  bool verified = false;
  for (const NoteSignature& sig : note.signatures) {
    // C2SP signed-note §Signatures: a signature is by our key only if both name and id match;
    // anything else is someone else's (a witness, a rotated key) and is ignored.
    if (sig.key_name != verifier.name() || sig.key_id != verifier.key_id()) continue;
    if (!verifier.Verify(note.text, sig.signature)) {
      return Status(ErrorCode::kSignatureInvalid,
                    "signature by " + verifier.name() + " does not verify");
    }
    verified = true;
  }
  if (!verified) {
    return Status(ErrorCode::kSignatureInvalid,
                  "note has no signature by key " + verifier.ToText());
  }
  return std::move(note.text);
}

Result<std::string> SignNote(std::string_view text, const NoteSigner& signer) {
  TF_RETURN_IF_ERROR(ValidateNoteText(text));
  std::string out(text);
  out += '\n';
  out += signer.SignatureLine(text);
  return out;
}

}  // namespace tf::ledger
