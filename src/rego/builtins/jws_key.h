// File: rego/builtins/jws_key.h
//
// Keys for JSON Web Signatures: JWK and JWK Set parsing (RFC 7517 §4-5, key types of RFC 7518
// §6 and RFC 8037 §2) into OpenSSL keys or HMAC secrets, and OPA's rules for the keys a token
// may be verified with (a PEM certificate, a PEM public key, or a JWK/JWKS).
#ifndef TF_REGO_BUILTINS_JWS_KEY_H_
#define TF_REGO_BUILTINS_JWS_KEY_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "rego/builtins/openssl_ptr.h"

namespace tf::rego::builtins {

// An asymmetric key (RSA, EC P-256/384/521 or Ed25519) or, for "oct" keys, an HMAC secret.
struct JwsKey {
  EvpPkeyPtr pkey;     // null for a secret
  std::string secret;  // "oct" keys only
  std::string alg;     // the JWK's "alg" member, if any
  std::string kid;     // the JWK's "kid" member, if any
};

// Parses one JWK, or a JWK Set ({"keys": [...]}), public or private.
Result<std::vector<JwsKey>> ParseJwkSet(std::string_view json);

// The keys to verify a token with, as OPA's getKeysFromCertOrJWK: a PEM "CERTIFICATE" or "PUBLIC
// KEY" block (nothing may follow it), else a JWK or JWK Set; JWKS keys whose "alg" is not a
// known JWS algorithm are skipped. Errors carry OPA's messages.
Result<std::vector<JwsKey>> VerificationKeys(std::string_view text);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_JWS_KEY_H_
