#include "server/system_routes.h"

#include "server/problem.h"

namespace tf::server {
namespace {

Value Str(std::string_view s) {
  return Value::String(s);
}

}  // namespace

void AddSystemRoutes(RouteTable& routes, SystemRoutesDeps deps) {
  routes.Add({"GET", "/healthz", "getHealth", [](Exchange&, Responder respond) {
                respond(JsonResponse(200, Value::Object({{Str("status"), Str("ok")}})));
              }});
  routes.Add({"GET", "/readyz", "getReadiness", [deps](Exchange&, Responder respond) {
                std::vector<ObjectEntry> checks;
                Status first_failure;
                if (deps.draining != nullptr && deps.draining->load()) {
                  first_failure =
                      Status(ErrorCode::kServerShuttingDown, "the server is shutting down");
                  checks.emplace_back(Str("shutdown"), Str("draining"));
                }
                for (const auto& [name, check] : deps.readiness) {
                  Status s = check();
                  checks.emplace_back(Str(name), Str(s.ok() ? "ok" : std::string(s.message())));
                  if (!s.ok() && first_failure.ok()) {
                    first_failure =
                        Status(ErrorCode::kNotReady, name + ": " + std::string(s.message()));
                  }
                }
                if (!first_failure.ok()) {
                  respond(ProblemResponse(first_failure,
                                          Value::Object({{Str("checks"), Value::Object(checks)}})));
                  return;
                }
                respond(JsonResponse(200, Value::Object({{Str("status"), Str("ready")},
                                                         {Str("checks"), Value::Object(checks)}})));
              }});
  routes.Add(
      {"GET", "/metrics", "getMetrics", [metrics = deps.metrics](Exchange&, Responder respond) {
         respond(TextResponse(200, "text/plain; version=0.0.4; charset=utf-8", metrics->Render()));
       }});
  routes.Add({"GET", "/v1/openapi.yaml", "getOpenApi", [](Exchange&, Responder respond) {
                respond(TextResponse(200, "application/yaml", std::string(OpenApiDocument())));
              }});
}

}  // namespace tf::server
