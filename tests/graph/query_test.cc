// Queries against an independent computation on random graphs (plain adjacency lists + BFS),
// and the options: edge types, time windows, age modes, the archive tier, bounds.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <random>
#include <set>

#include "graph/component.h"
#include "graph/degree.h"
#include "graph/k_hop.h"
#include "graph/neighbors.h"
#include "graph/shortest_path.h"
#include "graph_test_util.h"

namespace tf::graph {
namespace {

using testing::TempDir;

struct Edge {
  int src, dst;
  std::string type;
  int64_t time;
};

// A random graph in a store, and the same graph as adjacency lists.
class RandomGraph {
 public:
  RandomGraph(const std::string& dir, int nodes, int edges, uint32_t seed) : n_(nodes) {
    store_ = *GraphStore::Open(dir);
    std::mt19937 rng(seed);
    std::vector<GraphRecord> records;
    for (int i = 0; i < nodes; ++i)
      records.push_back(NodeRecord{Id(i), {}, Value::EmptyObject(), 0});
    for (int i = 0; i < edges; ++i) {
      Edge e{static_cast<int>(rng() % nodes), static_cast<int>(rng() % nodes),
             rng() % 3 == 0 ? "B" : "A", static_cast<int64_t>(rng() % 1000)};
      edges_.push_back(e);
      records.push_back(EdgeRecord{Id(e.src), Id(e.dst), e.type, Value::EmptyObject(), e.time});
    }
    EXPECT_TRUE(store_->Apply({1, 1, records}).ok());
  }
  static std::string Id(int i) { return "n" + std::to_string(i); }
  const GraphStore& store() const { return *store_; }
  GraphStore& mutable_store() { return *store_; }

  // Adjacency under a direction, type and oldest-time filter.
  std::vector<std::vector<int>> Adjacency(Direction d, const std::string& type = "",
                                          int64_t oldest = INT64_MIN) const {
    std::vector<std::vector<int>> adj(n_);
    for (const Edge& e : edges_) {
      if ((!type.empty() && e.type != type) || e.time < oldest) continue;
      if (d != Direction::kIn) adj[e.src].push_back(e.dst);
      if (d != Direction::kOut) adj[e.dst].push_back(e.src);
    }
    return adj;
  }
  static std::vector<int> Bfs(const std::vector<std::vector<int>>& adj, int from) {
    std::vector<int> dist(adj.size(), -1);
    std::deque<int> q{from};
    dist[from] = 0;
    while (!q.empty()) {
      int u = q.front();
      q.pop_front();
      for (int v : adj[u])
        if (dist[v] < 0) {
          dist[v] = dist[u] + 1;
          q.push_back(v);
        }
    }
    return dist;
  }
  const std::vector<Edge>& edges() const { return edges_; }

 private:
  int n_;
  std::unique_ptr<GraphStore> store_;
  std::vector<Edge> edges_;
};

TEST(QueryTest, ShortestPathsMatchPlainBfs) {
  TempDir dir;
  for (uint32_t seed : {1u, 2u, 3u}) {
    RandomGraph g(dir.Sub("g" + std::to_string(seed)), 120, 200, seed);
    for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth}) {
      for (const std::string type : {"", "B"}) {
        auto adj = g.Adjacency(d, type);
        TraversalOptions o;
        o.direction = d;
        if (!type.empty()) o.edge_types = {type};
        for (int from = 0; from < 120; from += 7) {
          std::vector<int> dist = RandomGraph::Bfs(adj, from);
          for (int to = 0; to < 120; to += 5) {
            Result<PathResult> r =
                ShortestPathLength(g.store(), RandomGraph::Id(from), RandomGraph::Id(to), o);
            ASSERT_TRUE(r.ok()) << r.status().message();
            if (dist[to] < 0) {
              EXPECT_FALSE(r->length.has_value()) << from << "->" << to;
              EXPECT_TRUE(r->complete);
            } else {
              ASSERT_TRUE(r->length.has_value()) << from << "->" << to;
              EXPECT_EQ(*r->length, static_cast<uint32_t>(dist[to])) << from << "->" << to;
            }
          }
        }
      }
    }
  }
}

TEST(QueryTest, ComponentsDegreesAndKHopMatchPlainComputation) {
  TempDir dir;
  RandomGraph g(dir.Sub("g"), 300, 280, 9);
  auto weak = g.Adjacency(Direction::kBoth);
  auto out = g.Adjacency(Direction::kOut);
  auto in = g.Adjacency(Direction::kIn);
  for (int n = 0; n < 300; n += 3) {
    std::vector<int> dist = RandomGraph::Bfs(weak, n);
    const uint64_t size = std::count_if(dist.begin(), dist.end(), [](int d) { return d >= 0; });
    Result<ComponentSize> c = ComponentSizeOf(g.store(), RandomGraph::Id(n), {});
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->size, size);
    EXPECT_FALSE(c->exceeded);
    if (size > 2) {
      Result<ComponentSize> capped = ComponentSizeOf(g.store(), RandomGraph::Id(n), {}, size - 1);
      EXPECT_TRUE(capped->exceeded);
      EXPECT_EQ(capped->size, size);  // stopped at limit + 1
    }

    TraversalOptions both;
    both.direction = Direction::kBoth;
    Result<DegreeResult> deg = Degree(g.store(), RandomGraph::Id(n), both);
    ASSERT_TRUE(deg.ok());
    EXPECT_EQ(deg->out, out[n].size());
    EXPECT_EQ(deg->in, in[n].size());

    std::vector<int> out_dist = RandomGraph::Bfs(out, n);
    for (uint32_t hops = 1; hops <= 3; ++hops) {
      const uint64_t within = std::count_if(out_dist.begin(), out_dist.end(), [&](int d) {
        return d > 0 && d <= static_cast<int>(hops);
      });
      Result<KHopResult> k = KHop(g.store(), RandomGraph::Id(n), {}, {.hops = hops});
      ASSERT_TRUE(k.ok());
      EXPECT_EQ(k->reached, within) << n << " hops " << hops;
      EXPECT_EQ(k->ids.size(), within);
    }
  }
}

TEST(QueryTest, NeighborsFiltersAndOrder) {
  TempDir dir;
  auto store = *GraphStore::Open(dir.Sub("g"));
  std::vector<GraphRecord> records;
  for (const char* id : {"a", "b", "c", "d"})
    records.push_back(NodeRecord{id, {}, Value::EmptyObject(), 0});
  records.push_back(EdgeRecord{"a", "b", "PAID", Value::EmptyObject(), 100});
  records.push_back(EdgeRecord{"a", "c", "KNOWS", Value::EmptyObject(), 300});
  records.push_back(EdgeRecord{"d", "a", "PAID", Value::EmptyObject(), 200});
  ASSERT_TRUE(store->Apply({1, 1, records}).ok());

  TraversalOptions o;
  o.direction = Direction::kBoth;
  Result<NeighborsResult> all = Neighbors(*store, "a", o);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->neighbors.size(), 3u);
  EXPECT_EQ(all->neighbors[0].id, "c");  // newest outgoing first
  EXPECT_EQ(all->neighbors[1].id, "b");
  EXPECT_EQ(all->neighbors[2].id, "d");
  EXPECT_EQ(all->neighbors[2].direction, Direction::kIn);

  o.edge_types = {"PAID"};
  EXPECT_EQ(Neighbors(*store, "a", o)->neighbors.size(), 2u);
  o.edge_types = {"NEVER_SEEN"};
  EXPECT_EQ(Neighbors(*store, "a", o)->neighbors.size(), 0u);
  o.edge_types.clear();
  o.oldest = 150;
  o.newest = 250;
  ASSERT_EQ(Neighbors(*store, "a", o)->neighbors.size(), 1u);
  EXPECT_EQ(Neighbors(*store, "a", o)->neighbors[0].id, "d");
  o.oldest = INT64_MIN;
  o.newest = INT64_MAX;
  o.age = AgeMode::kRestrict;
  o.after = 200;
  EXPECT_EQ(Neighbors(*store, "a", o)->neighbors.size(), 2u);  // c (300), d (200)

  Result<NeighborsResult> limited = Neighbors(*store, "a", {.direction = Direction::kBoth}, 2);
  EXPECT_EQ(limited->neighbors.size(), 2u);
  EXPECT_TRUE(limited->truncated);

  Result<NeighborsResult> missing = Neighbors(*store, "zz", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kGraphNodeNotFound);
  EXPECT_EQ(KHop(*store, "a", {}, {.hops = 0}).status().code(), ErrorCode::kGraphQueryInvalid);
  EXPECT_EQ(KHop(*store, "a", {}, {.hops = 17}).status().code(), ErrorCode::kGraphQueryInvalid);
  EXPECT_EQ(ParseDirection("sideways").status().code(), ErrorCode::kGraphQueryInvalid);
}

TEST(QueryTest, AgeAwarePathsAndTheArchiveTier) {
  TempDir dir;
  auto store = *GraphStore::Open(dir.Sub("g"));
  std::vector<GraphRecord> records;
  for (const char* id : {"s", "m", "x", "y", "t"})
    records.push_back(NodeRecord{id, {}, Value::EmptyObject(), 0});
  // Short old path s-m-t, long recent path s-x-y-t.
  records.push_back(EdgeRecord{"s", "m", "T", Value::EmptyObject(), 10});
  records.push_back(EdgeRecord{"m", "t", "T", Value::EmptyObject(), 10});
  records.push_back(EdgeRecord{"s", "x", "T", Value::EmptyObject(), 500});
  records.push_back(EdgeRecord{"x", "y", "T", Value::EmptyObject(), 500});
  records.push_back(EdgeRecord{"y", "t", "T", Value::EmptyObject(), 500});
  ASSERT_TRUE(store->Apply({1, 1, records}).ok());

  TraversalOptions o;
  EXPECT_EQ(*ShortestPathLength(*store, "s", "t", o)->length, 2u);
  o.age = AgeMode::kPrefer;
  o.after = 100;
  Result<PathResult> prefer = ShortestPathLength(*store, "s", "t", o);
  EXPECT_EQ(*prefer->length, 3u);
  EXPECT_TRUE(prefer->recent_only);
  o.after = 1000;  // no recent path: falls back to all edges
  EXPECT_EQ(*ShortestPathLength(*store, "s", "t", o)->length, 2u);
  o.age = AgeMode::kRestrict;
  EXPECT_FALSE(ShortestPathLength(*store, "s", "t", o)->length.has_value());

  ASSERT_EQ(*store->MoveToArchive(100), 2u);
  TraversalOptions hot;
  EXPECT_EQ(*ShortestPathLength(*store, "s", "t", hot)->length, 3u);
  hot.include_archive = true;
  EXPECT_EQ(*ShortestPathLength(*store, "s", "t", hot)->length, 2u);
  EXPECT_EQ(ComponentSizeOf(*store, "m", {})->size, 1u);
  EXPECT_EQ(ComponentSizeOf(*store, "m", hot)->size, 5u);

  Result<PathResult> bounded = ShortestPathLength(*store, "s", "t", {}, {.max_depth = 2});
  EXPECT_FALSE(bounded->length.has_value());
  EXPECT_FALSE(bounded->complete);
}

TEST(QueryTest, DegreeCapKeepsNewestEdgesAndBoundsStop) {
  TempDir dir;
  auto store = *GraphStore::Open(dir.Sub("g"));
  std::vector<GraphRecord> records;
  records.push_back(NodeRecord{"hub", {}, Value::EmptyObject(), 0});
  for (int i = 0; i < 50; ++i) {
    records.push_back(NodeRecord{"l" + std::to_string(i), {}, Value::EmptyObject(), 0});
    records.push_back(EdgeRecord{"hub", "l" + std::to_string(i), "T", Value::EmptyObject(), i});
  }
  ASSERT_TRUE(store->Apply({1, 1, records}).ok());
  Result<KHopResult> k = KHop(*store, "hub", {}, {.hops = 2, .degree_cap = 5});
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->reached, 5u);
  EXPECT_EQ(k->ids, (std::vector<std::string>{"l49", "l48", "l47", "l46", "l45"}));
  Result<KHopResult> t = KHop(*store, "hub", {}, {.hops = 2, .max_nodes = 10});
  EXPECT_TRUE(t->truncated);
  EXPECT_EQ(t->reached, 10u);
  Result<DegreeResult> d = Degree(*store, "hub", {}, 20);
  EXPECT_TRUE(d->exceeded);
  EXPECT_EQ(d->total(), 21u);
  EXPECT_EQ(Degree(*store, "hub", {})->out, 50u);
}

}  // namespace
}  // namespace tf::graph

namespace tf::graph {
namespace {

TEST(AdjacencyCacheTest, ServesTheSameAnswersAsRocksDbAndFollowsWrites) {
  testing::TempDir dir;
  RandomGraph g(dir.Sub("g"), 200, 600, 11);
  struct Answers {
    std::vector<uint64_t> components, khops, degrees;
    std::vector<std::optional<uint32_t>> paths;
    bool operator==(const Answers&) const = default;
  };
  auto answers = [&] {
    Answers a;
    TraversalOptions both;
    both.direction = Direction::kBoth;
    TraversalOptions windowed;
    windowed.oldest = 200;
    windowed.newest = 700;
    for (int n = 0; n < 200; n += 3) {
      const std::string id = RandomGraph::Id(n);
      a.components.push_back(ComponentSizeOf(g.store(), id, windowed)->size);
      a.khops.push_back(KHop(g.store(), id, both, {.hops = 3, .degree_cap = 4})->reached);
      a.degrees.push_back(Degree(g.store(), id, windowed)->total());
      a.paths.push_back(ShortestPathLength(g.store(), id, RandomGraph::Id(199 - n), {})->length);
    }
    return a;
  };
  const Answers from_rocksdb = answers();
  Result<uint64_t> bytes = g.mutable_store().BuildAdjacencyCache();
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  EXPECT_GT(*bytes, 0u);
  EXPECT_TRUE(g.store().has_adjacency_cache());
  EXPECT_TRUE(answers() == from_rocksdb);

  const TraversalOptions both{.direction = Direction::kBoth};
  const uint64_t before = Degree(g.store(), "n0", both)->total();
  std::vector<GraphRecord> more = {EdgeRecord{"n0", "n1", "A", Value::EmptyObject(), 5}};
  ASSERT_TRUE(g.mutable_store().Apply({2, 2, more}).ok());
  EXPECT_TRUE(g.store().has_adjacency_cache());
  EXPECT_EQ(Degree(g.store(), "n0", both)->total(), before + 1);
}

}  // namespace
}  // namespace tf::graph
