// File: server/api_dispatcher.h
//
// `ApiDispatcher`: the API's front door, the RequestHandler the HttpServer calls. For each
// request, in order: route match (404 / 405), authentication and the route's scope (401 / 403 /
// 503 when the JWKS is unavailable), the tenant's rate limit and daily quota (429), then the
// route's handler. It writes one access-log line and the request metrics for every request,
// whatever the outcome.
//
//   ApiDispatcher api(std::move(routes), deps);
//   HttpServer::Start(options, api, logger, metrics, clock);
//
// Thread safety: Handle may be called concurrently; the route table and scope map are
// immutable after construction.
#ifndef TF_SERVER_API_DISPATCHER_H_
#define TF_SERVER_API_DISPATCHER_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "server/authenticator.h"
#include "server/http_server.h"
#include "server/rate_limiter.h"
#include "server/route_table.h"

namespace tf::server {

struct ApiDispatcherDeps {
  // Not owned; must outlive the dispatcher.
  Authenticator* authenticator = nullptr;
  RateLimiter* limiter = nullptr;
  Logger* logger = nullptr;
  MetricsRegistry* metrics = nullptr;
  const Clock* clock = nullptr;
  // "METHOD /pattern" -> scope or kPublicScope. REQUIRES: covers every route (CheckRouteScopes).
  std::map<std::string, std::string, std::less<>> route_scopes;
  uint64_t default_body_limit = 1 << 20;
  // Per route key, for routes that take uploads.
  std::map<std::string, uint64_t, std::less<>> body_limits;
};

class ApiDispatcher final : public RequestHandler {
 public:
  ApiDispatcher(RouteTable routes, ApiDispatcherDeps deps);

  uint64_t BodyLimit(std::string_view method, std::string_view path) const override;
  void Handle(HttpRequest request, Responder respond, const Poster& post) override;

  const RouteTable& routes() const { return routes_; }

 private:
  // Auth, scope and quota. On refusal returns the response to send.
  std::optional<HttpResponse> Admit(const Route& route, Exchange& exchange);
  void Finish(const Exchange& exchange, int64_t started, HttpResponse& response) const;

  const RouteTable routes_;
  const ApiDispatcherDeps deps_;
  Counter& requests_;
  Histogram& latency_;
  Counter& auth_failures_;
  Counter& limited_;
};

}  // namespace tf::server

#endif  // TF_SERVER_API_DISPATCHER_H_
