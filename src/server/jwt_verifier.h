// File: server/jwt_verifier.h
//
// Verification of a parsed JWT against a key set and the deployment's claim rules, in the order
// RFC 7519 §7.2 and RFC 8725 (JWT BCP) ask for: the algorithm is one we accept and fits the key
// type (no `none`, no RS/HS confusion), the key is in the JWKS, the signature verifies, then
// `exp`, `nbf`, `iat`, `iss` and `aud` hold, with a bounded clock skew.
//
//   TF_ASSIGN_OR_RETURN(Value claims, VerifyJwt(jwt, keys, rules, clock.NowNanos()));
#ifndef TF_SERVER_JWT_VERIFIER_H_
#define TF_SERVER_JWT_VERIFIER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "server/jwk.h"
#include "server/jwt.h"

namespace tf::server {

struct JwtRules {
  std::string issuer;                  // `iss` must equal it exactly
  std::vector<std::string> audiences;  // `aud` must name at least one of them
  int64_t clock_skew_nanos = 60'000'000'000;
};

// Checks the signature only (algorithm, key, signature). Errors: kAuthAlgorithmRejected,
// kAuthUnknownKey, kAuthSignatureInvalid.
Status VerifyJwtSignature(const ParsedJwt& jwt, const JwkSet& keys);

// Checks the registered claims at `now_nanos` (Unix epoch). Errors: kAuthTokenMalformed (a
// claim of the wrong type, no `exp`), kAuthTokenExpired, kAuthTokenNotYetValid,
// kAuthIssuerMismatch, kAuthAudienceMismatch.
Status VerifyJwtClaims(const Value& claims, const JwtRules& rules, int64_t now_nanos);

// A claim holding a NumericDate (RFC 7519 §2) as Unix nanoseconds; nullopt-like error when it is
// not a number. Fractional seconds are kept.
Result<int64_t> NumericDateNanos(const Value& claim);

}  // namespace tf::server

#endif  // TF_SERVER_JWT_VERIFIER_H_
