// File: ledger/note_key.h
//
// Ed25519 keys for C2SP signed notes (signature type 0x01), in the text forms Go's
// golang.org/x/mod/sumdb/note package uses, so keys move between this log and the Go tooling:
//
//   verifier key:  <name>+<key id, 8 hex digits>+<base64(0x01 || 32-byte public key)>
//   signer key:    PRIVATE+KEY+<name>+<key id>+<base64(0x01 || 32-byte seed)>
//
// key id = first 4 bytes, big-endian, of SHA-256(name || 0x0A || 0x01 || public key)
// (C2SP signed-note §Ed25519 signatures). Signing and verification use libsodium.
//
//   TF_ASSIGN_OR_RETURN(NoteSigner signer, NoteSigner::Generate("example.com/log", random));
//   std::string line = signer.SignatureLine(text);
#ifndef TF_LEDGER_NOTE_KEY_H_
#define TF_LEDGER_NOTE_KEY_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/random.h"
#include "core/status.h"

namespace tf::ledger {

inline constexpr size_t kEd25519PublicKeySize = 32;
inline constexpr size_t kEd25519SeedSize = 32;
inline constexpr size_t kEd25519SignatureSize = 64;
inline constexpr uint8_t kSignatureTypeEd25519 = 0x01;

// OK when `name` may name a note key: non-empty, valid UTF-8, no spaces (ASCII or Unicode), no
// '+', no control characters (C2SP signed-note §Format).
Status ValidateKeyName(std::string_view name);

// C2SP signed-note key id for an Ed25519 public key.
uint32_t Ed25519KeyId(std::string_view name, std::span<const uint8_t> public_key);

// A public key that checks signatures. Cheap to copy; thread-safe (immutable).
class NoteVerifier {
 public:
  // Parses the verifier key text. kNoteMalformed on any deviation, including a key id that does
  // not match the name and key.
  static Result<NoteVerifier> Parse(std::string_view text);
  static Result<NoteVerifier> FromPublicKey(std::string name, std::span<const uint8_t> public_key);

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  const std::array<uint8_t, kEd25519PublicKeySize>& public_key() const { return public_key_; }
  // The verifier key text (see the file comment).
  std::string ToText() const;
  // True when `signature` (64 bytes, without the key id) is this key's signature of `message`.
  bool Verify(std::string_view message, std::string_view signature) const;

 private:
  std::string name_;
  uint32_t key_id_ = 0;
  std::array<uint8_t, kEd25519PublicKeySize> public_key_{};
};

// A private key that signs notes. Thread-safe (immutable). The secret is wiped on destruction.
class NoteSigner {
 public:
  static Result<NoteSigner> Parse(std::string_view text);
  static Result<NoteSigner> FromSeed(std::string name, std::span<const uint8_t> seed);
  // A new key from 32 bytes of `random` (pass a SystemRandom for real keys).
  static Result<NoteSigner> Generate(std::string name, RandomSource& random);

  NoteSigner(const NoteSigner& other) = default;
  NoteSigner& operator=(const NoteSigner& other) = default;
  ~NoteSigner();

  const std::string& name() const { return verifier_.name(); }
  uint32_t key_id() const { return verifier_.key_id(); }
  const NoteVerifier& verifier() const { return verifier_; }
  // The signer key text (see the file comment). Secret: write it only to protected files.
  std::string ToText() const;
  // The 64-byte Ed25519 signature of `message`.
  std::string SignRaw(std::string_view message) const;
  // "— <name> base64(key id || signature)\n" for `text`.
  std::string SignatureLine(std::string_view text) const;

 private:
  NoteSigner() = default;
  NoteVerifier verifier_;
  std::array<uint8_t, kEd25519SeedSize> seed_{};
  // libsodium's expanded secret key: seed || public key.
  std::array<uint8_t, 64> secret_{};
};

}  // namespace tf::ledger

#endif  // TF_LEDGER_NOTE_KEY_H_
