// Graph benchmarks (docs/PERFORMANCE.md, "Evidence graph"):
//
//   BM_Ingest_Receipted   ingest of a generated scale-free graph (GRAPH_BENCH_NODES nodes, 5
//                         edges per node; default 1M / 5M) through Ingester: rows parsed, leaf
//                         bytes, batch Merkle roots, one synced ledger entry per 50,000 records
//                         with the records blob, then the graph store (overlapping the parsing
//                         of the next batch). CPU time is the process's, all threads.
//   BM_Ingest_RawRocksDb  baseline: the same leaf bytes written to a bare RocksDB in batches of
//                         50,000, one synced write each.
//   BM_KHop3_Capped       3-hop expansion (both directions, 10 newest edges per node) from a
//                         random node of that graph, reported with p50/p95/p99 per query.
//   BM_KHop3_InMemory     baseline: the same expansion over in-memory adjacency lists.
//
// Run once; the ingest is heavy:  build/bench/graph/graph_bench
// GRAPH_BENCH_NODES=100000 gives a quick run.
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <unordered_set>

#include "core/clock.h"
#include "core/random.h"
#include "graph/graph_store.h"
#include "graph/ingest.h"
#include "graph/k_hop.h"
#include "ledger/ledger.h"
#include "ledger/note_key.h"
#include "ledger/rocksdb_store.h"

namespace tf::graph {

namespace {

constexpr int kEdgesPerNode = 5;
constexpr uint64_t kBatch = 50'000;
constexpr size_t kDegreeCap = 10;

uint64_t NodeCount() {
  const char* n = std::getenv("GRAPH_BENCH_NODES");
  return n != nullptr ? std::strtoull(n, nullptr, 10) : 1'000'000;
}

// The generated graph, its files and the data directory the ingest benchmark fills.
struct World {
  SystemClock clock;  // first: the ledger uses it until it closes
  std::filesystem::path dir;
  uint64_t nodes = 0;
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  std::unique_ptr<ledger::RocksDbStore> ledger_store;
  std::unique_ptr<ledger::Ledger> ledger;
  std::unique_ptr<GraphStore> graph;
  std::vector<std::string> leaves;  // for the baseline

  // Closes the stores before RocksDB's own statics go, and removes the files.
  void Close() {
    graph.reset();
    ledger.reset();
    ledger_store.reset();
    if (!dir.empty()) std::filesystem::remove_all(dir);
  }
};

World& TheWorld() {
  static World w;
  return w;
}

// Preferential attachment (Barabasi-Albert): each new node links to kEdgesPerNode earlier nodes
// picked proportionally to degree (by sampling the endpoint list), so degrees are scale-free.
void Generate(World& w) {
  if (!w.edges.empty()) return;
  w.nodes = NodeCount();
  char tmpl[] = "/tmp/tf-graph-bench-XXXXXX";
  w.dir = mkdtemp(tmpl);
  std::mt19937_64 rng(42);
  std::vector<uint32_t> endpoints;
  endpoints.reserve(w.nodes * kEdgesPerNode * 2);
  w.edges.reserve(w.nodes * kEdgesPerNode);
  for (uint32_t v = 1; v < w.nodes; ++v) {
    for (int e = 0; e < kEdgesPerNode; ++e) {
      const uint32_t u = endpoints.empty() || rng() % 4 == 0 ? static_cast<uint32_t>(rng() % v)
                                                             : endpoints[rng() % endpoints.size()];
      w.edges.emplace_back(v, u);
      endpoints.push_back(v);
      endpoints.push_back(u);
    }
  }
  std::ofstream nodes(w.dir / "nodes.csv");
  for (uint64_t v = 0; v < w.nodes; ++v)
    nodes << v << "\n";
  std::ofstream edges(w.dir / "edges.csv");
  int64_t t = 1'300'000'000;
  for (const auto& [s, d] : w.edges)
    edges << s << "," << d << "," << (t++) << "\n";
}

void BM_Ingest_Receipted(benchmark::State& state) {
  World& w = TheWorld();
  Generate(w);
  for (auto _ : state) {
    std::filesystem::remove_all(w.dir / "data");
    w.graph.reset();
    w.ledger.reset();
    w.ledger_store.reset();
    std::filesystem::create_directories(w.dir / "data");
    w.ledger_store = *ledger::RocksDbStore::Open((w.dir / "data" / "ledger").string(), {});
    SeededRandom random(1);
    ledger::LedgerOptions options;
    options.store = w.ledger_store.get();
    options.clock = &w.clock;
    options.signer = *ledger::NoteSigner::Generate("bench.example/log", random);
    w.ledger = *ledger::Ledger::Open(std::move(options));
    w.graph = *GraphStore::Open((w.dir / "data" / "graph").string());
    Ingester ingester(*w.ledger, *w.graph, {.batch_records = kBatch});
    auto nodes = *LineSource::Open((w.dir / "nodes.csv").string());
    auto edges = *LineSource::Open((w.dir / "edges.csv").string());
    Result<IngestTotals> n = ingester.Ingest(
        *nodes, {RecordKind::kNode, IngestFormat::kCsv, *ParseColumnSpec("id", RecordKind::kNode)});
    Result<IngestTotals> e =
        ingester.Ingest(*edges, {RecordKind::kEdge, IngestFormat::kCsv,
                                 *ParseColumnSpec("src,dst,time:time", RecordKind::kEdge)});
    if (!n.ok() || !e.ok()) {
      state.SkipWithError("ingest failed");
      return;
    }
    state.counters["records"] = static_cast<double>(n->nodes + e->edges);
    state.counters["batches"] = static_cast<double>(n->batches + e->batches);
  }
}

void BM_Ingest_RawRocksDb(benchmark::State& state) {
  World& w = TheWorld();
  Generate(w);
  if (w.leaves.empty()) {
    // The same leaf bytes the receipted ingest wrote (built outside the timing).
    w.leaves.reserve(w.nodes + w.edges.size());
    for (uint64_t v = 0; v < w.nodes; ++v) {
      std::string leaf;
      (void)AppendLeafBytes(leaf, NodeRecord{std::to_string(v), {}, Value::EmptyObject(), 0});
      w.leaves.push_back(std::move(leaf));
    }
    int64_t t = 1'300'000'000;
    for (const auto& [s, d] : w.edges) {
      std::string leaf;
      (void)AppendLeafBytes(leaf, EdgeRecord{std::to_string(s), std::to_string(d), "RELATED",
                                             Value::EmptyObject(), (t++) * 1'000'000'000});
      w.leaves.push_back(std::move(leaf));
    }
  }
  for (auto _ : state) {
    const std::string path = (w.dir / "raw").string();
    std::filesystem::remove_all(path);
    rocksdb::Options o;
    o.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    if (!rocksdb::DB::Open(o, path, &raw).ok()) {
      state.SkipWithError("open failed");
      return;
    }
    std::unique_ptr<rocksdb::DB> db(raw);
    rocksdb::WriteOptions sync;
    sync.sync = true;
    for (size_t start = 0; start < w.leaves.size(); start += kBatch) {
      rocksdb::WriteBatch wb;
      const size_t end = std::min(w.leaves.size(), start + kBatch);
      for (size_t i = start; i < end; ++i) {
        char key[8];
        for (int b = 0; b < 8; ++b)
          key[b] = static_cast<char>(i >> (56 - 8 * b));
        wb.Put(rocksdb::Slice(key, 8), w.leaves[i]);
      }
      if (!db->Write(sync, &wb).ok()) state.SkipWithError("write failed");
    }
    (void)db->Close();
  }
  state.counters["records"] = static_cast<double>(w.leaves.size());
}

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Per-query latency percentiles, reported as counters.
class Percentiles {
 public:
  explicit Percentiles(benchmark::State& state) : state_(state) {}
  ~Percentiles() {
    if (samples_.empty()) return;
    std::sort(samples_.begin(), samples_.end());
    auto at = [&](double q) { return samples_[static_cast<size_t>(q * (samples_.size() - 1))]; };
    state_.counters["p50_us"] = at(0.50) / 1e3;
    state_.counters["p95_us"] = at(0.95) / 1e3;
    state_.counters["p99_us"] = at(0.99) / 1e3;
  }
  void Add(int64_t nanos) { samples_.push_back(static_cast<double>(nanos)); }

 private:
  benchmark::State& state_;
  std::vector<double> samples_;
};

// state.range(0): 0 reads RocksDB, 1 the in-memory adjacency cache.
void BM_KHop3_Capped(benchmark::State& state) {
  World& w = TheWorld();
  if (!w.graph) {
    state.SkipWithError("run BM_Ingest_Receipted first");
    return;
  }
  if (state.range(0) == 1 && !w.graph->has_adjacency_cache()) {
    const int64_t t0 = Now();
    Result<uint64_t> bytes = w.graph->BuildAdjacencyCache();
    if (!bytes.ok()) {
      state.SkipWithError("cache build failed");
      return;
    }
    state.counters["cache_build_s"] = static_cast<double>(Now() - t0) / 1e9;
    state.counters["cache_MB"] = static_cast<double>(*bytes) / 1e6;
  }
  TraversalOptions o;
  o.direction = Direction::kBoth;
  const KHopOptions k{.hops = 3, .degree_cap = kDegreeCap, .max_nodes = 100'000, .with_ids = false};
  std::mt19937_64 rng(7);
  Percentiles p(state);
  uint64_t reached = 0;
  for (auto _ : state) {
    const NodeIndex start = rng() % w.graph->state().node_count;
    const int64_t t0 = Now();
    Result<KHopResult> r = KHopFrom(*w.graph, start, o, k);
    p.Add(Now() - t0);
    if (!r.ok()) state.SkipWithError("query failed");
    reached += r->reached;
  }
  state.counters["nodes_reached"] =
      benchmark::Counter(static_cast<double>(reached), benchmark::Counter::kAvgIterations);
}

void BM_KHop3_InMemory(benchmark::State& state) {
  World& w = TheWorld();
  Generate(w);
  // Adjacency per direction, newest (last ingested) first, as the store orders it.
  std::vector<std::vector<uint32_t>> out(w.nodes), in(w.nodes);
  for (auto it = w.edges.rbegin(); it != w.edges.rend(); ++it) {
    out[it->first].push_back(it->second);
    in[it->second].push_back(it->first);
  }
  std::mt19937_64 rng(7);
  Percentiles p(state);
  uint64_t reached = 0;
  for (auto _ : state) {
    const uint32_t start = static_cast<uint32_t>(rng() % w.nodes);
    const int64_t t0 = Now();
    std::unordered_set<uint32_t> seen{start};
    std::vector<uint32_t> frontier{start}, next;
    for (int hop = 0; hop < 3; ++hop) {
      next.clear();
      for (uint32_t n : frontier) {
        // Out edges then in edges, kDegreeCap in all, as the store's walker visits them.
        size_t taken = 0;
        for (const auto* list : {&out[n], &in[n]}) {
          for (uint32_t m : *list) {
            if (taken == kDegreeCap) break;
            ++taken;
            if (seen.insert(m).second) next.push_back(m);
          }
        }
      }
      frontier.swap(next);
    }
    p.Add(Now() - t0);
    reached += seen.size() - 1;
  }
  state.counters["nodes_reached"] =
      benchmark::Counter(static_cast<double>(reached), benchmark::Counter::kAvgIterations);
}

// Process CPU: the ingest applies a batch to the store on a second thread while it parses the
// next, and RocksDB flushes and compacts on its own threads (in both benchmarks).
BENCHMARK(BM_Ingest_Receipted)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_Ingest_RawRocksDb)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_KHop3_Capped)->Arg(0)->Arg(1)->Iterations(20'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_KHop3_InMemory)->Iterations(20'000)->Unit(benchmark::kMicrosecond);

}  // namespace

void CloseBenchWorld() {
  TheWorld().Close();
}

}  // namespace tf::graph

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  tf::graph::CloseBenchWorld();
  return 0;
}
