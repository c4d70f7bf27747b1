// In-process benchmark of POST /v1/verify without HTTP or auth (docs/PERFORMANCE.md, "`proof
// serve`"): the route's handler with the real parts `proof serve` assembles — a RocksDB ledger
// syncing each group commit, the shared examples/packs store, the orchestrator — deciding
// examples/context_ok.json with examples/packs/lksg.v1. Times are the whole process's CPU
// (the ledger's commit thread included), so they compare with wrk's server CPU per request.
//
//   BM_VerifyDryRun   decision only (`dry_run: true`): the baseline
//   BM_VerifyReceipt  decision plus durable receipt, kInFlight requests outstanding (as wrk's
//                     connections keep the group commit fed)
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>

#include "core/clock.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "core/random.h"
#include "ledger/ledger.h"
#include "ledger/note_key.h"
#include "ledger/rocksdb_store.h"
#include "policy/basic_selector.h"
#include "policy/orchestrator.h"
#include "server/json_parser_pool.h"
#include "server/pack_store.h"
#include "server/route_table.h"
#include "server/verify_routes.h"

namespace tf::server {
namespace {

constexpr int kInFlight = 256;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

template <typename T>
T Must(Result<T> r) {
  if (!r.ok()) {
    std::fprintf(stderr, "setup failed: %s\n", r.status().ToString().c_str());
    std::abort();
  }
  return std::move(r).value();
}

// The parts ServerApp wires for the verify route, over a fresh data directory.
class VerifyRig {
 public:
  VerifyRig()
      : dir_(std::filesystem::temp_directory_path() /
             ("tf-verify-bench-" + std::to_string(::getpid()))),
        orchestrator_(metrics_, logger_, clock_) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = Must(ledger::RocksDbStore::Open((dir_ / "ledger").string(), {}));
    ledger::LedgerOptions options;
    options.store = store_.get();
    options.clock = &clock_;
    options.signer = Must(ledger::NoteSigner::Generate("bench.example/log", random_));
    ledger_ = Must(ledger::Ledger::Open(std::move(options)));
    packs_ = Must(PackStore::Open((dir_ / "packs").string(),
                                  std::string(TF_SOURCE_DIR) + "/examples/packs", logger_));
    AddVerifyRoutes(routes_, VerifyRoutesDeps{packs_.get(), &orchestrator_, &selector_,
                                              ledger_.get(), &parsers_, /*graph=*/nullptr});
    handler_ = &routes_.Match("POST", "/v1/verify").route->handler;
    const std::string input = ReadFile(std::string(TF_SOURCE_DIR) + "/examples/context_ok.json");
    receipt_body_ = R"({"pack":"lksg.v1","input":)" + input + "}";
    dry_run_body_ = R"({"pack":"lksg.v1","dry_run":true,"input":)" + input + "}";
  }
  ~VerifyRig() {
    ledger_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Starts one request; `done` gets the response (on this thread or the ledger's).
  void Start(bool dry_run, std::function<void(const HttpResponse&)> done) {
    auto ex = std::make_shared<Exchange>();
    ex->request.method = "POST";
    ex->request.path = "/v1/verify";
    ex->request.headers.emplace_back("content-type", "application/json");
    ex->request.body = dry_run ? dry_run_body_ : receipt_body_;
    ex->principal.tenant = "bench";
    ex->principal.scopes = {"verify:run"};
    ex->post = [](std::function<void()> task) { task(); };
    (*handler_)(*ex, [ex, done = std::move(done)](HttpResponse r) { done(r); });
  }

 private:
  std::filesystem::path dir_;
  SystemClock clock_;
  SystemRandom random_;
  NullLogger logger_;
  MetricsRegistry metrics_;
  policy::Orchestrator orchestrator_;
  policy::BasicSelector selector_;
  JsonParserPool parsers_;
  std::unique_ptr<ledger::RocksDbStore> store_;
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<PackStore> packs_;
  RouteTable routes_;
  const RouteHandler* handler_ = nullptr;
  std::string receipt_body_;
  std::string dry_run_body_;
};

VerifyRig& Rig() {
  static VerifyRig rig;
  return rig;
}

void CheckOk(benchmark::State& state, const HttpResponse& r) {
  if (r.status != 200) state.SkipWithError(("verify answered " + r.body).c_str());
}

void BM_VerifyDryRun(benchmark::State& state) {
  VerifyRig& rig = Rig();
  for (auto _ : state) {
    rig.Start(true, [&](const HttpResponse& r) { CheckOk(state, r); });
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyDryRun)->MeasureProcessCPUTime()->UseRealTime();

void BM_VerifyReceipt(benchmark::State& state) {
  VerifyRig& rig = Rig();
  std::mutex mu;
  std::condition_variable cv;
  int outstanding = 0;
  std::atomic<bool> failed{false};
  auto done = [&](const HttpResponse& r) {
    if (r.status != 200) failed = true;
    std::lock_guard lock(mu);
    --outstanding;
    cv.notify_all();
  };
  for (auto _ : state) {
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return outstanding < kInFlight; });
      ++outstanding;
    }
    rig.Start(false, done);
  }
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return outstanding == 0; });
  if (failed) state.SkipWithError("a verify request failed");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyReceipt)->MeasureProcessCPUTime()->UseRealTime();

}  // namespace
}  // namespace tf::server

BENCHMARK_MAIN();
