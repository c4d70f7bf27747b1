// File: server/authenticator.h
//
// `Authenticator`: turns an `Authorization: Bearer <JWT>` header into a `Principal`, or into the
// error that explains why not. It verifies the token with the provider's current JWKS (asking
// the provider for a refetch once when the token names an unknown kid), checks the claims with
// the configured issuer, audiences and clock skew, and reads the tenant and scopes.
//
// Verified tokens are cached by their exact text (bounded), so a client that reuses its token
// pays for one signature check, not one per request. An entry serves until the earlier of the
// token's expiry and `token_cache_ttl_nanos` after its check; the whole cache is dropped when
// the provider's key set changes (a rotated or revoked key stops a cached token at once). exp
// and nbf are checked on every use, cached or not; scopes are checked per route by the caller.
//
//   Authenticator auth(options, jwks, clock);
//   Result<Principal> who = auth.Authenticate(request.Header("authorization"));
//
// Thread safety: Authenticate may be called concurrently.
#ifndef TF_SERVER_AUTHENTICATOR_H_
#define TF_SERVER_AUTHENTICATOR_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "core/status.h"
#include "server/jwks_provider.h"
#include "server/jwt_verifier.h"
#include "server/principal.h"

namespace tf::server {

struct AuthOptions {
  JwtRules rules;
  std::string tenant_claim = "tenant";
  std::string scope_claim = "scope";
  size_t token_cache_entries = 4096;
  // How long a verified token is trusted before its signature is checked again.
  int64_t token_cache_ttl_nanos = 300'000'000'000;
};

class Authenticator {
 public:
  // `jwks` and `clock` are not owned and must outlive the authenticator.
  Authenticator(AuthOptions options, JwksProvider& jwks, const Clock& clock);

  // `authorization` is the header value or nullptr. Errors: kAuthTokenMissing, the kAuth* codes
  // of jwt.h / jwt_verifier.h, kAuthTenantMissing, kAuthKeysUnavailable.
  Result<Principal> Authenticate(const std::string* authorization);

  // Reads tenant and scopes from verified claims.
  Result<Principal> PrincipalFromClaims(const Value& claims) const;

 private:
  struct Cached {
    Principal principal;
    int64_t not_before_nanos = 0;
    int64_t trusted_until_nanos = 0;  // the check time plus the cache TTL
  };
  Result<Principal> Verify(std::string_view token, const JwkSetRef& keys);

  const AuthOptions options_;
  JwksProvider& jwks_;
  const Clock& clock_;
  std::mutex mu_;
  // Entries verified with `cache_keys_`. Holding the set (not its address) keeps a new set from
  // ever being mistaken for it.
  std::unordered_map<std::string, Cached> cache_;  // guarded by mu_
  JwkSetRef cache_keys_;                           // guarded by mu_
};

// The WWW-Authenticate challenge for an authentication or scope failure (RFC 6750 §3):
// no error attribute when the token is missing, `invalid_token` for a bad token,
// `insufficient_scope` with the needed scope for 403.
std::string BearerChallenge(const Status& status, std::string_view required_scope = {});

}  // namespace tf::server

#endif  // TF_SERVER_AUTHENTICATOR_H_
