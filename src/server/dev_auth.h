// File: server/dev_auth.h
//
// Development mode (`proof serve --dev`): a local Ed25519 signing key made at start-up, a JWKS
// holding only its public half, and one bearer token for tenant "dev" with every scope the
// routes use, valid for a day. Nothing of it is written to disk; a restart invalidates the token.
// Never for production: the server says so loudly when it starts this way.
#ifndef TF_SERVER_DEV_AUTH_H_
#define TF_SERVER_DEV_AUTH_H_

#include <map>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/random.h"
#include "core/status.h"
#include "server/auth_config.h"
#include "server/authenticator.h"
#include "server/jwks_provider.h"

namespace tf::server {

inline constexpr std::string_view kDevIssuer = "urn:trust-fabric:dev";
inline constexpr std::string_view kDevAudience = "trust-fabric";
inline constexpr std::string_view kDevTenant = "dev";

struct DevAuth {
  std::unique_ptr<JwksProvider> jwks;
  AuthOptions options;
  std::string token;
};

// `route_scopes` gives the scopes the token carries (every non-public one).
Result<DevAuth> MakeDevAuth(const std::map<std::string, std::string, std::less<>>& route_scopes,
                            const Clock& clock, RandomSource& random);

}  // namespace tf::server

#endif  // TF_SERVER_DEV_AUTH_H_
