#include "server/dev_auth.h"

#include <array>
#include <set>

#include "core/encoding.h"
#include "server/jwt_signer.h"

namespace tf::server {

Result<DevAuth> MakeDevAuth(const std::map<std::string, std::string, std::less<>>& route_scopes,
                            const Clock& clock, RandomSource& random) {
  constexpr int64_t kTokenLifetimeSeconds = 86400;
  std::array<uint8_t, 4> kid_bytes{};
  random.Fill(kid_bytes);
  TF_ASSIGN_OR_RETURN(JwtSigner signer,
                      JwtSigner::GenerateEd25519("dev-" + HexEncode(kid_bytes), random));
  std::set<std::string> scopes;
  for (const auto& [route, scope] : route_scopes) {
    if (scope != kPublicScope) scopes.insert(scope);
  }
  std::string scope_text;
  for (const std::string& s : scopes)
    scope_text += (scope_text.empty() ? "" : " ") + s;
  const int64_t now = clock.NowNanos() / kNanosPerSecond;
  const Value claims = Value::Object({
      {Value::String("iss"), Value::String(kDevIssuer)},
      {Value::String("aud"), Value::String(kDevAudience)},
      {Value::String("sub"), Value::String("dev")},
      {Value::String("tenant"), Value::String(kDevTenant)},
      {Value::String("scope"), Value::String(scope_text)},
      {Value::String("iat"), Value::Int(now)},
      {Value::String("exp"), Value::Int(now + kTokenLifetimeSeconds)},
  });
  DevAuth out;
  TF_ASSIGN_OR_RETURN(out.token, signer.Sign(claims));
  TF_ASSIGN_OR_RETURN(Value jwks, signer.Jwks());
  TF_ASSIGN_OR_RETURN(JwkSet set, JwkSet::FromValue(jwks));
  out.jwks = StaticJwksProvider::FromSet(std::move(set));
  out.options.rules.issuer = std::string(kDevIssuer);
  out.options.rules.audiences = {std::string(kDevAudience)};
  out.options.tenant_claim = "tenant";
  out.options.scope_claim = "scope";
  return out;
}

}  // namespace tf::server
