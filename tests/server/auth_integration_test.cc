// Authentication and scopes against the real server over loopback HTTP.
#include <gtest/gtest.h>

#include "core/encoding.h"
#include "core/json.h"
#include "server/jwt.h"
#include "testing/test_server.h"

namespace tf::server {
namespace {

using testing::TestServer;
using testing::TokenSpec;

std::string CodeOf(const testing::HttpResult& r) {
  const Value body = r.Json();
  const Value* code = body.Find("code");
  return code != nullptr && code->is_string() ? code->string() : "";
}

class AuthIntegrationTest : public ::testing::Test {
 protected:
  TestServer server_;
};

TEST_F(AuthIntegrationTest, AMissingTokenIs401WithABearerChallenge) {
  auto client = server_.Client();
  Result<testing::HttpResult> r = client->Get("/v1/checkpoint");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->Header("www-authenticate"), "Bearer realm=\"trust-fabric\"");
  EXPECT_EQ(r->Header("content-type"), "application/problem+json");
  EXPECT_EQ(CodeOf(*r), "auth_token_missing");
}

TEST_F(AuthIntegrationTest, AcceptsTokensSignedWithEachAlgorithm) {
  auto client = server_.Client();
  for (JwsAlgorithm alg : {JwsAlgorithm::kRs256, JwsAlgorithm::kEs256, JwsAlgorithm::kEdDsa}) {
    TokenSpec spec;
    spec.alg = alg;
    Result<testing::HttpResult> r = client->Get("/v1/checkpoint", server_.Token(spec));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->status, 200) << JwsAlgorithmName(alg) << ": " << r->body;
  }
}

TEST_F(AuthIntegrationTest, AnExpiredTokenIs401WithInvalidToken) {
  auto client = server_.Client();
  TokenSpec spec;
  spec.lifetime_seconds = 60;
  const std::string token = server_.Token(spec);
  ASSERT_EQ(client->Get("/v1/checkpoint", token)->status, 200);
  server_.clock().Advance(91 * kNanosPerSecond);  // 60 s lifetime + 30 s skew, passed
  Result<testing::HttpResult> r = client->Get("/v1/checkpoint", token);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(CodeOf(*r), "auth_token_expired");
  EXPECT_NE(r->Header("www-authenticate").find("error=\"invalid_token\""), std::string::npos);
}

TEST_F(AuthIntegrationTest, AWrongIssuerOrAudienceIs401) {
  auto client = server_.Client();
  TokenSpec wrong_issuer;
  wrong_issuer.issuer = "https://evil.test/";
  Result<testing::HttpResult> r = client->Get("/v1/checkpoint", server_.Token(wrong_issuer));
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(CodeOf(*r), "auth_issuer_mismatch");
  TokenSpec wrong_audience;
  wrong_audience.audience = "another-service";
  r = client->Get("/v1/checkpoint", server_.Token(wrong_audience));
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(CodeOf(*r), "auth_audience_mismatch");
}

TEST_F(AuthIntegrationTest, ATokenFromTheFutureIs401) {
  auto client = server_.Client();
  TokenSpec early;
  early.issued_offset_seconds = 120;  // nbf two minutes ahead, beyond the 30 s skew
  Result<testing::HttpResult> r = client->Get("/v1/checkpoint", server_.Token(early));
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(CodeOf(*r), "auth_token_not_yet_valid");
}

TEST_F(AuthIntegrationTest, RejectsAlgNoneAndKeysOutsideTheJwks) {
  auto client = server_.Client();
  // alg "none", no signature.
  const std::string header =
      Base64Encode(R"({"alg":"none","kid":"ed-1"})", Base64Alphabet::kUrl, Base64Padding::kNoPad);
  const std::string good = server_.Token();
  const std::string payload = good.substr(good.find('.') + 1, good.rfind('.') - good.find('.') - 1);
  Result<testing::HttpResult> r = client->Get("/v1/checkpoint", header + "." + payload + ".");
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(CodeOf(*r), "auth_algorithm_rejected");
  // A key the server never saw, with a kid the JWKS does have.
  Result<JwtSigner> stranger = JwtSigner::Generate(JwsAlgorithm::kEdDsa, "ed-1");
  Result<ParsedJwt> parsed = ParseJwt(good);
  r = client->Get("/v1/checkpoint", *stranger->Sign(parsed->claims));
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(CodeOf(*r), "auth_signature_invalid");
  // An unknown kid.
  Result<JwtSigner> unknown = JwtSigner::Generate(JwsAlgorithm::kEdDsa, "ed-9");
  r = client->Get("/v1/checkpoint", *unknown->Sign(parsed->claims));
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(CodeOf(*r), "auth_unknown_key");
}

TEST_F(AuthIntegrationTest, RejectsAlgorithmConfusionAgainstTheRsaKey) {
  auto client = server_.Client();
  // An EdDSA-signed token that names the RSA key's kid.
  Result<JwtSigner> ed = JwtSigner::Generate(JwsAlgorithm::kEdDsa, "rsa-1");
  Result<ParsedJwt> parsed = ParseJwt(server_.Token());
  Result<testing::HttpResult> r = client->Get("/v1/checkpoint", *ed->Sign(parsed->claims));
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(CodeOf(*r), "auth_algorithm_rejected");
}

TEST_F(AuthIntegrationTest, AValidTokenWithoutTheScopeIs403) {
  auto client = server_.Client();
  TokenSpec reader;
  reader.scope = "ledger:read";
  Result<testing::HttpResult> r =
      client->Post("/v1/verify", server_.Token(reader), R"({"pack":"x","input":{}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(CodeOf(*r), "auth_insufficient_scope");
  EXPECT_EQ(r->Header("www-authenticate"),
            "Bearer realm=\"trust-fabric\", error=\"insufficient_scope\", scope=\"verify:run\"");
  EXPECT_EQ(client->Get("/v1/checkpoint", server_.Token(reader))->status, 200);
}

TEST_F(AuthIntegrationTest, PublicRoutesNeedNoTokenAndMetricsDoes) {
  auto client = server_.Client();
  EXPECT_EQ(client->Get("/healthz")->status, 200);
  EXPECT_EQ(client->Get("/readyz")->status, 200);
  EXPECT_EQ(client->Get("/v1/openapi.yaml")->status, 200);
  EXPECT_EQ(client->Get("/metrics")->status, 401);
  Result<testing::HttpResult> m = client->Get("/metrics", server_.Token());
  ASSERT_EQ(m->status, 200);
  EXPECT_NE(m->body.find("# TYPE auth_failures_total counter"), std::string::npos);
  EXPECT_NE(m->body.find("http_requests_total{route=\"GET /metrics\",status=\"401\"} 1"),
            std::string::npos)
      << m->body;
}

TEST_F(AuthIntegrationTest, ATokenWithoutATenantIs403) {
  auto client = server_.Client();
  Result<ParsedJwt> parsed = ParseJwt(server_.Token());
  Value claims = parsed->claims;
  *claims.ObjectFindMutable(Value::String("tenant")) = Value::Int(7);
  Result<testing::HttpResult> r =
      client->Get("/v1/checkpoint", *server_.signer(JwsAlgorithm::kEdDsa).Sign(claims));
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(CodeOf(*r), "auth_tenant_missing");
}

TEST(AuthStartupTest, ProductionConfigRefusesToStartWithoutAuth) {
  testing::TempDir data;
  FakeClock clock(testing::kTestEpochSeconds * kNanosPerSecond);
  SeededRandom random(1);
  NullLogger logger;
  MetricsRegistry metrics;
  ServerConfig config;
  config.listen = "127.0.0.1:0";
  config.data_dir = data.path();
  Result<std::unique_ptr<ServerApp>> app =
      ServerApp::Start(config, ServeMode{}, ServerAppEnv{&logger, &metrics, &clock, &random});
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.status().code(), ErrorCode::kAuthConfigInvalid);
  EXPECT_NE(app.status().message().find("--dev"), std::string_view::npos);
}

TEST(AuthStartupTest, DevModePrintsATokenThatWorks) {
  testing::TempDir data;
  FakeClock clock(testing::kTestEpochSeconds * kNanosPerSecond);
  SeededRandom random(2);
  NullLogger logger;
  MetricsRegistry metrics;
  ServerConfig config;
  config.listen = "127.0.0.1:0";
  config.data_dir = data.path();
  Result<std::unique_ptr<ServerApp>> app =
      ServerApp::Start(config, ServeMode{true}, ServerAppEnv{&logger, &metrics, &clock, &random});
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  ASSERT_FALSE((*app)->dev_token().empty());
  testing::TestClient client((*app)->port());
  EXPECT_EQ(client.Get("/v1/checkpoint", (*app)->dev_token())->status, 200);
  EXPECT_EQ(client.Get("/v1/checkpoint", "x.y.z")->status, 401);
}

TEST(AuthStartupTest, ARouteWithoutAScopeRefusesToStart) {
  testing::TempDir data;
  testing::TestServerOptions options;
  options.start = false;
  options.edit_auth = [](AuthConfig& auth) { auth.route_scopes.erase("POST /v1/verify"); };
  TestServer server(options);
  Status s = server.Start();
  EXPECT_EQ(s.code(), ErrorCode::kAuthConfigInvalid);
  EXPECT_NE(s.message().find("POST /v1/verify"), std::string_view::npos);
}

}  // namespace
}  // namespace tf::server
