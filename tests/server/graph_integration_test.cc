// The evidence graph's queries over real HTTP: results as `proof graph query` prints them, and
// a pack's graph limits checked before any result leaves the server.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/clock.h"
#include "core/random.h"
#include "graph/graph_store.h"
#include "graph/ingest.h"
#include "ledger/ledger.h"
#include "ledger/rocksdb_store.h"
#include "server/signing_key_file.h"
#include "testing/test_server.h"

namespace tf::server {
namespace {

using testing::HttpResult;
using testing::TempDir;
using testing::TestServer;
using testing::TestServerOptions;
using testing::TokenSpec;

constexpr char kGraphScope[] = "graph:read";

// A pack with nothing but limits worth testing: components of at most 4 nodes, paths and
// expansions of at most 2 edges (with its own reason code), at most 3 edges per node.
void WriteLimitedPack(const std::string& packs_dir) {
  const std::filesystem::path dir = std::filesystem::path(packs_dir) / "graph_api.v1";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "pack.yaml") << R"(id: graph_api.v1
version: 1.0.0
description: Graph queries within small limits.
rules:
  - id: always
    ref: data.graph_api.always
    cost: 1
    severity: low
    reason: "always holds"
limits:
  component_size: {max: 4}
  path_length: {max: 2, reason_code: chain.too_long}
  degree: {max: 3}
)";
  std::ofstream(dir / "graph_api.rego") << "package graph_api\n\nalways := true\n";
}

// a -> b -> c -> d (a component of 4), and hub -> x1..x4 (a component of 5, hub's degree 4).
Status IngestTestGraph(const std::string& data_dir) {
  const std::filesystem::path data(data_dir);
  SeededRandom random(11);
  TF_ASSIGN_OR_RETURN(SigningKeyFiles key,
                      LoadOrCreateSigningKey((data / "keys" / "checkpoint.key").string(),
                                             "trust-fabric.local/log", random));
  TF_ASSIGN_OR_RETURN(auto store, ledger::RocksDbStore::Open((data / "ledger").string(), {}));
  FakeClock clock(testing::kTestEpochSeconds * 1'000'000'000LL);
  ledger::LedgerOptions options;
  options.store = store.get();
  options.clock = &clock;
  options.signer = std::move(key.signer);
  TF_ASSIGN_OR_RETURN(auto ledger, ledger::Ledger::Open(std::move(options)));
  graph::GraphStoreOptions graph_options;
  graph_options.create_if_missing = true;
  TF_ASSIGN_OR_RETURN(auto graph,
                      graph::GraphStore::Open((data / "graph").string(), graph_options));
  graph::Ingester ingester(*ledger, *graph, {});
  auto nodes = graph::LineSource::FromString("id\na\nb\nc\nd\nhub\nx1\nx2\nx3\nx4\n", "nodes.csv");
  TF_RETURN_IF_ERROR(
      ingester.Ingest(*nodes, {graph::RecordKind::kNode, graph::IngestFormat::kCsv, std::nullopt})
          .status());
  auto edges = graph::LineSource::FromString(
      "src,dst,type,observed_at\n"
      "a,b,RATED,2026-01-01T00:00:00Z\nb,c,RATED,2026-02-01T00:00:00Z\n"
      "c,d,RATED,2026-03-01T00:00:00Z\nhub,x1,KNOWS,2026-01-01T00:00:00Z\n"
      "hub,x2,KNOWS,2026-01-01T00:00:00Z\nhub,x3,KNOWS,2026-01-01T00:00:00Z\n"
      "hub,x4,KNOWS,2026-01-01T00:00:00Z\n",
      "edges.csv");
  return ingester
      .Ingest(*edges, {graph::RecordKind::kEdge, graph::IngestFormat::kCsv, std::nullopt})
      .status();
}

TestServerOptions WithPacks(const std::string& packs_dir) {
  TestServerOptions options;
  options.packs_dir = packs_dir;
  return options;
}

class GraphIntegrationTest : public ::testing::Test {
 protected:
  GraphIntegrationTest() {
    // The server makes the data directory and its key; the graph is ingested while it is
    // stopped, as `proof graph ingest` must be.
    server_.Stop();
    Status ingested = IngestTestGraph(server_.data_dir());
    EXPECT_TRUE(ingested.ok()) << ingested.message();
    Status started = server_.Start();
    EXPECT_TRUE(started.ok()) << started.message();
    client_ = server_.Client();
  }

  HttpResult Query(const std::string& target, const std::string& token) {
    Result<HttpResult> r = client_->Get(target, token);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : HttpResult{};
  }
  HttpResult Query(const std::string& target) { return Query(target, token_); }

  static std::string Code(const HttpResult& r) {
    const Value body = r.Json();
    const Value* code = body.Find("code");
    return code != nullptr && code->is_string() ? code->string() : "";
  }

  struct PackDir {
    PackDir() { WriteLimitedPack(dir.path()); }
    TempDir dir;
  };
  PackDir packs_;
  TestServer server_{WithPacks(packs_.dir.path())};
  std::unique_ptr<testing::TestClient> client_;
  std::string token_ = server_.Token(TokenSpec{.scope = kGraphScope});
};

TEST_F(GraphIntegrationTest, NeighborsWithinTheLimitsAnswerWithTheVerdicts) {
  HttpResult r = Query("/v1/graph/neighbors?pack=graph_api.v1&node=a");
  ASSERT_EQ(r.status, 200) << r.body;
  const Value body = r.Json();
  EXPECT_EQ(body.Find("node")->string(), "a");
  ASSERT_EQ(body.Find("neighbors")->array().size(), 1u);
  EXPECT_EQ(body.Find("neighbors")->array()[0].Find("id")->string(), "b");
  EXPECT_EQ(body.Find("neighbors")->array()[0].Find("type")->string(), "RATED");
  // Degree, path length and component size, each held.
  ASSERT_EQ(body.Find("limits")->array().size(), 3u);
  for (const Value& v : body.Find("limits")->array())
    EXPECT_FALSE(v.Find("exceeded")->bool_value()) << r.body;
}

TEST_F(GraphIntegrationTest, EachQueryKindAnswersLikeTheCli) {
  HttpResult degree = Query("/v1/graph/degree?pack=graph_api.v1&node=b&direction=both");
  ASSERT_EQ(degree.status, 200) << degree.body;
  EXPECT_EQ(degree.Json().Find("degree")->number().ToInt64(), 2);

  HttpResult path = Query("/v1/graph/shortest-path?pack=graph_api.v1&from=a&to=c");
  ASSERT_EQ(path.status, 200) << path.body;
  EXPECT_EQ(path.Json().Find("length")->number().ToInt64(), 2);

  HttpResult component = Query("/v1/graph/component-size?pack=graph_api.v1&node=d");
  ASSERT_EQ(component.status, 200) << component.body;
  EXPECT_EQ(component.Json().Find("component_size")->number().ToInt64(), 4);

  HttpResult khop = Query("/v1/graph/k-hop?pack=graph_api.v1&node=a&hops=2");
  ASSERT_EQ(khop.status, 200) << khop.body;
  EXPECT_EQ(khop.Json().Find("reached")->number().ToInt64(), 2);
}

TEST_F(GraphIntegrationTest, TraversalOptionsApply) {
  // Only edges observed from February on: a's one edge (January) is not followed.
  HttpResult recent =
      Query("/v1/graph/neighbors?pack=graph_api.v1&node=a&since=2026-02-01T00:00:00Z");
  ASSERT_EQ(recent.status, 200) << recent.body;
  EXPECT_TRUE(recent.Json().Find("neighbors")->array().empty());
  HttpResult typed = Query("/v1/graph/neighbors?pack=graph_api.v1&node=a&type=KNOWS&type=OTHER");
  ASSERT_EQ(typed.status, 200) << typed.body;
  EXPECT_TRUE(typed.Json().Find("neighbors")->array().empty());
  HttpResult incoming = Query("/v1/graph/neighbors?pack=graph_api.v1&node=b&direction=in");
  ASSERT_EQ(incoming.status, 200) << incoming.body;
  EXPECT_EQ(incoming.Json().Find("neighbors")->array()[0].Find("id")->string(), "a");
}

TEST_F(GraphIntegrationTest, AQueryPastALimitIsDeniedWithoutItsResult) {
  HttpResult degree = Query("/v1/graph/neighbors?pack=graph_api.v1&node=hub");
  EXPECT_EQ(degree.status, 403);
  EXPECT_EQ(Code(degree), "graph_limit_exceeded");
  EXPECT_EQ(degree.Json().Find("limit")->string(), "degree");
  EXPECT_EQ(degree.Json().Find("reason_code")->string(), "graph.degree_exceeded");
  EXPECT_EQ(degree.Json().Find("max")->number().ToInt64(), 3);
  EXPECT_EQ(degree.Json().Find("neighbors"), nullptr);
  EXPECT_NE(degree.Json().Find("detail")->string().find("hub"), std::string::npos);

  HttpResult component = Query("/v1/graph/component-size?pack=graph_api.v1&node=x1");
  EXPECT_EQ(component.status, 403);
  EXPECT_EQ(component.Json().Find("reason_code")->string(), "graph.component_size_exceeded");
  EXPECT_EQ(component.Json().Find("component_size"), nullptr);

  HttpResult path = Query("/v1/graph/shortest-path?pack=graph_api.v1&from=a&to=d");
  EXPECT_EQ(path.status, 403);
  EXPECT_EQ(path.Json().Find("reason_code")->string(), "chain.too_long");

  HttpResult hops = Query("/v1/graph/k-hop?pack=graph_api.v1&node=a&hops=3");
  EXPECT_EQ(hops.status, 403);
  EXPECT_EQ(hops.Json().Find("limit")->string(), "path_length");
  EXPECT_EQ(hops.Json().Find("nodes"), nullptr);
}

TEST_F(GraphIntegrationTest, FiltersDoNotCarryAQueryPastALimit) {
  // Over KNOWS edges from February on, x1 would be alone; its component is still 5 nodes.
  HttpResult r = Query(
      "/v1/graph/component-size?pack=graph_api.v1&node=x1&type=RATED&since=2026-02-01T00:00:00Z");
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(Code(r), "graph_limit_exceeded");
}

TEST_F(GraphIntegrationTest, BadQueriesAreRefusedWithStableCodes) {
  EXPECT_EQ(Code(Query("/v1/graph/degree?node=a")), "bad_request");             // no pack
  EXPECT_EQ(Code(Query("/v1/graph/degree?pack=graph_api.v1")), "bad_request");  // no node
  EXPECT_EQ(Code(Query("/v1/graph/degree?pack=graph_api.v1&node=a&nodes=b")), "bad_request");
  EXPECT_EQ(Code(Query("/v1/graph/degree?pack=graph_api.v1&node=a&node=b")), "bad_request");
  EXPECT_EQ(Code(Query("/v1/graph/degree?pack=Bad/Id&node=a")), "bad_request");
  EXPECT_EQ(Code(Query("/v1/graph/degree?pack=graph_api.v1&node=a&direction=up")),
            "graph_query_invalid");
  EXPECT_EQ(Code(Query("/v1/graph/degree?pack=graph_api.v1&node=a&since=yesterday")),
            "graph_query_invalid");
  EXPECT_EQ(Code(Query("/v1/graph/degree?pack=graph_api.v1&node=a&age=prefer")),
            "graph_query_invalid");
  EXPECT_EQ(Code(Query("/v1/graph/degree?pack=graph_api.v1&node=a&include_archive=yes")),
            "bad_request");
  EXPECT_EQ(Code(Query("/v1/graph/k-hop?pack=graph_api.v1&node=a&hops=0")), "graph_query_invalid");
  EXPECT_EQ(Code(Query("/v1/graph/neighbors?pack=graph_api.v1&node=a&limit=10001")),
            "graph_query_invalid");
  EXPECT_EQ(Code(Query("/v1/graph/k-hop?pack=graph_api.v1&node=a&max_nodes=-1")), "bad_request");

  HttpResult unknown_node = Query("/v1/graph/degree?pack=graph_api.v1&node=zz");
  EXPECT_EQ(unknown_node.status, 404);
  EXPECT_EQ(Code(unknown_node), "graph_node_not_found");
  HttpResult unknown_pack = Query("/v1/graph/degree?pack=nope.v1&node=a");
  EXPECT_EQ(unknown_pack.status, 404);
  EXPECT_EQ(Code(unknown_pack), "pack_not_found");
}

TEST_F(GraphIntegrationTest, QueriesNeedTheGraphScope) {
  EXPECT_EQ(Query("/v1/graph/degree?pack=graph_api.v1&node=a", "").status, 401);
  HttpResult no_scope =
      Query("/v1/graph/degree?pack=graph_api.v1&node=a", server_.Token(TokenSpec{}));
  EXPECT_EQ(no_scope.status, 403);
  EXPECT_EQ(Code(no_scope), "auth_insufficient_scope");
}

TEST(GraphRoutesWithoutAGraph, AnswerNotFound) {
  TestServer server;
  std::unique_ptr<testing::TestClient> client = server.Client();
  Result<HttpResult> r = client->Get("/v1/graph/degree?pack=lksg.v1&node=a",
                                     server.Token(TokenSpec{.scope = kGraphScope}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 404) << r->body;
  EXPECT_EQ(r->Json().Find("code")->string(), "not_found");
}

}  // namespace
}  // namespace tf::server
