// A graph-limit check inside a policy decision: the same one-rule pack decided with and without
// its decision limits (degree <= 100, component size <= 500 around the node named in the input),
// in one benchmark that times both decisions for the same node in turn, so the overhead is
// measured against a baseline under identical conditions. The graph: 200,000 nodes in
// components of 1 to 2,000 nodes (sizes drawn from a power law), each grown by preferential
// attachment with extra edges, so that queries meet small components (allowed), large ones
// (the search stops at 501 nodes) and hubs (the degree count stops at 101 edges).
// The same decisions with the graph in a graph store (RocksDB) give the store-backed figure.
// The issue's target: p95 overhead <= 100 us.
#include <benchmark/benchmark.h>

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "policy/basic_selector.h"
#include "policy/graph_guard.h"
#include "policy/orchestrator.h"
#include "policy/pack.h"
#include "policy/store_graph.h"

namespace tf::policy {
namespace {

constexpr uint64_t kSeed = 20261121;
constexpr size_t kNodes = 200'000;
constexpr size_t kQueries = 4096;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "graph_limit_bench: check failed: %s\n", what);
    std::abort();
  }
}

constexpr const char* kManifest = R"(id: bench.v1
version: 1.0.0
rules:
  - id: amount_ok
    ref: data.t.amount_ok
    cost: 1
    severity: high
    reason: "amount {input.amount} is too high"
)";
constexpr const char* kLimits = R"(limits:
  node: input.subject.node
  degree: {max: 100}
  component_size: {max: 500}
)";
constexpr const char* kRego = "package t\namount_ok if input.amount < 1000\n";

std::unique_ptr<CompiledPack> Compile(const std::string& manifest) {
  Result<Pack> pack = LoadPackFromFiles({{"pack.yaml", manifest}, {"t.rego", kRego}});
  Check(pack.ok(), "pack loads");
  Result<std::unique_ptr<CompiledPack>> compiled = CompiledPack::Compile(std::move(*pack));
  Check(compiled.ok(), "pack compiles");
  return std::move(*compiled);
}

// Components of power-law sizes in [1, 2000], each grown by preferential attachment (every new
// node links to two earlier nodes of its component, chosen in proportion to their degree).
void BuildGraph(AdjacencyListGraph& graph, std::vector<graph::GraphRecord>& records,
                std::mt19937_64& rng) {
  size_t next = 0;
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  while (next < kNodes) {
    size_t size = static_cast<size_t>(std::pow(2000.0, unit(rng)));  // log-uniform 1 … 2000
    size = std::min(std::max<size_t>(size, 1), kNodes - next);
    std::vector<size_t> ends;  // each node once per edge end: sampling it is preferential
    for (size_t i = 0; i < size; ++i) {
      graph.AddNode(std::to_string(next + i));
      records.push_back(graph::NodeRecord{std::to_string(next + i), {}, Value::EmptyObject(), 0});
    }
    ends.push_back(next);
    for (size_t i = 1; i < size; ++i) {
      size_t node = next + i;
      for (int e = 0; e < 2 && (e == 0 || i > 1); ++e) {
        size_t other = ends[std::uniform_int_distribution<size_t>(0, ends.size() - 1)(rng)];
        graph.AddEdge(std::to_string(node), std::to_string(other));
        records.push_back(graph::EdgeRecord{std::to_string(node), std::to_string(other), "REL",
                                            Value::EmptyObject(), 0});
        ends.push_back(other);
      }
      ends.push_back(node);
    }
    next += size;
  }
}

struct Fixture {
  Fixture() {
    std::mt19937_64 rng(kSeed);
    std::vector<graph::GraphRecord> records;
    BuildGraph(graph, records, rng);
    Check(graph.node_count() == kNodes, "graph size");
    // The same graph in a graph store (RocksDB), for the store-backed figure.
    std::string pattern =
        (std::filesystem::temp_directory_path() / "graph_limit_bench_XXXXXX").string();
    Check(mkdtemp(pattern.data()) != nullptr, "temporary directory");
    store_dir = pattern;
    Result<std::unique_ptr<graph::GraphStore>> opened = graph::GraphStore::Open(store_dir);
    Check(opened.ok(), "graph store opens");
    store = std::move(*opened);
    Check(store->Apply({1, 1, records}).ok(), "graph store ingests");
    // Traversals read the store's in-memory compressed adjacency, as a server would serve them.
    Check(store->BuildAdjacencyCache().ok(), "adjacency cache builds");
    stored = std::make_unique<StoreGraph>(*store);
    with_limits = Compile(std::string(kManifest) + kLimits);
    without_limits = Compile(kManifest);
    std::uniform_int_distribution<size_t> pick(0, kNodes - 1);
    for (size_t i = 0; i < kQueries; ++i) {
      std::string json = R"({"subject": {"node": ")" + std::to_string(pick(rng)) +
                         R"("}, "amount": )" + std::to_string(i % 2000) + "}";
      inputs.push_back(ParseJson(json).value());
    }
    limited.graph = &graph;
    on_store.graph = stored.get();
    // Both packs decide alike where the limits hold; the limits deny some nodes.
    for (const Value& input : inputs) {
      Result<Decision> a = orchestrator.Decide(*with_limits, input, basic, limited);
      Result<Decision> b = orchestrator.Decide(*without_limits, input, basic);
      Check(a.ok() && b.ok(), "decisions succeed");
      Check(a->limits.size() >= 1, "limits checked");
      bool limits_hold = std::none_of(a->limits.begin(), a->limits.end(),
                                      [](const auto& v) { return v.exceeded; });
      if (!limits_hold) ++denied_by_limits;
      Check(a->allow == (b->allow && limits_hold), "limits add to the verdict");
      Result<Decision> c = orchestrator.Decide(*with_limits, input, basic, on_store);
      Check(c.ok() && c->allow == a->allow && c->limits.size() == a->limits.size(),
            "the store gives the same verdicts");
    }
    Check(denied_by_limits > 0 && denied_by_limits < kQueries, "some nodes denied, some not");
  }

  ~Fixture() { std::filesystem::remove_all(store_dir); }

  AdjacencyListGraph graph;
  std::string store_dir;
  std::unique_ptr<graph::GraphStore> store;
  std::unique_ptr<StoreGraph> stored;
  DecideOptions on_store;
  std::unique_ptr<CompiledPack> with_limits, without_limits;
  std::vector<Value> inputs;
  size_t denied_by_limits = 0;
  MetricsRegistry metrics;
  NullLogger logger;
  SystemClock clock;
  Orchestrator orchestrator{metrics, logger, clock};
  BasicSelector basic;
  DecideOptions limited;
};

Fixture& F() {
  static Fixture* fixture = new Fixture();  // built on first use, never destroyed
  return *fixture;
}

double Percentile(std::vector<double>& samples, double q) {
  std::sort(samples.begin(), samples.end());
  return samples[static_cast<size_t>(q * static_cast<double>(samples.size() - 1))];
}

template <typename Fn>
double TimeNs(Fn&& fn) {
  auto start = std::chrono::steady_clock::now();
  fn();
  auto end = std::chrono::steady_clock::now();
  return static_cast<double>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count());
}

// Each iteration decides one node twice: with the pack's limits and without (the baseline).
void DecideWithAndWithout(benchmark::State& state, const DecideOptions& limited) {
  Fixture& f = F();
  std::vector<double> with, without;
  size_t i = 0;
  for (auto _ : state) {
    const Value& input = f.inputs[i++ % kQueries];
    with.push_back(TimeNs([&] {
      Result<Decision> d = f.orchestrator.Decide(*f.with_limits, input, f.basic, limited);
      benchmark::DoNotOptimize(d);
    }));
    without.push_back(TimeNs([&] {
      Result<Decision> d = f.orchestrator.Decide(*f.without_limits, input, f.basic);
      benchmark::DoNotOptimize(d);
    }));
  }
  double p50_with = Percentile(with, 0.50), p95_with = Percentile(with, 0.95);
  double p50_without = Percentile(without, 0.50), p95_without = Percentile(without, 0.95);
  state.counters["p50_with_us"] = p50_with / 1e3;
  state.counters["p95_with_us"] = p95_with / 1e3;
  state.counters["p50_without_us"] = p50_without / 1e3;
  state.counters["p95_without_us"] = p95_without / 1e3;
  state.counters["p95_overhead_us"] = (p95_with - p95_without) / 1e3;
  state.counters["p99_with_us"] = Percentile(with, 0.99) / 1e3;
  state.counters["denied_by_limits_pct"] =
      100.0 * static_cast<double>(f.denied_by_limits) / kQueries;
}

// Limits checked on the graph held in memory (AdjacencyListGraph).
void BM_Decide_WithAndWithoutGraphLimits(benchmark::State& state) {
  DecideWithAndWithout(state, F().limited);
}
// Limits checked on the graph store (StoreGraph: the graph query API over the store's adjacency
// cache, as decisions open it; node ids are looked up in RocksDB).
void BM_Decide_WithAndWithoutGraphLimits_Store(benchmark::State& state) {
  DecideWithAndWithout(state, F().on_store);
}

// The limit check alone, as a query front end makes it (GraphGuard::Admit).
void BM_GraphGuard_Admit(benchmark::State& state) {
  Fixture& f = F();
  const GraphLimits& limits = f.with_limits->manifest().limits;
  GraphGuard guard(limits, f.graph);
  std::vector<double> samples;
  size_t i = 0;
  for (auto _ : state) {
    GraphQuery query = DecisionQuery(limits, f.inputs[i++ % kQueries]).value();
    samples.push_back(TimeNs([&] {
      Status s = guard.Admit(query);
      benchmark::DoNotOptimize(s);
    }));
  }
  state.counters["p50_us"] = Percentile(samples, 0.50) / 1e3;
  state.counters["p95_us"] = Percentile(samples, 0.95) / 1e3;
  state.counters["p99_us"] = Percentile(samples, 0.99) / 1e3;
}

BENCHMARK(BM_Decide_WithAndWithoutGraphLimits)->Iterations(20'000);
BENCHMARK(BM_Decide_WithAndWithoutGraphLimits_Store)->Iterations(20'000);
BENCHMARK(BM_GraphGuard_Admit)->Iterations(20'000);

}  // namespace
}  // namespace tf::policy

BENCHMARK_MAIN();
