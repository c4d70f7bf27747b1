// Graceful shutdown: a request in flight is answered (with Connection: close), idle keep-alive
// connections are closed, new connections are refused, and what was acknowledged is durable.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "testing/test_server.h"

namespace tf::server {
namespace {

using testing::HttpResult;

TEST(ShutdownIntegrationTest, FinishesRequestsInFlightAndClosesIdleConnections) {
  testing::TestServer server;
  const std::string token = server.Token();
  auto idle = server.Client();
  ASSERT_EQ(idle->Get("/healthz")->status, 200);

  // A request whose headers arrived but whose body has not: it is in flight. The interim
  // "100 Continue" proves the server has read the headers before shutdown starts.
  auto busy = server.Client();
  const std::string body = "evidence in flight";
  ASSERT_TRUE(
      busy->SendRaw("POST /v1/evidence HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                    "\r\nContent-Type: text/plain\r\nExpect: 100-continue\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n")
          .ok());
  ASSERT_EQ(busy->ReadResponse()->status, 100);
  std::future<void> stopped = std::async(std::launch::async, [&] { server.app().Shutdown(); });
  // Draining has begun once the idle connection is closed; shutdown now waits for the busy
  // connection, so finish its request.
  EXPECT_TRUE(idle->ServerClosed());
  ASSERT_TRUE(busy->SendRaw(body).ok());
  Result<HttpResult> r = busy->ReadResponse();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 201) << r->body;
  EXPECT_FALSE(r->keep_alive);
  stopped.wait();

  // The acknowledged evidence survived: restart on the same data directory and read it back.
  ASSERT_TRUE(server.Start().ok());
  const std::string hash = r->Json().Find("content_hash")->string();
  EXPECT_EQ(server.Client()->Get("/v1/evidence/" + hash, token)->body, body);
}

TEST(ShutdownIntegrationTest, ReadinessTurnsOffWhileDraining) {
  testing::TestServer server;
  auto watcher = server.Client();
  ASSERT_EQ(watcher->Get("/readyz")->status, 200);
  auto busy = server.Client();
  ASSERT_TRUE(busy->SendRaw("GET /readyz HTTP/1.1\r\nHost: x\r\nExpect: "
                            "100-continue\r\nContent-Length: 1\r\n\r\n")
                  .ok());
  ASSERT_EQ(busy->ReadResponse()->status, 100);
  std::future<void> stopped = std::async(std::launch::async, [&] { server.app().Shutdown(); });
  // The idle watcher is closed once draining has begun; only then is the busy request's answer
  // determined (sending its body earlier races with the start of shutdown).
  EXPECT_TRUE(watcher->ServerClosed());
  ASSERT_TRUE(busy->SendRaw("x").ok());
  Result<HttpResult> r = busy->ReadResponse();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 503);
  const Value json = r->Json();
  const Value* code = json.Find("code");
  ASSERT_NE(code, nullptr) << r->body;
  EXPECT_EQ(code->string(), "server_shutting_down");
  stopped.wait();
}

}  // namespace
}  // namespace tf::server
