// File: server/system_routes.h
//
// Operational routes: GET /healthz (the process serves), GET /readyz (every dependency is ready
// and the server is not draining), GET /metrics (Prometheus text format 0.0.4) and
// GET /v1/openapi.yaml (the API description, OpenAPI 3.1).
#ifndef TF_SERVER_SYSTEM_ROUTES_H_
#define TF_SERVER_SYSTEM_ROUTES_H_

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/metrics.h"
#include "core/status.h"
#include "server/route_table.h"

namespace tf::server {

// A named readiness check, e.g. {"jwks", …}; OK when ready.
using ReadinessCheck = std::pair<std::string, std::function<Status()>>;

struct SystemRoutesDeps {
  // Not owned; must outlive the routes.
  const MetricsRegistry* metrics = nullptr;
  const std::atomic<bool>* draining = nullptr;
  std::vector<ReadinessCheck> readiness;
};

void AddSystemRoutes(RouteTable& routes, SystemRoutesDeps deps);

// The OpenAPI document served at /v1/openapi.yaml (src/server/openapi.yaml, built in).
std::string_view OpenApiDocument();

}  // namespace tf::server

#endif  // TF_SERVER_SYSTEM_ROUTES_H_
