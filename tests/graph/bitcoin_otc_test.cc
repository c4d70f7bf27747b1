// Acceptance on the real Bitcoin OTC trust network (../shared/data/graphs/bitcoin-otc, 5,881
// nodes, 35,592 rated edges): ingest it through the receipted path, then check component sizes,
// degrees and shortest-path lengths against an independent computation in this file (the CSV
// split by hand into adjacency lists, union-find and plain BFS). Skipped when the data is absent.
#include <gtest/gtest.h>

#include <deque>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>

#include "graph/component.h"
#include "graph/degree.h"
#include "graph/ledger_sync.h"
#include "graph/shortest_path.h"
#include "graph_test_util.h"

namespace tf::graph {
namespace {

const std::string kDataDir = std::string(TF_SHARED_DIR) + "/data/graphs/bitcoin-otc";

// The network as the test reads it, without any of the graph module.
struct Reference {
  std::vector<std::string> ids;
  std::map<std::string, int> index;
  std::vector<std::vector<int>> out, in, both;
  std::vector<int> parent;

  int Find(int x) {
    while (parent[x] != x)
      x = parent[x] = parent[parent[x]];
    return x;
  }
  std::vector<int> Bfs(const std::vector<std::vector<int>>& adj, int from) const {
    std::vector<int> dist(adj.size(), -1);
    std::deque<int> q{from};
    dist[from] = 0;
    while (!q.empty()) {
      const int u = q.front();
      q.pop_front();
      for (int v : adj[u])
        if (dist[v] < 0) {
          dist[v] = dist[u] + 1;
          q.push_back(v);
        }
    }
    return dist;
  }
};

Reference ReadReference() {
  Reference r;
  std::ifstream nodes(kDataDir + "/nodes.csv");
  for (std::string line; std::getline(nodes, line);) {
    if (line.empty()) continue;
    r.index.emplace(line, static_cast<int>(r.ids.size()));
    r.ids.push_back(line);
  }
  const size_t n = r.ids.size();
  r.out.resize(n);
  r.in.resize(n);
  r.both.resize(n);
  r.parent.resize(n);
  std::iota(r.parent.begin(), r.parent.end(), 0);
  std::ifstream edges(kDataDir + "/edges.csv");
  for (std::string line; std::getline(edges, line);) {
    std::istringstream fields(line);
    std::string src, dst;
    std::getline(fields, src, ',');
    std::getline(fields, dst, ',');
    const int s = r.index.at(src), d = r.index.at(dst);
    r.out[s].push_back(d);
    r.in[d].push_back(s);
    r.both[s].push_back(d);
    r.both[d].push_back(s);
    r.parent[r.Find(s)] = r.Find(d);
  }
  return r;
}

TEST(BitcoinOtcTest, QueriesAgreeWithAnIndependentComputation) {
  if (!std::filesystem::exists(kDataDir + "/edges.csv")) GTEST_SKIP() << kDataDir << " absent";
  testing::TempDir dir;
  testing::GraphFixture f(dir.path());
  Ingester ingester(*f.ledger, *f.graph, {.batch_records = 10'000});
  auto nodes = *LineSource::Open(kDataDir + "/nodes.csv");
  Result<IngestTotals> n = ingester.Ingest(
      *nodes, {RecordKind::kNode, IngestFormat::kCsv, *ParseColumnSpec("id", RecordKind::kNode)});
  ASSERT_TRUE(n.ok()) << n.status().message();
  auto edges = *LineSource::Open(kDataDir + "/edges.csv");
  Result<IngestTotals> e = ingester.Ingest(
      *edges, {RecordKind::kEdge, IngestFormat::kCsv,
               *ParseColumnSpec("src,dst,rating:int,time:time", RecordKind::kEdge)});
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(n->nodes, 5881u);
  EXPECT_EQ(e->edges, 35592u);
  EXPECT_EQ(e->batches, 4u);
  Result<AgreementReport> agree = CheckGraphAgainstLedger(*f.ledger, *f.graph, false);
  ASSERT_TRUE(agree.ok());
  EXPECT_TRUE(agree->agree());

  Reference ref = ReadReference();
  ASSERT_EQ(ref.ids.size(), 5881u);
  std::map<int, uint64_t> component_size;
  for (size_t i = 0; i < ref.ids.size(); ++i)
    ++component_size[ref.Find(static_cast<int>(i))];

  TraversalOptions both;
  both.direction = Direction::kBoth;
  for (size_t i = 0; i < ref.ids.size(); ++i) {
    Result<DegreeResult> d = Degree(*f.graph, ref.ids[i], both);
    ASSERT_TRUE(d.ok());
    ASSERT_EQ(d->out, ref.out[i].size()) << ref.ids[i];
    ASSERT_EQ(d->in, ref.in[i].size()) << ref.ids[i];
  }

  std::mt19937 rng(2016);
  uint64_t largest = 0;
  for (const auto& [root, size] : component_size)
    largest = std::max(largest, size);
  for (int sample = 0; sample < 25; ++sample) {
    const int i = static_cast<int>(rng() % ref.ids.size());
    Result<ComponentSize> c = ComponentSizeOf(*f.graph, ref.ids[i], {});
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->size, component_size[ref.Find(i)]) << ref.ids[i];
    // A limit below the size stops early and says so.
    if (c->size > 10) {
      Result<ComponentSize> capped = ComponentSizeOf(*f.graph, ref.ids[i], {}, 10);
      EXPECT_TRUE(capped->exceeded);
      EXPECT_EQ(capped->size, 11u);
    }
  }
  EXPECT_GT(largest, 5000u);

  TraversalOptions out;
  int paths = 0;
  for (int sample = 0; sample < 15; ++sample) {
    const int from = static_cast<int>(rng() % ref.ids.size());
    const std::vector<int> dist_out = ref.Bfs(ref.out, from);
    const std::vector<int> dist_both = ref.Bfs(ref.both, from);
    for (int t = 0; t < 20; ++t) {
      const int to = static_cast<int>(rng() % ref.ids.size());
      for (const auto& [options, dist] : {std::pair{out, &dist_out}, std::pair{both, &dist_both}}) {
        Result<PathResult> p = ShortestPathLength(*f.graph, ref.ids[from], ref.ids[to], options);
        ASSERT_TRUE(p.ok());
        if ((*dist)[to] < 0) {
          EXPECT_FALSE(p->length.has_value()) << ref.ids[from] << "->" << ref.ids[to];
        } else {
          ASSERT_TRUE(p->length.has_value()) << ref.ids[from] << "->" << ref.ids[to];
          EXPECT_EQ(*p->length, static_cast<uint32_t>((*dist)[to]))
              << ref.ids[from] << "->" << ref.ids[to];
          ++paths;
        }
      }
    }
  }
  EXPECT_GT(paths, 300);
}

}  // namespace
}  // namespace tf::graph
