// The adjacency cache kept current: a store opened with the cache and one without, fed the same
// receipted ingests, give the same answers to every query after every ingest, after an archive
// step and after a reopen through OpenDataDirGraph (what decisions use); and the cached answers
// change when an ingest changes the graph, so they are never stale.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>

#include "graph/component.h"
#include "graph/degree.h"
#include "graph/k_hop.h"
#include "graph/neighbors.h"
#include "graph/shortest_path.h"
#include "graph_test_util.h"

namespace tf::graph {
namespace {

using testing::GraphFixture;
using testing::TempDir;

constexpr uint32_t kSeed = 20261122;

std::string Id(int n) {
  return "n" + std::to_string(n);
}

std::string NodesCsv(int first, int last) {
  std::string csv;
  for (int n = first; n < last; ++n)
    csv += Id(n) + "\n";
  return csv;
}

// Edges among nodes [0, nodes), with times from a small range so that many tie (ties order by
// edge id), two types, and a share touching the newest nodes.
std::string EdgesCsv(std::mt19937& rng, int nodes, int count) {
  std::string csv;
  for (int i = 0; i < count; ++i) {
    const int src = static_cast<int>(rng() % nodes);
    const int dst =
        i % 4 == 0 ? nodes - 1 - static_cast<int>(rng() % 10) : static_cast<int>(rng() % nodes);
    csv += Id(src) + "," + Id(dst) + "," + (rng() % 3 == 0 ? "B" : "A") + "," +
           std::to_string(rng() % 40) + "\n";
  }
  return csv;
}

// Every query's answer for every node, as text.
std::string Answers(const GraphStore& store, int nodes) {
  TraversalOptions both;
  both.direction = Direction::kBoth;
  TraversalOptions typed = both;
  typed.edge_types = {"B"};
  typed.oldest = int64_t{10} * 1'000'000'000;
  std::string out;
  for (int n = 0; n < nodes; ++n) {
    const std::string id = Id(n);
    out += id + ":";
    Result<NeighborsResult> nb = Neighbors(store, id, both, 100'000);
    EXPECT_TRUE(nb.ok());
    for (const Neighbor& e : nb->neighbors) {
      out += " " + e.id + "/" + e.type + "/" + std::to_string(e.observed_at) + "/" +
             std::string(DirectionName(e.direction)) + "/" + std::to_string(e.edge_id);
    }
    Result<ComponentSize> bounded = ComponentSizeOf(store, id, both, 30);
    Result<ComponentSize> filtered = ComponentSizeOf(store, id, typed);
    Result<DegreeResult> degree = Degree(store, id, both, 5);
    Result<KHopResult> k = KHop(store, id, both, {.hops = 2, .degree_cap = 3});
    Result<PathResult> path = ShortestPathLength(store, id, Id((n * 7) % nodes), {});
    EXPECT_TRUE(bounded.ok() && filtered.ok() && degree.ok() && k.ok() && path.ok());
    out += " | " + std::to_string(bounded->size) + (bounded->exceeded ? "+" : "") + " " +
           std::to_string(filtered->size) + " " + std::to_string(degree->total()) +
           (degree->exceeded ? "+" : "") + " " + std::to_string(k->reached) + " " +
           (path->length ? std::to_string(*path->length) : "-") + "\n";
  }
  return out;
}

TEST(AdjacencyCacheTest, IsKeptCurrentAcrossIngestsArchiveAndReopen) {
  TempDir dir;
  GraphStoreOptions with_cache;
  with_cache.adjacency_cache = true;
  GraphFixture cached(dir.Sub("cached"), with_cache);
  auto plain = std::make_unique<GraphFixture>(dir.Sub("plain"));
  ASSERT_TRUE(cached.graph->has_adjacency_cache());
  ASSERT_FALSE(plain->graph->has_adjacency_cache());
  std::mt19937 rng(kSeed);
  SCOPED_TRACE("seed " + std::to_string(kSeed));

  int nodes = 0;
  std::string previous;
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("ingest round " + std::to_string(round));
    const std::string node_csv = NodesCsv(nodes, nodes + 60);
    nodes += 60;
    const std::string edge_csv = EdgesCsv(rng, nodes, 300);
    for (GraphFixture* g : {&cached, plain.get()}) {
      // Small batches: many patches of the cache, edges to nodes of earlier batches.
      ASSERT_TRUE(g->IngestCsv(node_csv, RecordKind::kNode, "nodes.csv", 25, "id").ok());
      ASSERT_TRUE(
          g->IngestCsv(edge_csv, RecordKind::kEdge, "edges.csv", 70, "src,dst,type,time:time")
              .ok());
    }
    EXPECT_TRUE(cached.graph->has_adjacency_cache());
    const std::string answers = Answers(*cached.graph, nodes);
    EXPECT_EQ(answers, Answers(*plain->graph, nodes));
    EXPECT_NE(answers, previous);
    previous = answers;
  }

  const int64_t cutoff = int64_t{20} * 1'000'000'000;
  for (GraphFixture* g : {&cached, plain.get()}) {
    Result<uint64_t> moved = g->graph->MoveToArchive(cutoff);
    ASSERT_TRUE(moved.ok()) << moved.status().message();
    EXPECT_GT(*moved, 0u);
  }
  EXPECT_TRUE(cached.graph->has_adjacency_cache());
  const std::string archived = Answers(*cached.graph, nodes);
  EXPECT_NE(archived, previous);
  EXPECT_EQ(archived, Answers(*plain->graph, nodes));

  // Decisions open a data directory's graph with the cache.
  plain.reset();
  Result<std::unique_ptr<GraphStore>> reopened = OpenDataDirGraph(dir.Sub("plain"));
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  EXPECT_TRUE((*reopened)->has_adjacency_cache());
  EXPECT_GT((*reopened)->adjacency_cache_bytes(), 0u);
  EXPECT_EQ(Answers(**reopened, nodes), archived);
}

}  // namespace
}  // namespace tf::graph
