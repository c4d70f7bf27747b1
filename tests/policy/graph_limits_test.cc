// Graph limits: the allow/deny corpus in tests/policy/graph_limits/*.json (small hand-built
// graphs, each case with its expected reason code), limits in pack.yaml with their errors, and
// decisions that carry limit verdicts.
//
// Every case runs twice: on the graph held in memory (AdjacencyListGraph, the guard's own
// bounded searches) and on the same graph ingested into a GraphStore (StoreGraph, the graph
// module's query API); both must give the same verdicts and explanations.
//
// A corpus file: {"graph": {"edges": [[src, dst], …], "nodes": [id, …]},
//                 "limits": {…as under limits: in pack.yaml…},
//                 "cases": [{"name": …, "query": {"kind": neighbors|k_hop|shortest_path|
//                            component_size|degree, "node": …, "target": …, "hops": n},
//                            "limits": {…optional override…},
//                            "expect": "allow" | reason code | "no_limit" (none applies) |
//                                      "error:<error code name>",
//                            "explanation": "…optional, exact…"}]}
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/clock.h"
#include "core/json.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "policy/basic_selector.h"
#include "policy/graph_guard.h"
#include "policy/manifest.h"
#include "policy/orchestrator.h"
#include "policy/store_graph.h"
#include "policy/testing/pack_testing.h"
#include "testing/temp_dir.h"

namespace tf::policy {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHeader = R"(id: demo.v1
version: 1.0.0
rules:
  - id: ok
    ref: data.t.ok
    cost: 1
    severity: low
    reason: not ok
)";

Result<Manifest> ParseWithLimits(const std::string& limits_yaml) {
  return ParseManifest(std::string(kHeader) + "limits:" + limits_yaml, "pack.yaml");
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string* StringAt(const Value& v, std::string_view key) {
  const Value* found = v.Find(key);
  return found != nullptr && found->is_string() ? &found->string() : nullptr;
}

Result<GraphQuery> ReadQuery(const Value& q) {
  GraphQuery query;
  const std::string* kind = StringAt(q, "kind");
  if (kind == nullptr) return InvalidArgument("query needs a kind");
  static const std::pair<const char*, GraphQueryKind> kKinds[] = {
      {"neighbors", GraphQueryKind::kNeighbors},
      {"k_hop", GraphQueryKind::kKHop},
      {"shortest_path", GraphQueryKind::kShortestPath},
      {"component_size", GraphQueryKind::kComponentSize},
      {"degree", GraphQueryKind::kDegree}};
  auto it = std::find_if(std::begin(kKinds), std::end(kKinds),
                         [&](const auto& k) { return *kind == k.first; });
  if (it == std::end(kKinds)) return InvalidArgument("unknown query kind " + *kind);
  query.kind = it->second;
  if (const std::string* node = StringAt(q, "node")) query.node = *node;
  if (const std::string* target = StringAt(q, "target")) query.target = *target;
  if (const Value* hops = q.Find("hops")) query.hops = static_cast<uint64_t>(hops->small_int());
  return query;
}

struct CorpusStats {
  size_t cases = 0, allowed = 0;
  std::map<std::string, size_t> by_code;
};

// A directory under the system's temporary directory, removed with everything in it.
using TempDir = ::tf::testing::TempDir;

// The corpus graph in memory and in a store, from one edge list.
struct CorpusGraphs {
  AdjacencyListGraph memory;
  TempDir dir;
  std::unique_ptr<graph::GraphStore> store;
  std::unique_ptr<StoreGraph> stored;
};

void BuildGraphs(const Value& g, CorpusGraphs& graphs) {
  std::vector<graph::GraphRecord> nodes, edges;
  auto node = [&](const std::string& id) {
    size_t before = graphs.memory.node_count();
    graphs.memory.AddNode(id);
    if (graphs.memory.node_count() > before) {
      nodes.push_back(graph::NodeRecord{id, {}, Value::EmptyObject(), 0});
    }
  };
  if (const Value* listed = g.Find("nodes")) {
    for (const Value& n : listed->array())
      node(n.string());
  }
  for (const Value& e : g.Find("edges")->array()) {
    const std::string& src = e.array()[0].string();
    const std::string& dst = e.array()[1].string();
    node(src);
    node(dst);
    graphs.memory.AddEdge(src, dst);
    edges.push_back(graph::EdgeRecord{src, dst, "REL", Value::EmptyObject(), 0});
  }
  nodes.insert(nodes.end(), edges.begin(), edges.end());
  Result<std::unique_ptr<graph::GraphStore>> store = graph::GraphStore::Open(graphs.dir.path());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  graphs.store = std::move(*store);
  Status applied = graphs.store->Apply({1, 1, nodes});
  ASSERT_TRUE(applied.ok()) << applied.ToString();
  graphs.stored = std::make_unique<StoreGraph>(*graphs.store);
}

void RunCorpusFile(const fs::path& path, CorpusStats& stats) {
  SCOPED_TRACE(path.filename().string());
  Result<Value> doc = ParseJson(Slurp(path));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const Value* g = doc->Find("graph");
  ASSERT_NE(g, nullptr);
  CorpusGraphs graphs;
  BuildGraphs(*g, graphs);
  ASSERT_NE(graphs.stored, nullptr);

  const Value* cases = doc->Find("cases");
  ASSERT_NE(cases, nullptr);
  for (const Value& c : cases->array()) {
    std::string name = StringAt(c, "name") ? *StringAt(c, "name") : ToJson(c);
    SCOPED_TRACE(name);
    const Value* limits_json = c.Find("limits") ? c.Find("limits") : doc->Find("limits");
    ASSERT_NE(limits_json, nullptr);
    // JSON is YAML: the limits go into pack.yaml as a flow mapping, through the real parser.
    Result<Manifest> manifest = ParseWithLimits(" " + ToJson(*limits_json) + "\n");
    ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
    Result<GraphQuery> query = ReadQuery(*c.Find("query"));
    ASSERT_TRUE(query.ok()) << query.status().ToString();
    const std::string& expect = *StringAt(c, "expect");
    ++stats.cases;
    ++stats.by_code[expect];
    for (const GraphAdjacency* graph : {static_cast<const GraphAdjacency*>(&graphs.memory),
                                        static_cast<const GraphAdjacency*>(graphs.stored.get())}) {
      SCOPED_TRACE(graph == &graphs.memory ? "in memory" : "in the graph store");
      GraphGuard guard(manifest->limits, *graph);
      Result<std::vector<LimitVerdict>> verdicts = guard.Check(*query);
      Status admitted = guard.Admit(*query);
      if (expect.rfind("error:", 0) == 0) {
        ASSERT_FALSE(verdicts.ok());
        EXPECT_EQ(ErrorCodeName(verdicts.status().code()), expect.substr(6));
        EXPECT_EQ(admitted.code(), verdicts.status().code());
        continue;
      }
      ASSERT_TRUE(verdicts.ok()) << verdicts.status().ToString();
      if (expect == "no_limit") {
        EXPECT_TRUE(verdicts->empty());
        EXPECT_TRUE(admitted.ok()) << admitted.ToString();
        continue;
      }
      ASSERT_FALSE(verdicts->empty()) << "no limit applied, so the case tests nothing";
      const LimitVerdict& last = verdicts->back();
      for (size_t i = 0; i + 1 < verdicts->size(); ++i)
        EXPECT_FALSE((*verdicts)[i].exceeded);
      if (expect == "allow") {
        stats.allowed += graph == &graphs.memory ? 1 : 0;
        EXPECT_FALSE(last.exceeded) << last.explanation;
        EXPECT_TRUE(admitted.ok()) << admitted.ToString();
      } else {
        EXPECT_TRUE(last.exceeded) << last.explanation;
        EXPECT_EQ(last.reason_code, expect) << last.explanation;
        EXPECT_EQ(admitted.code(), ErrorCode::kGraphLimitExceeded);
        EXPECT_EQ(admitted.message(), last.reason_code + ": " + last.explanation);
      }
      if (const std::string* explanation = StringAt(c, "explanation")) {
        EXPECT_EQ(last.explanation, *explanation);
      }
    }
  }
}

TEST(GraphLimitsCorpusTest, EveryCaseGetsItsExpectedVerdictAndReasonCode) {
  std::vector<fs::path> files;
  for (const auto& entry :
       fs::directory_iterator(testing::SourceDir() + "/tests/policy/graph_limits")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  CorpusStats stats;
  for (const fs::path& f : files)
    RunCorpusFile(f, stats);
  // The acceptance floor: at least 60 cases, allows and denials of each of the three limits.
  EXPECT_GE(stats.cases, 60u);
  EXPECT_GE(stats.allowed, 15u);
  for (const char* code :
       {"graph.component_size_exceeded", "graph.path_length_exceeded", "graph.degree_exceeded"}) {
    EXPECT_GE(stats.by_code[code], 8u) << code;
  }
}

TEST(GraphLimitsTest, LimitsParseWithDefaultsAndCanonicalForm) {
  Result<Manifest> m = ParseWithLimits(R"(
  node: input.subject.node
  degree: {max: 10, direction: out}
  component_size: {max: 500, reason_code: network.too_wide}
)");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->limits.limits.size(), 2u);
  EXPECT_EQ(m->limits.limits[0].kind, LimitKind::kComponentSize);
  EXPECT_EQ(m->limits.limits[0].reason_code, "network.too_wide");
  EXPECT_EQ(m->limits.limits[1].reason_code, "graph.degree_exceeded");
  EXPECT_EQ(m->limits.limits[1].direction, DegreeDirection::kOut);
  EXPECT_EQ(ToJson(GraphLimitsToValue(m->limits)),
            R"({"component_size":{"max":500,"reason_code":"network.too_wide"},)"
            R"("degree":{"direction":"out","max":10,"reason_code":"graph.degree_exceeded"},)"
            R"("node":"input.subject.node"})");
}

TEST(GraphLimitsTest, LimitErrorsNameTheLine) {
  auto fails = [](const std::string& yaml, const std::string& text) {
    EXPECT_STATUS(ParseWithLimits(yaml).status(), ErrorCode::kPackManifestInvalid, text);
  };
  fails("\n  width: {max: 3}\n", "pack.yaml:10:3: unknown limits key \"width\"");
  fails("\n  degree: {direction: out}\n", "pack.yaml:10:11: degree needs max");
  fails("\n  degree: {max: -1}\n", "pack.yaml:10:17: degree max must be an integer from 0 to");
  fails("\n  degree: {max: 1, direction: sideways}\n", "direction must be both, out or in");
  fails("\n  path_length: {max: 1, direction: out}\n", "unknown path_length key \"direction\"");
  fails("\n  component_size: {max: 1, reason_code: Too Big}\n", "reason_code must use lower-case");
  fails("\n  node: subject.node\n  degree: {max: 1}\n",
        "pack.yaml:10:9: node must be a path into the input");
  fails("\n  target: input.b\n  degree: {max: 1}\n", "target needs node");
  fails(" {node: input.a}\n", "limits needs component_size, path_length or degree");
  EXPECT_STATUS(ParseWithLimits("\n  degree: {max: 1}\n  degree: {max: 2}\n").status(),
                ErrorCode::kPackDuplicateId, "pack.yaml:11");
}

TEST(GraphLimitsTest, PackHashCoversLimits) {
  std::string rego = "package t\nok := true\n";
  auto hash = [&](const std::string& extra) {
    return LoadPackFromFiles(testing::SimplePack(std::string(kHeader) + extra, rego)).value().hash;
  };
  EXPECT_NE(hash(""), hash("limits: {degree: {max: 3}}\n"));
  EXPECT_NE(hash("limits: {degree: {max: 3}}\n"), hash("limits: {degree: {max: 4}}\n"));
  EXPECT_EQ(hash("limits: {degree: {max: 3}}\n"), hash("limits:\n  degree:\n    max: 3\n"));
}

class GraphLimitDecisionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A star of 6 around "hub" and a pair.
    for (const char* leaf : {"a", "b", "c", "d", "e"})
      graph_.AddEdge("hub", leaf);
    graph_.AddEdge("p", "q");
    pack_ = testing::MustCompile(testing::SimplePack(
        std::string(kHeader) + "limits:\n  node: input.subject.node\n  degree: {max: 3}\n"
                               "  component_size: {max: 4, reason_code: network.too_wide}\n",
        "package t\nok if input.amount < 10\n"));
  }

  Result<Decision> Decide(const std::string& input_json, const GraphAdjacency* graph) {
    DecideOptions options;
    options.graph = graph;
    return orchestrator_.Decide(*pack_, ParseJson(input_json).value(), selector_, options);
  }

  AdjacencyListGraph graph_;
  std::unique_ptr<CompiledPack> pack_;
  MetricsRegistry metrics_;
  NullLogger logger_;
  FakeClock clock_;
  Orchestrator orchestrator_{metrics_, logger_, clock_};
  BasicSelector selector_;
};

TEST_F(GraphLimitDecisionTest, ADecisionAboutANodeCarriesTheLimitVerdicts) {
  Decision d = Decide(R"({"subject": {"node": "p"}, "amount": 1})", &graph_).value();
  EXPECT_TRUE(d.allow);
  ASSERT_EQ(d.limits.size(), 2u);
  EXPECT_EQ(d.limits[0].explanation, "node p has 1 edge (limit degree \u2264 3)");
  EXPECT_EQ(d.limits[1].explanation,
            "component of node p has 2 nodes (limit component_size \u2264 4)");
  std::string json = ToJson(DecisionToValue(d));
  EXPECT_NE(json.find(R"("limits":[{"exceeded":false,)"), std::string::npos) << json;
}

TEST_F(GraphLimitDecisionTest, AnExceededLimitViolatesTheDecisionWithItsReasonCode) {
  Decision d = Decide(R"({"subject": {"node": "a"}, "amount": 50})", &graph_).value();
  EXPECT_FALSE(d.allow);
  ASSERT_EQ(d.violations.size(), 2u);
  EXPECT_EQ(d.violations[0].rule, "limits.component_size");
  EXPECT_EQ(d.violations[0].code, "network.too_wide");
  EXPECT_EQ(d.violations[0].reason,
            "component of node a has more than 4 nodes (limit component_size \u2264 4)");
  EXPECT_EQ(d.violations[1].rule, "ok");
  std::string json = ToJson(DecisionToValue(d));
  EXPECT_NE(json.find(R"({"code":"network.too_wide","reason":"component of node a)"),
            std::string::npos)
      << json;

  Decision hub = Decide(R"({"subject": {"node": "hub"}, "amount": 1})", &graph_).value();
  EXPECT_FALSE(hub.allow);
  ASSERT_EQ(hub.violations.size(), 1u);
  EXPECT_EQ(hub.violations[0].code, "graph.degree_exceeded");
}

TEST_F(GraphLimitDecisionTest, WithoutAGraphOrANodeTheDecisionFailsClosed) {
  EXPECT_STATUS(Decide(R"({"subject": {"node": "p"}, "amount": 1})", nullptr).status(),
                ErrorCode::kGraphQueryInvalid, "a decision needs the graph");
  EXPECT_STATUS(Decide(R"({"subject": {}, "amount": 1})", &graph_).status(),
                ErrorCode::kInvalidArgument, "node id (a string) at input.subject.node");
  EXPECT_STATUS(Decide(R"({"subject": {"node": 7}, "amount": 1})", &graph_).status(),
                ErrorCode::kInvalidArgument, "input.subject.node");
  EXPECT_STATUS(Decide(R"({"subject": {"node": "nobody"}, "amount": 1})", &graph_).status(),
                ErrorCode::kGraphNodeNotFound, "no node \"nobody\"");
}

TEST(GraphGuardTest, ComponentSearchStopsAtTheLimit) {
  // A component of 10,000 nodes: the search visits no more than max + 1 of them.
  class CountingGraph final : public GraphAdjacency {
   public:
    Result<std::optional<uint64_t>> FindNode(std::string_view) const override {
      return std::optional<uint64_t>(0);
    }
    Status VisitNeighbors(uint64_t node, EdgeDirection dir,
                          const std::function<bool(uint64_t)>& visit) const override {
      ++visits;
      if (dir == EdgeDirection::kOut && node + 1 < 10'000) visit(node + 1);
      return Status();
    }
    mutable uint64_t visits = 0;
  } chain;
  GraphLimits limits;
  limits.limits.push_back({LimitKind::kComponentSize, 50, "c", DegreeDirection::kBoth, {}});
  GraphGuard guard(limits, chain);
  LimitVerdict v = guard.CheckComponentSize(limits.limits[0], "0").value();
  EXPECT_TRUE(v.exceeded);
  EXPECT_LE(chain.visits, 2u * 51);
}

}  // namespace
}  // namespace tf::policy
