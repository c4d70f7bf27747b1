#include "ledger/note_key.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/encoding.h"
#include "core/sha256.h"
#include "core/utf8.h"

namespace tf::ledger {
namespace {

constexpr std::string_view kPrivateKeyPrefix = "PRIVATE+KEY+";
constexpr size_t kKeyIdHexDigits = 8;

Status Malformed(std::string message) {
  return Status(ErrorCode::kNoteMalformed, std::move(message));
}

// libsodium picks its fastest implementations in sodium_init; calling it again is a cheap no-op
// and it is thread-safe, so every entry point that uses libsodium calls this first.
void EnsureSodium() {
  if (sodium_init() < 0) std::abort();  // Only fails when the CPU or OS is unusable.
}

bool IsUnicodeSpace(char32_t c) {
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

std::string KeyIdHex(uint32_t id) {
  char buf[kKeyIdHexDigits + 1];
  std::snprintf(buf, sizeof(buf), "%08x", id);
  return buf;
}

// Splits "name+hexid+base64" and checks the key-type byte. Returns the raw key bytes.
Result<std::string> ParseKeyFields(std::string_view text, std::string* name, uint32_t* id) {
  // Names contain no '+' but base64 may, so the fields split at the first two '+'.
  size_t plus1 = text.find('+');
  if (plus1 == std::string_view::npos) return Malformed("key has no '+' fields");
  size_t plus2 = text.find('+', plus1 + 1);
  if (plus2 == std::string_view::npos) return Malformed("key has too few '+' fields");
  *name = std::string(text.substr(0, plus1));
  TF_RETURN_IF_ERROR(ValidateKeyName(*name));
  std::string_view hex = text.substr(plus1 + 1, plus2 - plus1 - 1);
  if (hex.size() != kKeyIdHexDigits) return Malformed("key id is not 8 hex digits");
  Result<std::string> id_bytes = HexDecode(hex);
  if (!id_bytes.ok()) return Malformed("key id is not hex");
  *id = 0;
  for (unsigned char c : *id_bytes)
    *id = (*id << 8) | c;
  Result<std::string> raw = Base64Decode(text.substr(plus2 + 1));
  if (!raw.ok()) return Malformed("key data is not base64: " + std::string(raw.status().message()));
  if (raw->empty() || static_cast<uint8_t>((*raw)[0]) != kSignatureTypeEd25519) {
    return Malformed("key type is not Ed25519 (0x01)");
  }
  if (raw->size() != 1 + kEd25519PublicKeySize) return Malformed("Ed25519 key is not 32 bytes");
  return raw->substr(1);
}

}  // namespace

Status ValidateKeyName(std::string_view name) {
  if (name.empty()) return Malformed("key name is empty");
  if (!IsValidUtf8(name)) return Malformed("key name is not valid UTF-8");
  for (size_t i = 0; i < name.size();) {
    char32_t c;
    i += DecodeUtf8(name, i, &c);
    if (c <= 0x20 || c == 0x7F || c == '+' || IsUnicodeSpace(c)) {
      return Malformed("key name contains a space, '+' or control character");
    }
  }
  return Status::Ok();
}

uint32_t Ed25519KeyId(std::string_view name, std::span<const uint8_t> public_key) {
  Sha256Hasher h;
  h.Update(name);
  const uint8_t sep[2] = {'\n', kSignatureTypeEd25519};
  h.Update(std::span<const uint8_t>(sep, 2));
  h.Update(public_key);
  Sha256Digest d = h.Finish();
  return (uint32_t{d[0]} << 24) | (uint32_t{d[1]} << 16) | (uint32_t{d[2]} << 8) | d[3];
}

Result<NoteVerifier> NoteVerifier::Parse(std::string_view text) {
  std::string name;
  uint32_t id = 0;
  TF_ASSIGN_OR_RETURN(std::string key, ParseKeyFields(text, &name, &id));
  TF_ASSIGN_OR_RETURN(NoteVerifier v, FromPublicKey(std::move(name), AsBytes(key)));
  if (v.key_id_ != id) return Malformed("key id does not match the key name and public key");
  return v;
}

Result<NoteVerifier> NoteVerifier::FromPublicKey(std::string name,
                                                 std::span<const uint8_t> public_key) {
  TF_RETURN_IF_ERROR(ValidateKeyName(name));
  if (public_key.size() != kEd25519PublicKeySize) return Malformed("public key is not 32 bytes");
  EnsureSodium();
  NoteVerifier v;
  v.key_id_ = Ed25519KeyId(name, public_key);
  v.name_ = std::move(name);
  std::memcpy(v.public_key_.data(), public_key.data(), kEd25519PublicKeySize);
  return v;
}

std::string NoteVerifier::ToText() const {
  std::string raw(1, static_cast<char>(kSignatureTypeEd25519));
  raw.append(AsChars(public_key_));
  return name_ + "+" + KeyIdHex(key_id_) + "+" + Base64Encode(raw);
}

bool NoteVerifier::Verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != kEd25519SignatureSize) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), public_key_.data()) == 0;
}

Result<NoteSigner> NoteSigner::Parse(std::string_view text) {
  if (!text.starts_with(kPrivateKeyPrefix)) return Malformed("signer key must start PRIVATE+KEY+");
  std::string name;
  uint32_t id = 0;
  TF_ASSIGN_OR_RETURN(std::string seed,
                      ParseKeyFields(text.substr(kPrivateKeyPrefix.size()), &name, &id));
  TF_ASSIGN_OR_RETURN(NoteSigner s, FromSeed(std::move(name), AsBytes(seed)));
  sodium_memzero(seed.data(), seed.size());
  if (s.key_id() != id) return Malformed("key id does not match the key name and key");
  return s;
}

Result<NoteSigner> NoteSigner::FromSeed(std::string name, std::span<const uint8_t> seed) {
  if (seed.size() != kEd25519SeedSize) return Malformed("Ed25519 seed is not 32 bytes");
  EnsureSodium();
  NoteSigner s;
  std::array<uint8_t, kEd25519PublicKeySize> pub;
  crypto_sign_seed_keypair(pub.data(), s.secret_.data(), seed.data());
  std::memcpy(s.seed_.data(), seed.data(), kEd25519SeedSize);
  TF_ASSIGN_OR_RETURN(s.verifier_, NoteVerifier::FromPublicKey(std::move(name), pub));
  return s;
}

Result<NoteSigner> NoteSigner::Generate(std::string name, RandomSource& random) {
  std::array<uint8_t, kEd25519SeedSize> seed;
  random.Fill(seed);
  Result<NoteSigner> s = FromSeed(std::move(name), seed);
  sodium_memzero(seed.data(), seed.size());
  return s;
}

NoteSigner::~NoteSigner() {
  sodium_memzero(seed_.data(), seed_.size());
  sodium_memzero(secret_.data(), secret_.size());
}

std::string NoteSigner::ToText() const {
  std::string raw(1, static_cast<char>(kSignatureTypeEd25519));
  raw.append(AsChars(seed_));
  std::string text =
      std::string(kPrivateKeyPrefix) + name() + "+" + KeyIdHex(key_id()) + "+" + Base64Encode(raw);
  sodium_memzero(raw.data(), raw.size());
  return text;
}

std::string NoteSigner::SignRaw(std::string_view message) const {
  std::string sig(kEd25519SignatureSize, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_.data());
  return sig;
}

std::string NoteSigner::SignatureLine(std::string_view text) const {
  std::string blob(4, '\0');
  const uint32_t id = key_id();
  for (int i = 0; i < 4; ++i)
    blob[i] = static_cast<char>((id >> (24 - 8 * i)) & 0xFF);
  blob += SignRaw(text);
  return "\u2014 " + name() + " " + Base64Encode(blob) + "\n";
}

}  // namespace tf::ledger
