#include "server/server_app.h"

#include <atomic>
#include <filesystem>

#include "graph/graph_store.h"
#include "ledger/evidence_store.h"
#include "ledger/ledger.h"
#include "ledger/rocksdb_store.h"
#include "policy/basic_selector.h"
#include "policy/orchestrator.h"
#include "server/api_dispatcher.h"
#include "server/blocking_worker.h"
#include "server/dev_auth.h"
#include "server/evidence_routes.h"
#include "server/graph_routes.h"
#include "server/https_fetcher.h"
#include "server/json_parser_pool.h"
#include "server/ledger_routes.h"
#include "server/pack_routes.h"
#include "server/pack_store.h"
#include "server/signing_key_file.h"
#include "server/system_routes.h"
#include "server/verify_routes.h"

namespace tf::server {

// Declaration order is teardown order reversed: the listener goes first, the store last.
struct ServerApp::Parts {
  ServerConfig config;
  ServerAppEnv env;
  std::atomic<bool> draining{false};
  bool shut_down = false;
  std::unique_ptr<ledger::RocksDbStore> store;
  std::unique_ptr<ledger::Ledger> ledger;
  std::unique_ptr<ledger::EvidenceStore> evidence;
  // Runs evidence puts, which wait for their commit; stopped before the store it writes to.
  std::unique_ptr<BlockingWorker> evidence_worker;
  // <data>/graph when present (proof graph ingest): the graph.* builtins and graph limits of
  // decisions read it.
  std::unique_ptr<graph::GraphStore> graph;
  // Runs graph queries (/v1/graph/...), off the I/O threads; stopped before the graph closes.
  std::unique_ptr<BlockingWorker> graph_worker;
  std::unique_ptr<PackStore> packs;
  std::unique_ptr<policy::Orchestrator> orchestrator;
  policy::BasicSelector selector;
  JsonParserPool parsers;
  std::string public_key_file;
  std::unique_ptr<HttpsFetcher> fetcher;
  std::unique_ptr<JwksProvider> jwks;
  std::unique_ptr<Authenticator> authenticator;
  std::unique_ptr<RateLimiter> limiter;
  std::unique_ptr<ApiDispatcher> dispatcher;
  std::unique_ptr<HttpServer> http;
  std::string dev_token;
};

namespace {

constexpr std::string_view kLogKeyName = "trust-fabric.local/log";

Status OpenLedger(ServerApp::Parts& p);

Status SetUpAuth(ServerApp::Parts& p, bool dev,
                 std::map<std::string, std::string, std::less<>>& scopes) {
  scopes = p.config.auth ? p.config.auth->route_scopes : DefaultRouteScopes();
  if (dev) {
    TF_ASSIGN_OR_RETURN(DevAuth auth, MakeDevAuth(scopes, *p.env.clock, *p.env.random));
    p.jwks = std::move(auth.jwks);
    p.authenticator = std::make_unique<Authenticator>(auth.options, *p.jwks, *p.env.clock);
    p.dev_token = std::move(auth.token);
    return Status::Ok();
  }
  if (!p.config.auth) {
    return Status(ErrorCode::kAuthConfigInvalid,
                  "no authentication configured: give --config with an 'auth' section (see "
                  "config/auth.yaml), or --dev for a local development server");
  }
  const AuthConfig& a = *p.config.auth;
  if (!a.jwks.url.empty()) {
    p.fetcher = std::make_unique<HttpsFetcher>(
        HttpsFetcherOptions{a.jwks.ca_file, a.jwks.fetch_timeout_nanos, kMaxJwksBytes});
    auto remote = std::make_unique<RemoteJwksProvider>(a.jwks, *p.fetcher, *p.env.clock);
    // Fetch once now so the first request does not pay for it; failure is not fatal (requests
    // fail closed with 503 and /readyz reports it until the IdP answers).
    if (Result<JwkSetRef> keys = remote->Keys(); !keys.ok()) {
      p.env.logger->Warn(
          "jwks_unavailable",
          Value::Object({{Value::String("reason"), Value::String(keys.status().message())}}));
    }
    p.jwks = std::move(remote);
  } else {
    TF_ASSIGN_OR_RETURN(std::unique_ptr<StaticJwksProvider> file,
                        StaticJwksProvider::FromFile(a.jwks.file));
    p.jwks = std::move(file);
  }
  AuthOptions options;
  options.rules = JwtRules{a.issuer, a.audiences, a.clock_skew_nanos};
  options.tenant_claim = a.tenant_claim;
  options.scope_claim = a.scope_claim;
  p.authenticator = std::make_unique<Authenticator>(options, *p.jwks, *p.env.clock);
  return Status::Ok();
}

Status OpenLedger(ServerApp::Parts& p) {
  const std::filesystem::path data(p.config.data_dir);
  std::error_code ec;
  std::filesystem::create_directories(data, ec);
  if (ec) return IoError("cannot create data directory " + data.string() + ": " + ec.message());
  const std::string key_file = p.config.signing_key_file.empty()
                                   ? (data / "keys" / "checkpoint.key").string()
                                   : p.config.signing_key_file;
  TF_ASSIGN_OR_RETURN(SigningKeyFiles key,
                      LoadOrCreateSigningKey(key_file, std::string(kLogKeyName), *p.env.random));
  if (key.created) {
    p.env.logger->Warn(
        "signing_key_created",
        Value::Object({{Value::String("key_file"), Value::String(key.key_file)},
                       {Value::String("public_key_file"), Value::String(key.public_key_file)}}));
  }
  p.public_key_file = key.public_key_file;
  TF_ASSIGN_OR_RETURN(p.store, ledger::RocksDbStore::Open((data / "ledger").string(), {}));
  ledger::LedgerOptions options;
  options.store = p.store.get();
  options.clock = p.env.clock;
  options.signer = std::move(key.signer);
  options.group_window_nanos = p.config.ledger_group_window_nanos;
  TF_ASSIGN_OR_RETURN(p.ledger, ledger::Ledger::Open(std::move(options)));
  ledger::EvidenceOptions evidence;
  evidence.max_content_bytes = p.config.limits.max_evidence_bytes;
  p.evidence = std::make_unique<ledger::EvidenceStore>(*p.ledger, *p.env.clock, evidence);
  p.evidence_worker = std::make_unique<BlockingWorker>();
  if (std::filesystem::is_directory(data / "graph")) {
    TF_ASSIGN_OR_RETURN(p.graph, graph::OpenDataDirGraph(p.config.data_dir));
  }
  p.graph_worker = std::make_unique<BlockingWorker>();
  TF_ASSIGN_OR_RETURN(
      p.packs, PackStore::Open((data / "packs").string(), p.config.packs_dir, *p.env.logger));
  p.orchestrator =
      std::make_unique<policy::Orchestrator>(*p.env.metrics, *p.env.logger, *p.env.clock);
  return Status::Ok();
}

RouteTable BuildRoutes(ServerApp::Parts& p) {
  RouteTable routes;
  AddVerifyRoutes(routes, VerifyRoutesDeps{p.packs.get(), p.orchestrator.get(), &p.selector,
                                           p.ledger.get(), &p.parsers, p.graph.get()});
  UploadLimits upload;
  upload.max_total_bytes = p.config.limits.max_upload_bytes;
  AddPackRoutes(routes, *p.packs, *p.ledger, upload);
  AddLedgerRoutes(routes, *p.ledger);
  AddEvidenceRoutes(routes, EvidenceRoutesDeps{p.evidence.get(), p.evidence_worker.get()});
  AddGraphRoutes(routes, GraphRoutesDeps{p.packs.get(), p.graph.get(), p.graph_worker.get()});
  SystemRoutesDeps system;
  system.metrics = p.env.metrics;
  system.draining = &p.draining;
  ledger::Ledger* ledger = p.ledger.get();
  JwksProvider* jwks = p.jwks.get();
  system.readiness = {
      {"ledger",
       [ledger] {
         return ledger->read_only() ? FailedPrecondition("the ledger is read-only") : Status::Ok();
       }},
      {"jwks",
       [jwks] {
         Result<JwkSetRef> keys = jwks->Keys();
         return keys.ok() ? Status::Ok() : keys.status();
       }},
  };
  AddSystemRoutes(routes, std::move(system));
  return routes;
}

std::vector<std::string> RouteKeys(const RouteTable& routes) {
  std::vector<std::string> keys;
  for (const Route& r : routes.routes())
    keys.push_back(r.Key());
  return keys;
}

}  // namespace

ServerApp::ServerApp(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

ServerApp::~ServerApp() {
  Shutdown();
}

Result<std::unique_ptr<ServerApp>> ServerApp::Start(ServerConfig config, ServeMode mode,
                                                    ServerAppEnv env) {
  auto p = std::make_unique<Parts>();
  p->config = std::move(config);
  p->env = env;
  if (p->config.data_dir.empty()) return InvalidArgument("no data directory (--data DIR)");
  TF_ASSIGN_OR_RETURN(ListenAddress listen, ParseListenAddress(p->config.listen));
  std::map<std::string, std::string, std::less<>> scopes;
  TF_RETURN_IF_ERROR(SetUpAuth(*p, mode.dev, scopes));
  TF_RETURN_IF_ERROR(OpenLedger(*p));
  p->limiter = std::make_unique<RateLimiter>(p->config.quotas.defaults, p->config.quotas.per_tenant,
                                             *env.clock);
  RouteTable routes = BuildRoutes(*p);
  AuthConfig scope_check;
  scope_check.route_scopes = scopes;
  TF_RETURN_IF_ERROR(CheckRouteScopes(scope_check, RouteKeys(routes)));
  ApiDispatcherDeps deps;
  deps.authenticator = p->authenticator.get();
  deps.limiter = p->limiter.get();
  deps.logger = env.logger;
  deps.metrics = env.metrics;
  deps.clock = env.clock;
  deps.route_scopes = scopes;
  deps.default_body_limit = p->config.limits.max_body_bytes;
  deps.body_limits = {{"POST /v1/evidence", p->config.limits.max_evidence_bytes},
                      {"PUT /v1/packs/{id}", p->config.limits.max_upload_bytes}};
  p->dispatcher = std::make_unique<ApiDispatcher>(std::move(routes), std::move(deps));
  HttpServerOptions http;
  http.host = listen.host;
  http.port = listen.port;
  http.threads = p->config.threads;
  http.limits = p->config.limits.http;
  http.tls = p->config.tls;
  TF_ASSIGN_OR_RETURN(p->http, HttpServer::Start(std::move(http), *p->dispatcher, *env.logger,
                                                 *env.metrics, *env.clock));
  return std::unique_ptr<ServerApp>(new ServerApp(std::move(p)));
}

uint16_t ServerApp::port() const {
  return parts_->http->port();
}
bool ServerApp::tls() const {
  return parts_->http->tls();
}
const std::string& ServerApp::dev_token() const {
  return parts_->dev_token;
}
std::vector<std::string> ServerApp::route_keys() const {
  return RouteKeys(parts_->dispatcher->routes());
}
const std::string& ServerApp::public_key_file() const {
  return parts_->public_key_file;
}

Status ServerApp::Reload() {
  Status tls = parts_->http->tls() ? parts_->http->ReloadTls() : Status::Ok();
  Status jwks = parts_->jwks->Reload();
  TF_RETURN_IF_ERROR(tls.WithContext("tls"));
  return jwks.WithContext("jwks");
}

void ServerApp::Shutdown() {
  Parts& p = *parts_;
  if (p.shut_down) return;
  p.shut_down = true;
  p.draining = true;
  if (p.http) p.http->Shutdown(p.config.limits.shutdown_grace_nanos);
  // Completes every queued evidence put and append (their responses can no longer be sent, but
  // the entries are durable) and stops the commit thread; then the store closes.
  p.graph_worker.reset();
  p.evidence_worker.reset();
  p.evidence.reset();
  p.ledger.reset();
  p.http.reset();
  p.store.reset();
}

}  // namespace tf::server
