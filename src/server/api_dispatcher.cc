#include "server/api_dispatcher.h"

#include <optional>

#include "core/json.h"
#include "core/logger.h"
#include "server/auth_config.h"
#include "server/problem.h"

namespace tf::server {
namespace {

Value Str(std::string_view s) {
  return Value::String(s);
}

// Appends `,"name":"value"` (an access-log member).
void AddMember(std::string& line, std::string_view name, std::string_view value) {
  line += ",\"";
  line += name;
  line += "\":";
  AppendJsonString(line, value);
}

void AddMemberIfSet(std::string& line, std::string_view name, std::string_view value) {
  if (!value.empty()) AddMember(line, name, value);
}

// Appends `micros` in milliseconds as the shortest decimal ("12.3", "0.045", "7"), the text
// Number::FromDouble(micros / 1000.0) gives, without its per-line allocation.
void AppendMillis(std::string& line, int64_t micros) {
  if (micros < 0) {
    line += '-';
    micros = -micros;
  }
  line += std::to_string(micros / 1000);
  int64_t fraction = micros % 1000;
  if (fraction == 0) return;
  char digits[4] = {static_cast<char>('0' + fraction / 100),
                    static_cast<char>('0' + fraction / 10 % 10),
                    static_cast<char>('0' + fraction % 10), '\0'};
  size_t n = 3;
  while (digits[n - 1] == '0')
    --n;
  line += '.';
  line.append(digits, n);
}

HttpResponse AuthProblem(const Status& status, std::string_view scope) {
  HttpResponse r = ProblemResponse(status);
  // RFC 6750 §3: a challenge on 401, and on 403 for insufficient scope.
  if (r.status == 401 || status.code() == ErrorCode::kAuthInsufficientScope) {
    r.SetHeader("WWW-Authenticate", BearerChallenge(status, scope));
  }
  return r;
}

HttpResponse TooManyRequests(const Admission& a) {
  const ErrorCode code =
      a.limit == "daily_quota" ? ErrorCode::kQuotaExceeded : ErrorCode::kRateLimited;
  const std::string what =
      a.limit == "daily_quota"
          ? "daily quota of " + std::to_string(static_cast<uint64_t>(a.size)) + " requests used up"
          : "rate limit of " + Number::FromDouble(a.size).ToString() + " requests/s (burst " +
                Number::FromDouble(a.burst).ToString() + ") exceeded";
  std::vector<ObjectEntry> ext = {
      {Str("limit"), Str(a.limit)},
      {Str("limit_size"), Value::FromNumber(Number::FromDouble(a.size))},
      {Str("reset_at"), Str(FormatRfc3339Nanos(a.reset_at_nanos))},
      {Str("retry_after_seconds"), Value::Int(a.retry_after_seconds)},
  };
  if (a.limit == "rate")
    ext.emplace_back(Str("burst"), Value::FromNumber(Number::FromDouble(a.burst)));
  HttpResponse r = ProblemResponse(Status(code, what), Value::Object(std::move(ext)));
  r.SetHeader("Retry-After", std::to_string(a.retry_after_seconds));
  return r;
}

}  // namespace

ApiDispatcher::ApiDispatcher(RouteTable routes, ApiDispatcherDeps deps)
    : routes_(std::move(routes)),
      deps_(std::move(deps)),
      requests_(deps_.metrics->AddCounter("http_requests_total", "Requests by route and status",
                                          {"route", "status"})),
      latency_(deps_.metrics->AddHistogram("http_request_duration_seconds",
                                           "Time from a complete request to its response",
                                           {"route"}, Histogram::LatencyBuckets())),
      auth_failures_(deps_.metrics->AddCounter(
          "auth_failures_total", "Requests refused by authentication or scope", {"code"})),
      limited_(deps_.metrics->AddCounter("rate_limited_total", "Requests refused by a tenant limit",
                                         {"limit"})) {}

uint64_t ApiDispatcher::BodyLimit(std::string_view method, std::string_view path) const {
  const RouteMatch m = routes_.Match(method, path);
  if (m.kind != RouteMatch::Kind::kFound) return deps_.default_body_limit;
  auto it = deps_.body_limits.find(m.route->Key());
  return it == deps_.body_limits.end() ? deps_.default_body_limit : it->second;
}

std::optional<HttpResponse> ApiDispatcher::Admit(const Route& route, Exchange& exchange) {
  auto scope_it = deps_.route_scopes.find(exchange.route_key);
  // Fail closed: a route without a configured scope is never public by accident.
  const std::string scope = scope_it == deps_.route_scopes.end() ? "" : scope_it->second;
  if (scope == kPublicScope) return std::nullopt;
  if (scope.empty()) {
    return ProblemResponse(
        Status(ErrorCode::kAuthConfigInvalid, "no scope configured for this route"));
  }
  Result<Principal> who =
      deps_.authenticator->Authenticate(exchange.request.Header("authorization"));
  if (!who.ok()) {
    auth_failures_.Add({std::string(ErrorCodeName(who.status().code()))});
    return AuthProblem(who.status(), scope);
  }
  exchange.principal = std::move(who).value();
  if (!exchange.principal.HasScope(scope)) {
    const Status denied(ErrorCode::kAuthInsufficientScope,
                        "this route needs scope '" + scope + "'");
    auth_failures_.Add({std::string(ErrorCodeName(denied.code()))});
    HttpResponse r = AuthProblem(denied, scope);
    r.log.tenant = exchange.principal.tenant;
    return r;
  }
  const Admission a = deps_.limiter->Admit(exchange.principal.tenant);
  if (!a.allowed) {
    limited_.Add({a.limit});
    HttpResponse r = TooManyRequests(a);
    r.log.tenant = exchange.principal.tenant;
    return r;
  }
  return std::nullopt;
}

void ApiDispatcher::Finish(const Exchange& exchange, int64_t started,
                           HttpResponse& response) const {
  const int64_t elapsed = deps_.clock->MonotonicNanos() - started;
  const std::string_view route =
      exchange.route_key.empty() ? std::string_view("unmatched") : exchange.route_key;
  requests_.Add({std::string(route), std::to_string(response.status)});
  latency_.Observe(static_cast<double>(elapsed) / 1e9, {std::string(route)});
  LogFacts& f = response.log;
  if (f.tenant.empty()) f.tenant = exchange.principal.tenant;
  // Rendered directly: a Value tree per line cost as much as the rest of a cheap request.
  std::string line;
  line.reserve(256);
  AddMember(line, "method", exchange.request.method);
  AddMember(line, "route", route);
  line += ",\"status\":";
  line += std::to_string(response.status);
  line += ",\"latency_ms\":";
  AppendMillis(line, elapsed / 1000);
  AddMember(line, "remote", exchange.request.remote_address);
  line += ",\"bytes_in\":";
  line += std::to_string(exchange.request.body.size());
  line += ",\"bytes_out\":";
  line += std::to_string(response.body.size());
  AddMemberIfSet(line, "tenant", f.tenant);
  AddMemberIfSet(line, "subject", exchange.principal.subject);
  AddMemberIfSet(line, "pack", f.pack);
  AddMemberIfSet(line, "decision", f.decision);
  AddMemberIfSet(line, "code", f.error_code);
  if (!f.input_shape.is_null()) {
    line += ",\"input_fields\":";
    AppendJson(line, f.input_shape);
  }
  if (exchange.request.tls)
    AddMemberIfSet(line, "client_cert", exchange.request.tls->client_subject);
  // The members start with a comma; LogMembers wants them without.
  deps_.logger->LogMembers(LogLevel::kInfo, "request", std::string_view(line).substr(1));
}

void ApiDispatcher::Handle(HttpRequest request, Responder respond, const Poster& post) {
  const int64_t started = deps_.clock->MonotonicNanos();
  auto exchange = std::make_shared<Exchange>();
  exchange->request = std::move(request);
  exchange->post = post;
  const RouteMatch m = routes_.Match(exchange->request.method, exchange->request.path);
  if (m.kind != RouteMatch::Kind::kFound) {
    HttpResponse r;
    if (m.kind == RouteMatch::Kind::kMethodNotAllowed) {
      r = ProblemResponse(
          Status(ErrorCode::kMethodNotAllowed, exchange->request.method + " is not allowed here"));
      std::string allow;
      for (const std::string& method : m.allowed_methods)
        allow += (allow.empty() ? "" : ", ") + method;
      r.SetHeader("Allow", allow);
    } else {
      r = ProblemResponse(
          Status(ErrorCode::kRouteNotFound, "no route for " + exchange->request.path));
    }
    Finish(*exchange, started, r);
    respond(std::move(r));
    return;
  }
  exchange->params = m.params;
  exchange->route_key = m.route->Key();
  if (std::optional<HttpResponse> refused = Admit(*m.route, *exchange)) {
    Finish(*exchange, started, *refused);
    respond(std::move(*refused));
    return;
  }
  // The exchange lives until the handler responds: the responder owns it.
  Exchange& ref = *exchange;
  m.route->handler(ref, [this, owned = std::move(exchange), started,
                         respond = std::move(respond)](HttpResponse r) {
    Finish(*owned, started, r);
    respond(std::move(r));
  });
}

}  // namespace tf::server
