#include "server/jwt_verifier.h"

#include <cmath>
#include <limits>

namespace tf::server {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;

Status Malformed(std::string message) {
  return Status(ErrorCode::kAuthTokenMalformed, std::move(message));
}

std::string SecondsText(int64_t nanos) {
  return std::to_string(nanos / kNanosPerSecond);
}

// `aud` is a string or an array of strings (RFC 7519 §4.1.3).
Status CheckAudience(const Value& claims, const JwtRules& rules) {
  if (rules.audiences.empty()) return Status::Ok();
  const Value* aud = claims.Find("aud");
  if (aud == nullptr) return Status(ErrorCode::kAuthAudienceMismatch, "token has no 'aud'");
  std::vector<std::string_view> named;
  if (aud->is_string()) {
    named.push_back(aud->string());
  } else if (aud->is_array()) {
    for (const Value& a : aud->array()) {
      if (!a.is_string()) return Malformed("'aud' array holds a non-string");
      named.push_back(a.string());
    }
  } else {
    return Malformed("'aud' is neither a string nor an array");
  }
  for (std::string_view a : named) {
    for (const std::string& want : rules.audiences) {
      if (a == want) return Status::Ok();
    }
  }
  return Status(ErrorCode::kAuthAudienceMismatch, "token audience is not for this server");
}

}  // namespace

Result<int64_t> NumericDateNanos(const Value& claim) {
  if (!claim.is_number()) return Malformed("a date claim is not a number");
  const double seconds = claim.number().ToDouble();
  constexpr double kMaxSeconds = 9.2e9;  // keeps nanoseconds inside int64
  if (!std::isfinite(seconds) || seconds < 0 || seconds > kMaxSeconds) {
    return Malformed("a date claim is out of range");
  }
  return static_cast<int64_t>(seconds * static_cast<double>(kNanosPerSecond));
}

Status VerifyJwtSignature(const ParsedJwt& jwt, const JwkSet& keys) {
  // RFC 8725 §3.1: the algorithm list is ours, never the token's; "none" is not on it.
  TF_ASSIGN_OR_RETURN(JwsAlgorithm alg, ParseJwsAlgorithm(jwt.header.alg));
  const std::vector<const Jwk*> candidates = keys.Candidates(alg, jwt.header.kid);
  if (candidates.empty()) {
    if (!jwt.header.kid.empty() && keys.HasKid(jwt.header.kid)) {
      // The key exists but is of another type or pinned to another alg: algorithm confusion.
      return Status(ErrorCode::kAuthAlgorithmRejected,
                    "key '" + jwt.header.kid + "' may not verify " + jwt.header.alg);
    }
    return Status(ErrorCode::kAuthUnknownKey,
                  jwt.header.kid.empty() ? "no key in the JWKS verifies " + jwt.header.alg
                                         : "key id '" + jwt.header.kid + "' is not in the JWKS");
  }
  for (const Jwk* key : candidates) {
    if (key->Verify(alg, jwt.signing_input, jwt.signature)) return Status::Ok();
  }
  return Status(ErrorCode::kAuthSignatureInvalid, "signature does not verify");
}

Status VerifyJwtClaims(const Value& claims, const JwtRules& rules, int64_t now_nanos) {
  const int64_t skew = rules.clock_skew_nanos;
  const Value* exp = claims.Find("exp");
  if (exp == nullptr) return Malformed("token has no 'exp'");
  TF_ASSIGN_OR_RETURN(int64_t exp_nanos, NumericDateNanos(*exp));
  // RFC 7519 §4.1.4: the current time must be before exp (plus leeway).
  if (now_nanos >= exp_nanos + skew) {
    return Status(ErrorCode::kAuthTokenExpired, "token expired at " + SecondsText(exp_nanos));
  }
  if (const Value* nbf = claims.Find("nbf"); nbf != nullptr) {
    TF_ASSIGN_OR_RETURN(int64_t nbf_nanos, NumericDateNanos(*nbf));
    if (now_nanos + skew < nbf_nanos) {
      return Status(ErrorCode::kAuthTokenNotYetValid,
                    "token not valid before " + SecondsText(nbf_nanos));
    }
  }
  if (const Value* iat = claims.Find("iat"); iat != nullptr) {
    TF_ASSIGN_OR_RETURN(int64_t iat_nanos, NumericDateNanos(*iat));
    if (now_nanos + skew < iat_nanos) {
      return Status(ErrorCode::kAuthTokenNotYetValid, "token issued in the future");
    }
  }
  const Value* iss = claims.Find("iss");
  if (iss == nullptr || !iss->is_string() || iss->string() != rules.issuer) {
    return Status(ErrorCode::kAuthIssuerMismatch, "token issuer is not the configured issuer");
  }
  return CheckAudience(claims, rules);
}

}  // namespace tf::server
