// A JWKS fetched over HTTPS (from a second, real HTTPS server on loopback): caching, refetch on
// an unknown kid (rate-limited), and failing closed with 503 when the keys cannot be fetched.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "core/json.h"
#include "server/http_server.h"
#include "server/https_fetcher.h"
#include "testing/test_server.h"

namespace tf::server {
namespace {

using testing::HttpResult;

// Serves GET /jwks.json from memory; "down" answers 503 like a failing IdP.
class JwksHandler final : public RequestHandler {
 public:
  uint64_t BodyLimit(std::string_view, std::string_view) const override { return 0; }
  void Handle(HttpRequest request, Responder respond, const Poster&) override {
    ++fetches;
    std::lock_guard<std::mutex> lock(mu);
    if (!up) return respond(TextResponse(503, "text/plain", "down"));
    respond(TextResponse(200, "application/json", jwks));
  }
  void Serve(const std::vector<const JwtSigner*>& signers) {
    std::vector<Value> keys;
    for (const JwtSigner* s : signers)
      keys.push_back(*s->PublicJwk());
    std::lock_guard<std::mutex> lock(mu);
    jwks = ToJson(Value::Object({{Value::String("keys"), Value::Array(keys)}}));
    up = true;
  }
  void Down() {
    std::lock_guard<std::mutex> lock(mu);
    up = false;
  }

  std::atomic<int> fetches{0};
  std::mutex mu;
  bool up = false;
  std::string jwks;
};

class JwksRemoteIntegrationTest : public ::testing::Test {
 protected:
  JwksRemoteIntegrationTest() : ca_(dir_.path(), "idp") {
    HttpServerOptions options;
    testing::CertFiles cert = ca_.Issue("idp", "localhost", {"DNS:localhost"}, true);
    options.tls.cert_file = cert.cert;
    options.tls.key_file = cert.key;
    options.threads = 1;
    idp_ = *HttpServer::Start(options, handler_, logger_, metrics_, clock_);
    testing::TestServerOptions o;
    const std::string url = "https://localhost:" + std::to_string(idp_->port()) + "/jwks.json";
    const std::string ca_file = ca_.ca_file();
    o.edit_auth = [url, ca_file](AuthConfig& auth) {
      auth.jwks.file.clear();
      auth.jwks.url = url;
      auth.jwks.ca_file = ca_file;
      auth.jwks.cache_ttl_nanos = 300 * kNanosPerSecond;
      auth.jwks.max_stale_nanos = 60 * kNanosPerSecond;
      auth.jwks.min_refetch_interval_nanos = 30 * kNanosPerSecond;
    };
    o.start = false;
    server_ = std::make_unique<testing::TestServer>(o);
  }

  int StatusOf(const std::string& token) {
    return server_->Client()->Get("/v1/checkpoint", token)->status;
  }

  testing::TempDir dir_;
  testing::TestCa ca_;
  NullLogger logger_;
  MetricsRegistry metrics_;
  SystemClock clock_;
  JwksHandler handler_;
  std::unique_ptr<HttpServer> idp_;
  std::unique_ptr<testing::TestServer> server_;
  JwtSigner key1_ = *JwtSigner::Generate(JwsAlgorithm::kEs256, "idp-1");
  JwtSigner key2_ = *JwtSigner::Generate(JwsAlgorithm::kRs256, "idp-2");
};

TEST_F(JwksRemoteIntegrationTest, FailsClosedUntilTheJwksCanBeFetched) {
  handler_.Down();
  ASSERT_TRUE(server_->Start().ok());
  Result<HttpResult> r = server_->Client()->Get("/v1/checkpoint", server_->TokenWith(key1_));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(r->Json().Find("code")->string(), "auth_keys_unavailable");
  EXPECT_EQ(server_->Client()->Get("/readyz")->status, 503);

  handler_.Serve({&key1_});
  // Retries are rate-limited: still closed until the refetch interval passes.
  EXPECT_EQ(StatusOf(server_->TokenWith(key1_)), 503);
  server_->clock().Advance(30 * kNanosPerSecond);
  EXPECT_EQ(StatusOf(server_->TokenWith(key1_)), 200);
  EXPECT_EQ(server_->Client()->Get("/readyz")->status, 200);
}

TEST_F(JwksRemoteIntegrationTest, RefetchesOnAnUnknownKidAtMostOncePerInterval) {
  handler_.Serve({&key1_});
  ASSERT_TRUE(server_->Start().ok());
  EXPECT_EQ(StatusOf(server_->TokenWith(key1_)), 200);
  const int fetched = handler_.fetches.load();
  // The IdP rotates in a new key; the first token with its kid triggers a refetch.
  handler_.Serve({&key1_, &key2_});
  server_->clock().Advance(31 * kNanosPerSecond);
  EXPECT_EQ(StatusOf(server_->TokenWith(key2_)), 200);
  EXPECT_EQ(handler_.fetches.load(), fetched + 1);
  // Unknown kids within the interval do not hammer the IdP.
  JwtSigner stranger = *JwtSigner::Generate(JwsAlgorithm::kEdDsa, "idp-9");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(StatusOf(server_->TokenWith(stranger)), 401);
  EXPECT_EQ(handler_.fetches.load(), fetched + 1);
}

TEST_F(JwksRemoteIntegrationTest, ServesStaleKeysBrieflyThenFailsClosed) {
  handler_.Serve({&key1_});
  ASSERT_TRUE(server_->Start().ok());
  const std::string token =
      server_->TokenWith(key1_, testing::TokenSpec{.lifetime_seconds = 86400});
  EXPECT_EQ(StatusOf(token), 200);
  handler_.Down();
  server_->clock().Advance(330 * kNanosPerSecond);  // past the TTL, inside max_stale
  EXPECT_EQ(StatusOf(token), 200);
  server_->clock().Advance(31 * kNanosPerSecond);  // past TTL + max_stale
  EXPECT_EQ(StatusOf(token), 503);
}

TEST(HttpsFetcherTest, RefusesAServerItCannotVerify) {
  testing::TempDir dir;
  testing::TestCa ca(dir.path(), "a");
  testing::TestCa other(dir.path(), "b");
  NullLogger logger;
  MetricsRegistry metrics;
  SystemClock clock;
  JwksHandler handler;
  handler.Serve({});
  HttpServerOptions options;
  testing::CertFiles cert = ca.Issue("srv", "localhost", {"DNS:localhost"}, true);
  options.tls.cert_file = cert.cert;
  options.tls.key_file = cert.key;
  std::unique_ptr<HttpServer> server = *HttpServer::Start(options, handler, logger, metrics, clock);
  const std::string url = "https://localhost:" + std::to_string(server->port()) + "/jwks.json";
  EXPECT_TRUE(HttpsFetcher({ca.ca_file(), 5 * kNanosPerSecond, 1 << 20}).Fetch(url).ok());
  Result<std::string> untrusted =
      HttpsFetcher({other.ca_file(), 5 * kNanosPerSecond, 1 << 20}).Fetch(url);
  EXPECT_EQ(untrusted.status().code(), ErrorCode::kUnavailable);
  // The certificate is for localhost, not for 127.0.0.1.
  const std::string by_ip = "https://127.0.0.1:" + std::to_string(server->port()) + "/jwks.json";
  EXPECT_FALSE(HttpsFetcher({ca.ca_file(), 5 * kNanosPerSecond, 1 << 20}).Fetch(by_ip).ok());
  EXPECT_FALSE(ParseHttpsUrl("http://localhost/x").ok());
  EXPECT_FALSE(ParseHttpsUrl("https://user@localhost/x").ok());
}

}  // namespace
}  // namespace tf::server
