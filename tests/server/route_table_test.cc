#include "server/route_table.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/number.h"
#include "server/api_dispatcher.h"
#include "server/auth_config.h"

namespace tf::server {
namespace {

RouteTable Table() {
  RouteTable t;
  auto noop = [](Exchange&, Responder respond) { respond(HttpResponse{}); };
  t.Add({"GET", "/v1/packs", "listPacks", noop});
  t.Add({"GET", "/v1/packs/{id}", "getPack", noop});
  t.Add({"PUT", "/v1/packs/{id}", "putPack", noop});
  return t;
}

TEST(RouteTableTest, MatchesLiteralAndParameterSegments) {
  RouteTable t = Table();
  RouteMatch m = t.Match("GET", "/v1/packs/lksg.v1");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.route->operation_id, "getPack");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0], std::make_pair(std::string("id"), std::string("lksg.v1")));
  EXPECT_EQ(t.Match("GET", "/v1/packs").route->operation_id, "listPacks");
}

TEST(RouteTableTest, DistinguishesUnknownPathsFromUnknownMethods) {
  RouteTable t = Table();
  EXPECT_EQ(t.Match("GET", "/v1/nothing").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(t.Match("GET", "/v1/packs/").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(t.Match("GET", "/v1/packs/a/b").kind, RouteMatch::Kind::kNotFound);
  RouteMatch m = t.Match("DELETE", "/v1/packs/x");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allowed_methods, (std::vector<std::string>{"GET", "PUT"}));
}

// The access log's latency_ms is the request's time in whole microseconds, as milliseconds in
// the shortest decimal that reads back as that value.
TEST(ApiDispatcherTest, LogsLatencyInMillisecondsAsTheShortestDecimal) {
  FakeClock clock;
  std::ostringstream log;
  JsonLinesLogger logger(log, clock);
  MetricsRegistry metrics;
  RouteTable routes;
  int64_t took_nanos = 0;
  routes.Add({"GET", "/slow", "slow", [&](Exchange&, Responder respond) {
                clock.Advance(took_nanos);
                respond(TextResponse(200, "text/plain", "done"));
              }});
  ApiDispatcherDeps deps;
  deps.logger = &logger;
  deps.metrics = &metrics;
  deps.clock = &clock;
  deps.route_scopes = {{"GET /slow", std::string(kPublicScope)}};
  ApiDispatcher dispatcher(std::move(routes), std::move(deps));
  for (int64_t nanos : {int64_t{0}, int64_t{999}, int64_t{1'000}, int64_t{45'000}, int64_t{100'000},
                        int64_t{1'000'000}, int64_t{12'300'999}, int64_t{7'000'001'000},
                        int64_t{123'456'789'000}}) {
    took_nanos = nanos;
    log.str("");
    HttpRequest request;
    request.method = "GET";
    request.path = request.target = "/slow";
    dispatcher.Handle(
        std::move(request), [](HttpResponse) {}, [](std::function<void()>) {});
    const std::string expected =
        Number::FromDouble(static_cast<double>(nanos / 1000) / 1000.0).ToString();
    EXPECT_NE(log.str().find("\"latency_ms\":" + expected + ","), std::string::npos)
        << nanos << " ns: " << log.str();
  }
}

}  // namespace
}  // namespace tf::server
