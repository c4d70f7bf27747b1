#include "server/auth_config.h"

#include <algorithm>

#include "core/yaml.h"
#include "server/internal/config_reader.h"

namespace tf::server {
namespace {

using internal::ConfigReader;

std::string Resolve(const std::string& base_dir, const std::string& path) {
  if (path.empty() || path[0] == '/' || base_dir.empty()) return path;
  return base_dir + "/" + path;
}

Status ParseJwks(const Value* doc, const std::string& base_dir, JwksConfig& out) {
  if (doc == nullptr) return Status(ErrorCode::kAuthConfigInvalid, "auth.jwks: is required");
  ConfigReader r(*doc, "auth.jwks");
  TF_RETURN_IF_ERROR(r.CheckIsMapping());
  TF_RETURN_IF_ERROR(r.String("file", out.file));
  TF_RETURN_IF_ERROR(r.String("url", out.url));
  TF_RETURN_IF_ERROR(r.String("ca_file", out.ca_file));
  TF_RETURN_IF_ERROR(r.Duration("cache_ttl", out.cache_ttl_nanos));
  TF_RETURN_IF_ERROR(r.Duration("max_stale", out.max_stale_nanos));
  TF_RETURN_IF_ERROR(r.Duration("min_refetch_interval", out.min_refetch_interval_nanos));
  TF_RETURN_IF_ERROR(r.Duration("fetch_timeout", out.fetch_timeout_nanos));
  TF_RETURN_IF_ERROR(r.Finish());
  if (out.file.empty() == out.url.empty()) {
    return r.Error("file", "exactly one of 'file' and 'url' must be set");
  }
  if (!out.url.empty() && out.url.rfind("https://", 0) != 0) {
    return r.Error("url", "must be an https:// URL (keys fetched in clear text can be swapped)");
  }
  if (out.cache_ttl_nanos <= 0) return r.Error("cache_ttl", "must be positive");
  if (out.fetch_timeout_nanos <= 0) return r.Error("fetch_timeout", "must be positive");
  out.file = Resolve(base_dir, out.file);
  out.ca_file = Resolve(base_dir, out.ca_file);
  return Status::Ok();
}

Status ParseRoutes(const Value* doc, AuthConfig& out) {
  if (doc == nullptr) return Status(ErrorCode::kAuthConfigInvalid, "auth.routes: is required");
  if (!doc->is_object())
    return Status(ErrorCode::kAuthConfigInvalid, "auth.routes: must be a mapping");
  for (const auto& [k, v] : doc->object()) {
    if (!k.is_string() || !v.is_string() || v.string().empty()) {
      return Status(ErrorCode::kAuthConfigInvalid,
                    "auth.routes: each entry maps \"METHOD /path\" to a scope or 'public'");
    }
    out.route_scopes[k.string()] = v.string();
  }
  return Status::Ok();
}

}  // namespace

Result<AuthConfig> ParseAuthConfig(const Value& doc, const std::string& base_dir) {
  AuthConfig out;
  ConfigReader r(doc, "auth");
  TF_RETURN_IF_ERROR(r.CheckIsMapping());
  TF_RETURN_IF_ERROR(r.String("issuer", out.issuer, /*required=*/true));
  TF_RETURN_IF_ERROR(r.StringList("audiences", out.audiences));
  TF_RETURN_IF_ERROR(r.Duration("clock_skew", out.clock_skew_nanos));
  TF_RETURN_IF_ERROR(r.String("tenant_claim", out.tenant_claim));
  TF_RETURN_IF_ERROR(r.String("scope_claim", out.scope_claim));
  TF_RETURN_IF_ERROR(ParseJwks(r.Raw("jwks"), base_dir, out.jwks));
  TF_RETURN_IF_ERROR(ParseRoutes(r.Raw("routes"), out));
  TF_RETURN_IF_ERROR(r.Finish());
  if (out.audiences.empty()) {
    // RFC 8725 §3.9: without an audience check a token minted for another service is accepted.
    return r.Error("audiences", "at least one audience is required");
  }
  constexpr int64_t kMaxSkew = 600 * kNanosPerSecond;
  if (out.clock_skew_nanos > kMaxSkew) return r.Error("clock_skew", "must be at most 10m");
  if (out.tenant_claim.empty()) return r.Error("tenant_claim", "must not be empty");
  return out;
}

Result<AuthConfig> ParseAuthConfigYaml(std::string_view yaml, const std::string& base_dir) {
  TF_ASSIGN_OR_RETURN(Value doc, ParseYaml(yaml));
  return ParseAuthConfig(doc, base_dir);
}

std::map<std::string, std::string, std::less<>> DefaultRouteScopes() {
  return {
      {"POST /v1/verify", "verify:run"},
      {"PUT /v1/packs/{id}", "policy:compile"},
      {"GET /v1/packs", "policy:read"},
      {"GET /v1/packs/{id}", "policy:read"},
      {"POST /v1/evidence", "evidence:write"},
      {"GET /v1/evidence/{hash}", "evidence:read"},
      {"GET /v1/checkpoint", "ledger:read"},
      {"GET /v1/ledger/inclusion", "ledger:read"},
      {"GET /v1/ledger/consistency", "ledger:read"},
      {"GET /v1/receipts/{leaf}", "ledger:read"},
      {"GET /v1/graph/neighbors", "graph:read"},
      {"GET /v1/graph/k-hop", "graph:read"},
      {"GET /v1/graph/shortest-path", "graph:read"},
      {"GET /v1/graph/component-size", "graph:read"},
      {"GET /v1/graph/degree", "graph:read"},
      {"GET /healthz", std::string(kPublicScope)},
      {"GET /readyz", std::string(kPublicScope)},
      {"GET /metrics", "metrics:read"},
      {"GET /v1/openapi.yaml", std::string(kPublicScope)},
  };
}

Status CheckRouteScopes(const AuthConfig& config, const std::vector<std::string>& route_keys) {
  for (const std::string& key : route_keys) {
    if (config.route_scopes.find(key) == config.route_scopes.end()) {
      return Status(ErrorCode::kAuthConfigInvalid,
                    "auth.routes: no scope for \"" + key + "\" (map it to a scope or 'public')");
    }
  }
  for (const auto& [key, scope] : config.route_scopes) {
    // Routes of modules that are not built in yet may be configured ahead of time; a key that
    // is not a route pattern at all is a typo.
    const bool known = std::find(route_keys.begin(), route_keys.end(), key) != route_keys.end();
    const auto defaults = DefaultRouteScopes();
    if (!known && defaults.find(key) == defaults.end()) {
      return Status(ErrorCode::kAuthConfigInvalid, "auth.routes: \"" + key + "\" is not a route");
    }
  }
  return Status::Ok();
}

}  // namespace tf::server
