// Tenant rate limits and quotas, body and header limits, and timeouts against slow clients.
#include <gtest/gtest.h>

#include "testing/test_server.h"

namespace tf::server {
namespace {

using testing::HttpResult;
using testing::TestServer;
using testing::TestServerOptions;
using testing::TokenSpec;

TestServerOptions LimitedOptions() {
  TestServerOptions o;
  o.quotas = TenantLimits{/*rate_per_second=*/1, /*burst=*/2, /*daily_requests=*/1000};
  o.tenant_quotas["tiny"] = TenantLimits{1000, 1000, 3};
  o.max_body_bytes = 1024;
  o.http.max_header_bytes = 2048;
  o.http.read_timeout_nanos = 300 * kNanosPerMilli;
  o.http.idle_timeout_nanos = 300 * kNanosPerMilli;
  return o;
}

class LimitsIntegrationTest : public ::testing::Test {
 protected:
  TestServer server_{LimitedOptions()};
  std::unique_ptr<testing::TestClient> client_ = server_.Client();
};

TEST_F(LimitsIntegrationTest, TheRateLimitAnswers429WithRetryAfterAndWhichLimit) {
  const std::string token = server_.Token();
  EXPECT_EQ(client_->Get("/v1/checkpoint", token)->status, 200);
  EXPECT_EQ(client_->Get("/v1/checkpoint", token)->status, 200);
  Result<HttpResult> r = client_->Get("/v1/checkpoint", token);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(r->Header("retry-after"), "1");
  const Value body = r->Json();
  EXPECT_EQ(body.Find("code")->string(), "rate_limited");
  EXPECT_EQ(body.Find("limit")->string(), "rate");
  EXPECT_EQ(*body.Find("limit_size")->number().ToInt64(), 1);
  EXPECT_EQ(*body.Find("burst")->number().ToInt64(), 2);
  EXPECT_EQ(body.Find("reset_at")->string(), "2026-11-21T12:00:01.000000000Z");
  // Another tenant has its own bucket; time refills this one.
  EXPECT_EQ(client_->Get("/v1/checkpoint", server_.Token(TokenSpec{.tenant = "globex"}))->status,
            200);
  server_.clock().Advance(kNanosPerSecond);
  EXPECT_EQ(client_->Get("/v1/checkpoint", token)->status, 200);
}

TEST_F(LimitsIntegrationTest, TheDailyQuotaAnswers429UntilMidnightUtc) {
  const std::string token = server_.Token(TokenSpec{.tenant = "tiny"});
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(client_->Get("/v1/checkpoint", token)->status, 200);
  Result<HttpResult> r = client_->Get("/v1/checkpoint", token);
  EXPECT_EQ(r->status, 429);
  const Value body = r->Json();
  EXPECT_EQ(body.Find("code")->string(), "quota_exceeded");
  EXPECT_EQ(body.Find("limit")->string(), "daily_quota");
  EXPECT_EQ(*body.Find("limit_size")->number().ToInt64(), 3);
  EXPECT_EQ(body.Find("reset_at")->string(), "2026-11-22T00:00:00.000000000Z");
  EXPECT_EQ(r->Header("retry-after"), std::to_string(12 * 3600));
}

TEST_F(LimitsIntegrationTest, ABodyOverTheLimitIs413BeforeItIsRead) {
  Result<HttpResult> r = client_->Post("/v1/verify", server_.Token(), std::string(4096, 'x'));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->Json().Find("code")->string(), "request_too_large");
  EXPECT_FALSE(r->keep_alive);
}

TEST_F(LimitsIntegrationTest, HeadersOverTheLimitAre431) {
  Result<HttpResult> r =
      client_->Request("GET", "/healthz", {{"X-Padding", std::string(4096, 'a')}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 431);
  EXPECT_EQ(r->Json().Find("code")->string(), "headers_too_large");
}

TEST_F(LimitsIntegrationTest, ASlowlorisClientIsCutOffAtTheReadTimeout) {
  // Half a request line, then nothing: the server must close the connection once the read
  // timeout (300 ms here) passes, rather than hold it forever.
  ASSERT_TRUE(client_->SendRaw("GET /healthz HTTP/1.1\r\nHost: x\r\n").ok());
  EXPECT_TRUE(client_->ServerClosed());
}

TEST_F(LimitsIntegrationTest, IdleKeepAliveConnectionsAreClosed) {
  ASSERT_EQ(client_->Get("/healthz")->status, 200);
  EXPECT_TRUE(client_->ServerClosed());
}

TEST_F(LimitsIntegrationTest, KeepAliveServesManyRequestsOnOneConnection) {
  testing::TestClient client(server_.port());
  for (int i = 0; i < 20; ++i) {
    Result<HttpResult> r = client.Get("/healthz");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->keep_alive);
  }
  // Pipelined: two requests in one write, two responses in order.
  ASSERT_TRUE(
      client
          .SendRaw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
          .ok());
  EXPECT_EQ(client.ReadResponse()->status, 200);
  EXPECT_EQ(client.ReadResponse()->status, 404);
}

TEST_F(LimitsIntegrationTest, MalformedRequestsAre400) {
  ASSERT_TRUE(client_->SendRaw("NOT HTTP\r\n\r\n").ok());
  Result<HttpResult> r = client_->ReadResponse();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 400);
}

}  // namespace
}  // namespace tf::server
