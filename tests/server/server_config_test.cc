#include "server/server_config.h"

#include <gtest/gtest.h>

#include "core/yaml.h"

namespace tf::server {
namespace {

const std::string kConfigDir = std::string(TF_SOURCE_DIR) + "/config";

TEST(ServerConfigTest, TheShippedConfigurationParses) {
  Result<ServerConfig> config = LoadServerConfigFile(kConfigDir + "/server.yaml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->listen, "0.0.0.0:8443");
  ASSERT_TRUE(config->auth.has_value());
  EXPECT_EQ(config->auth->issuer, "https://idp.example.com/");
  EXPECT_EQ(config->auth->jwks.url, "https://idp.example.com/.well-known/jwks.json");
  EXPECT_EQ(config->quotas.per_tenant.at("acme").burst, 4000);
  EXPECT_EQ(config->limits.http.read_timeout_nanos, 10 * kNanosPerSecond);
  EXPECT_EQ(config->tls.cert_file, "/etc/trust-fabric/tls/server.crt");
}

TEST(ServerConfigTest, TheShippedScopeMapIsTheDefault) {
  Result<ServerConfig> config = LoadServerConfigFile(kConfigDir + "/server.yaml");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->auth->route_scopes, DefaultRouteScopes());
}

TEST(ServerConfigTest, UnknownKeysAreErrorsNamingTheSetting) {
  Result<ServerConfig> c = ParseServerConfig(*ParseYaml("limits:\n  read_timout: 5s\n"), "");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("limits.read_timout"), std::string_view::npos);
  c = ParseServerConfig(
      *ParseYaml(
          "auth:\n  issuer: x\n  audiences: [a]\n  jwks: {url: 'http://x/'}\n  routes: {}\n"),
      "");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("https"), std::string_view::npos);
  c = ParseServerConfig(*ParseYaml("auth:\n  issuer: x\n  jwks: {file: j.json}\n  routes: {}\n"),
                        "");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("audience"), std::string_view::npos);
}

TEST(ServerConfigTest, ResolvesRelativePathsAgainstTheConfigFolder) {
  Result<ServerConfig> c = ParseServerConfig(
      *ParseYaml("tls: {cert: tls/s.crt, key: /abs/s.key}\nauth:\n  issuer: x\n  audiences: a\n"
                 "  jwks: {file: jwks.json}\n  routes: {}\n"),
      "/etc/tf");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->tls.cert_file, "/etc/tf/tls/s.crt");
  EXPECT_EQ(c->tls.key_file, "/abs/s.key");
  EXPECT_EQ(c->auth->jwks.file, "/etc/tf/jwks.json");
}

TEST(ServerConfigTest, LedgerGroupWindowDefaultsToHalfAMillisecondAndIsBounded) {
  Result<ServerConfig> c = ParseServerConfig(*ParseYaml("listen: 127.0.0.1:0\n"), "");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->ledger_group_window_nanos, 500'000);
  c = ParseServerConfig(*ParseYaml("ledger: {group_window: 2ms}\n"), "");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->ledger_group_window_nanos, 2'000'000);
  c = ParseServerConfig(*ParseYaml("ledger: {group_window: 0}\n"), "");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->ledger_group_window_nanos, 0);
  for (const char* bad : {"ledger: {group_window: 1s}\n", "ledger: {group_window: -1ms}\n",
                          "ledger: {group_window: soon}\n"}) {
    c = ParseServerConfig(*ParseYaml(bad), "");
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_NE(c.status().message().find("ledger.group_window"), std::string_view::npos) << bad;
  }
}

TEST(ServerConfigTest, ParsesListenAddresses) {
  EXPECT_EQ(ParseListenAddress("127.0.0.1:8443")->port, 8443);
  EXPECT_EQ(ParseListenAddress("[::1]:0")->host, "::1");
  for (const char* bad : {"8443", ":80", "host:", "h:99999", "h:-1", "h:8a"}) {
    EXPECT_FALSE(ParseListenAddress(bad).ok()) << bad;
  }
}

TEST(AuthConfigTest, RefusesARouteMapThatMissesARoute) {
  AuthConfig config;
  config.route_scopes = DefaultRouteScopes();
  config.route_scopes.erase("GET /readyz");
  std::vector<std::string> keys;
  for (const auto& [k, v] : DefaultRouteScopes())
    keys.push_back(k);
  EXPECT_EQ(CheckRouteScopes(config, keys).code(), ErrorCode::kAuthConfigInvalid);
  config.route_scopes = DefaultRouteScopes();
  config.route_scopes["GET /v1/typo"] = "x";
  EXPECT_EQ(CheckRouteScopes(config, keys).code(), ErrorCode::kAuthConfigInvalid);
}

}  // namespace
}  // namespace tf::server
