// File: server/auth_config.h
//
// `AuthConfig`: who may call the API, read from `config/auth.yaml` (see docs/deploy.md):
//
//   issuer: https://idp.example.com/
//   audiences: [trust-fabric]
//   clock_skew: 60s
//   tenant_claim: tenant          # the claim that names the caller's tenant
//   scope_claim: scope            # space-separated string or array ("scp" is read as well)
//   jwks:
//     url: https://idp.example.com/.well-known/jwks.json   # or  file: /etc/tf/jwks.json
//     cache_ttl: 5m
//     max_stale: 15m
//     min_refetch_interval: 30s
//     fetch_timeout: 5s
//     ca_file: /etc/ssl/certs/idp-ca.pem                    # optional; else the system store
//   routes:                       # every route must be listed: a missing one refuses to start
//     "POST /v1/verify": verify:run
//     "GET /healthz": public
//
// A route mapped to `public` needs no token; every other value is the scope a token must carry.
#ifndef TF_SERVER_AUTH_CONFIG_H_
#define TF_SERVER_AUTH_CONFIG_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "server/duration.h"

namespace tf::server {

inline constexpr std::string_view kPublicScope = "public";

struct JwksConfig {
  std::string file;  // exactly one of file and url
  std::string url;   // https:// only
  std::string ca_file;
  int64_t cache_ttl_nanos = 300 * kNanosPerSecond;
  int64_t max_stale_nanos = 900 * kNanosPerSecond;
  int64_t min_refetch_interval_nanos = 30 * kNanosPerSecond;
  int64_t fetch_timeout_nanos = 5 * kNanosPerSecond;
};

struct AuthConfig {
  std::string issuer;
  std::vector<std::string> audiences;
  int64_t clock_skew_nanos = 60 * kNanosPerSecond;
  std::string tenant_claim = "tenant";
  std::string scope_claim = "scope";
  JwksConfig jwks;
  // "METHOD /pattern" -> scope, or kPublicScope.
  std::map<std::string, std::string, std::less<>> route_scopes;
};

// Parses the auth document (a YAML mapping). `base_dir` resolves relative file paths.
// kAuthConfigInvalid (or kYamlParseError) naming the setting at fault.
Result<AuthConfig> ParseAuthConfig(const Value& doc, const std::string& base_dir);
Result<AuthConfig> ParseAuthConfigYaml(std::string_view yaml, const std::string& base_dir);

// The scope map the server uses when none is configured (development mode); identical to the
// shipped config/auth.yaml (a test keeps them in step).
std::map<std::string, std::string, std::less<>> DefaultRouteScopes();

// OK when every route key in `route_keys` has a scope and no scope names an unknown route.
Status CheckRouteScopes(const AuthConfig& config, const std::vector<std::string>& route_keys);

}  // namespace tf::server

#endif  // TF_SERVER_AUTH_CONFIG_H_
