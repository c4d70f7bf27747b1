// Fuzzes HTTP request handling end to end without sockets: raw bytes are parsed as a connection
// parses them (headers, limits, target), then dispatched through the real ApiDispatcher (auth,
// scopes, limits, routes) to the real handlers (JSON bodies of /v1/verify with the lksg.v1
// pack, evidence, pack uploads, ledger proofs) over an in-memory ledger. "$TOKEN" in the input
// is replaced by a valid development token (deterministic: fixed clock and seed), so the
// fuzzer reaches past authentication.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "core/random.h"
#include "ledger/evidence_store.h"
#include "ledger/ledger.h"
#include "ledger/memory_store.h"
#include "policy/basic_selector.h"
#include "policy/orchestrator.h"
#include "server/api_dispatcher.h"
#include "server/blocking_worker.h"
#include "server/dev_auth.h"
#include "server/evidence_routes.h"
#include "server/ledger_routes.h"
#include "server/pack_routes.h"
#include "server/raw_http_request.h"
#include "server/system_routes.h"
#include "server/verify_routes.h"

namespace {

using namespace tf;
using namespace tf::server;

constexpr int64_t kNow = int64_t{1'795'262'400} * 1'000'000'000;

struct Harness {
  FakeClock clock{kNow};
  SeededRandom random{7};
  NullLogger logger;
  MetricsRegistry metrics;
  ledger::MemoryStore store;
  std::unique_ptr<ledger::Ledger> ledger;
  std::unique_ptr<ledger::EvidenceStore> evidence;
  std::unique_ptr<BlockingWorker> evidence_worker;
  std::unique_ptr<PackStore> packs;
  std::unique_ptr<policy::Orchestrator> orchestrator;
  policy::BasicSelector selector;
  JsonParserPool parsers;
  std::unique_ptr<RateLimiter> limiter;
  DevAuth dev;
  std::unique_ptr<Authenticator> auth;
  std::unique_ptr<ApiDispatcher> api;
  HttpLimits limits;

  Harness() {
    ledger::LedgerOptions options;
    options.store = &store;
    options.clock = &clock;
    options.signer = *ledger::NoteSigner::Generate("fuzz.local/log", random);
    ledger = *ledger::Ledger::Open(std::move(options));
    evidence = std::make_unique<ledger::EvidenceStore>(*ledger, clock);
    evidence_worker = std::make_unique<BlockingWorker>();
    const std::string dir = std::filesystem::temp_directory_path() / "tf-http-fuzz-packs";
    packs = *PackStore::Open(dir, std::string(TF_SOURCE_DIR) + "/examples/packs", logger);
    orchestrator = std::make_unique<policy::Orchestrator>(metrics, logger, clock);
    limiter =
        std::make_unique<RateLimiter>(TenantLimits{1e9, 1e9, UINT64_MAX},
                                      std::map<std::string, TenantLimits, std::less<>>{}, clock);
    dev = *MakeDevAuth(DefaultRouteScopes(), clock, random);
    auth = std::make_unique<Authenticator>(dev.options, *dev.jwks, clock);
    RouteTable routes;
    AddVerifyRoutes(routes, VerifyRoutesDeps{packs.get(), orchestrator.get(), &selector,
                                             ledger.get(), &parsers});
    AddPackRoutes(routes, *packs, *ledger, UploadLimits{});
    AddLedgerRoutes(routes, *ledger);
    AddEvidenceRoutes(routes, EvidenceRoutesDeps{evidence.get(), evidence_worker.get()});
    AddSystemRoutes(routes, SystemRoutesDeps{&metrics, nullptr, {}});
    ApiDispatcherDeps deps;
    deps.authenticator = auth.get();
    deps.limiter = limiter.get();
    deps.logger = &logger;
    deps.metrics = &metrics;
    deps.clock = &clock;
    deps.route_scopes = DefaultRouteScopes();
    api = std::make_unique<ApiDispatcher>(std::move(routes), std::move(deps));
    limits.max_header_bytes = 16 * 1024;
  }
};

Harness& Get() {
  static Harness* harness = new Harness();  // lives for the whole fuzzing process
  return *harness;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Harness& h = Get();
  std::string bytes(reinterpret_cast<const char*>(data), size);
  for (size_t pos; (pos = bytes.find("$TOKEN")) != std::string::npos;)
    bytes.replace(pos, 6, h.dev.token);
  Result<HttpRequest> request = ParseRawHttpRequest(bytes, h.limits, 1 << 20);
  if (!request.ok()) return 0;
  std::promise<HttpResponse> done;
  std::future<HttpResponse> response = done.get_future();
  h.api->Handle(
      std::move(request).value(), [&done](HttpResponse r) { done.set_value(std::move(r)); },
      [](std::function<void()> task) { task(); });
  HttpResponse r = response.get();
  if (r.status < 100 || r.status > 599) __builtin_trap();
  return 0;
}
