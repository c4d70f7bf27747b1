// File: server/jwk.h
//
// JSON Web Keys (RFC 7517) for verifying bearer tokens: the three signature algorithms the
// server accepts (RFC 7518 §3.3 RS256, §3.4 ES256, RFC 8037 §3.1 EdDSA with Ed25519) and the
// public keys of a JWKS document. Keys of other types, `use: enc` keys and keys for other
// algorithms are skipped (an IdP's JWKS often holds them); malformed keys of a supported type and
// private key material are errors, so a bad JWKS is noticed rather than half-used.
//
//   TF_ASSIGN_OR_RETURN(JwkSet keys, JwkSet::Parse(jwks_json));
//   for (const Jwk* k : keys.Candidates(JwsAlgorithm::kEs256, kid)) k->Verify(...);
//
// Thread safety: a JwkSet is immutable after Parse; Verify may be called from any thread.
#ifndef TF_SERVER_JWK_H_
#define TF_SERVER_JWK_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace tf::server {

enum class JwsAlgorithm : uint8_t { kRs256, kEs256, kEdDsa };
enum class JwkKeyType : uint8_t { kRsa, kEcP256, kEd25519 };

// "RS256", "ES256" or "EdDSA"; anything else (including "none", HS256) is
// kAuthAlgorithmRejected.
Result<JwsAlgorithm> ParseJwsAlgorithm(std::string_view alg);
std::string_view JwsAlgorithmName(JwsAlgorithm alg);
// The only key type that may verify `alg` (RFC 7518 §3.1): no algorithm confusion.
JwkKeyType KeyTypeFor(JwsAlgorithm alg);

// RSA keys below this are refused (RFC 7518 §3.3 requires 2048 bits).
inline constexpr int kMinRsaBits = 2048;
inline constexpr int kMaxRsaBits = 8192;
// A JWKS beyond these limits is refused.
inline constexpr size_t kMaxJwksKeys = 64;
inline constexpr size_t kMaxJwksBytes = 256 * 1024;

class Jwk {
 public:
  Jwk(Jwk&&) noexcept;
  Jwk& operator=(Jwk&&) noexcept;
  ~Jwk();

  const std::string& kid() const { return kid_; }
  JwkKeyType type() const { return type_; }
  // The key's `alg` member when it has one: it may then verify only that algorithm.
  const std::string& alg() const { return alg_; }
  bool CanVerify(JwsAlgorithm alg) const;
  // True when `signature` is this key's `alg` signature of `signing_input`. For ES256 the
  // signature is the 64-byte R || S of RFC 7518 §3.4. REQUIRES: CanVerify(alg).
  bool Verify(JwsAlgorithm alg, std::string_view signing_input, std::string_view signature) const;

  // Parses one JWK object. kAuthConfigInvalid for a malformed key of a supported type;
  // kUnimplemented for a key the server does not use (the set skips those).
  static Result<Jwk> FromValue(const Value& jwk);

 private:
  Jwk() = default;
  std::string kid_;
  std::string alg_;
  JwkKeyType type_ = JwkKeyType::kRsa;
  EVP_PKEY* pkey_ = nullptr;  // owned
};

class JwkSet {
 public:
  // Parses a JWKS document ({"keys": [...]}). Fails when it is not one, holds private keys or a
  // malformed supported key, or has no usable key at all.
  static Result<JwkSet> Parse(std::string_view json);
  static Result<JwkSet> FromValue(const Value& jwks);

  // Keys that may verify `alg` for a token with key id `kid`: the keys with that kid, or, when
  // the token names no kid, every key for `alg`.
  std::vector<const Jwk*> Candidates(JwsAlgorithm alg, std::string_view kid) const;
  bool HasKid(std::string_view kid) const;
  size_t size() const { return keys_.size(); }
  // How many keys the document held that the server does not use.
  size_t skipped() const { return skipped_; }

 private:
  std::vector<Jwk> keys_;
  size_t skipped_ = 0;
};

}  // namespace tf::server

#endif  // TF_SERVER_JWK_H_
