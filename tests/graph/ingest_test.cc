// Receipted ingest: batches in the ledger, the store derived from them, bad rows, receipts and
// rolling the store forward from the ledger.
#include <gtest/gtest.h>

#include <random>

#include "graph/batch_log.h"
#include "graph/batch_merkle.h"
#include "graph/ledger_sync.h"
#include "graph/record_receipt.h"
#include "graph_test_util.h"
#include "ledger/proof_verify.h"

namespace tf::graph {
namespace {

using testing::GraphFixture;
using testing::TempDir;

constexpr const char* kNodes = "id,name,labels\n1,ada,User\n2,bob,User;Admin\n3,cy,\n4,dee,User\n";
constexpr const char* kEdges =
    "src,dst,type,rating:int,observed_at\n"
    "1,2,RATED,5,100\n"
    "2,3,RATED,-2,200\n"
    "1,3,KNOWS,1,300\n"
    "3,1,RATED,3,400\n";

std::vector<std::string> Neighbours(const GraphStore& g, std::string_view id, EdgeDir dir,
                                    Tier tier = Tier::kHot) {
  std::vector<std::string> out;
  NodeIndex n = **g.FindNode(id);
  EXPECT_TRUE(g.VisitEdges(n, dir, tier, INT64_MIN, INT64_MAX, [&](const AdjacentEdge& e) {
                 out.push_back(*g.NodeId(e.other));
                 return true;
               }).ok());
  return out;
}

TEST(IngestTest, NodesAndEdgesBecomeLedgerBatches) {
  TempDir dir;
  GraphFixture f(dir.path());
  Result<IngestTotals> nodes = f.IngestCsv(kNodes, RecordKind::kNode, "nodes.csv", 3);
  ASSERT_TRUE(nodes.ok()) << nodes.status().message();
  EXPECT_EQ(nodes->nodes, 4u);
  EXPECT_EQ(nodes->batches, 2u);  // 3 + 1
  Result<IngestTotals> edges = f.IngestCsv(kEdges, RecordKind::kEdge, "edges.csv", 3);
  ASSERT_TRUE(edges.ok()) << edges.status().message();
  EXPECT_EQ(edges->edges, 4u);
  EXPECT_EQ(edges->first_batch, 3u);
  EXPECT_EQ(edges->last_batch, 4u);

  const StoreState st = f.graph->state();
  EXPECT_EQ(st.applied_batch, 4u);
  EXPECT_EQ(st.node_count, 4u);
  EXPECT_EQ(st.edge_count, 4u);
  EXPECT_EQ(st.type_count, 2u);
  EXPECT_EQ(*LedgerGraphHead(*f.store), 4u);

  // Newest first.
  EXPECT_EQ(Neighbours(*f.graph, "1", EdgeDir::kOut), (std::vector<std::string>{"3", "2"}));
  EXPECT_EQ(Neighbours(*f.graph, "3", EdgeDir::kIn), (std::vector<std::string>{"1", "2"}));
  Result<StoredNode> bob = f.graph->GetNode(**f.graph->FindNode("2"));
  ASSERT_TRUE(bob.ok());
  EXPECT_EQ(bob->record.labels, (std::vector<std::string>{"Admin", "User"}));
  EXPECT_EQ(*bob->record.properties.Find("name"), Value::String("bob"));

  Result<LoadedBatch> batch = LoadBatch(*f.ledger, 3);
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  EXPECT_EQ(batch->summary.source, "edges.csv");
  EXPECT_EQ(batch->summary.first_line, 2u);
  EXPECT_EQ(batch->summary.last_line, 4u);
  EXPECT_EQ(batch->summary.edges, 3u);

  Result<AgreementReport> report = CheckGraphAgainstLedger(*f.ledger, *f.graph, true);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_TRUE(report->agree()) << report->problems.front();
  EXPECT_EQ(report->records_checked, 8u);
}

// The ingester remembers node indexes across batches (NodeIndexMemo) up to a bound, and reads
// the rest from the store: either way every edge lands between the right nodes.
TEST(IngestTest, RememberedAndStoredNodeIndexesGiveTheSameEdges) {
  constexpr uint32_t kSeed = 5;
  std::mt19937 rng(kSeed);
  std::string nodes, edges;
  for (int n = 0; n < 40; ++n)
    nodes += "v" + std::to_string(n) + "\n";
  std::vector<std::vector<std::string>> expected_out(40);
  for (int i = 0; i < 200; ++i) {
    const int src = static_cast<int>(rng() % 40), dst = static_cast<int>(rng() % 40);
    edges +=
        "v" + std::to_string(src) + ",v" + std::to_string(dst) + "," + std::to_string(i) + "\n";
    expected_out[src].insert(expected_out[src].begin(), "v" + std::to_string(dst));  // newest first
  }
  for (size_t remembered : {size_t{0}, size_t{6}, size_t{1000}}) {
    SCOPED_TRACE("remembered ids " + std::to_string(remembered) + ", seed " +
                 std::to_string(kSeed));
    TempDir dir;
    GraphFixture f(dir.path());
    Ingester ingester(*f.ledger, *f.graph, {.batch_records = 7, .remembered_ids = remembered});
    auto node_in = LineSource::FromString(nodes, "nodes.csv");
    auto edge_in = LineSource::FromString(edges, "edges.csv");
    ASSERT_TRUE(ingester
                    .Ingest(*node_in, {RecordKind::kNode, IngestFormat::kCsv,
                                       *ParseColumnSpec("id", RecordKind::kNode)})
                    .ok());
    Result<IngestTotals> t =
        ingester.Ingest(*edge_in, {RecordKind::kEdge, IngestFormat::kCsv,
                                   *ParseColumnSpec("src,dst,t:time", RecordKind::kEdge)});
    ASSERT_TRUE(t.ok()) << t.status().message();
    for (int n = 0; n < 40; ++n)
      EXPECT_EQ(Neighbours(*f.graph, "v" + std::to_string(n), EdgeDir::kOut), expected_out[n]);
    Result<AgreementReport> report = CheckGraphAgainstLedger(*f.ledger, *f.graph, true);
    ASSERT_TRUE(report.ok()) << report.status().message();
    EXPECT_TRUE(report->agree());
  }
}

TEST(IngestTest, EveryRecordHasAReceipt) {
  TempDir dir;
  GraphFixture f(dir.path());
  ASSERT_TRUE(f.IngestCsv(kNodes, RecordKind::kNode, "nodes.csv").ok());
  ASSERT_TRUE(f.IngestCsv(kEdges, RecordKind::kEdge, "edges.csv").ok());
  for (uint64_t pos = 0; pos < 4; ++pos) {
    Result<RecordReceipt> r = GetRecordReceipt(*f.ledger, 2, pos);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(VerifyRecordReceipt(*r, f.ledger->verifier()).ok());
    // A record that was not ingested does not verify against the same proof.
    RecordReceipt forged = *r;
    forged.leaf.replace(forged.leaf.find("\"src\":\""), 8, "\"src\":\"9");
    EXPECT_FALSE(VerifyRecordReceipt(forged, f.ledger->verifier()).ok());
  }
  EXPECT_EQ(GetRecordReceipt(*f.ledger, 2, 4).status().code(), ErrorCode::kOutOfRange);
  EXPECT_FALSE(GetRecordReceipt(*f.ledger, 3, 0).ok());
}

TEST(IngestTest, BadRowNamesFileAndLineAndWritesNothingOfItsBatch) {
  TempDir dir;
  GraphFixture f(dir.path());
  ASSERT_TRUE(f.IngestCsv(kNodes, RecordKind::kNode, "nodes.csv").ok());
  const StoreState before = f.graph->state();
  const std::string edges = std::string(kEdges) + "4,1,RATED,notanumber,500\n";
  Result<IngestTotals> bad = f.IngestCsv(edges, RecordKind::kEdge, "edges.csv", 1000);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kGraphRowInvalid);
  EXPECT_NE(bad.status().message().find("edges.csv:6:"), std::string::npos)
      << bad.status().message();
  EXPECT_EQ(f.graph->state().applied_batch, before.applied_batch);
  EXPECT_EQ(f.graph->state().edge_count, 0u);
  EXPECT_EQ(*LedgerGraphHead(*f.store), before.applied_batch);

  // An edge to a node that does not exist is a row error too, reported at its line.
  Result<IngestTotals> dangling =
      f.IngestCsv("src,dst\n1,2\n2,77\n", RecordKind::kEdge, "e2.csv", 1000);
  ASSERT_FALSE(dangling.ok());
  EXPECT_NE(dangling.status().message().find("e2.csv:3:"), std::string::npos)
      << dangling.status().message();
  EXPECT_NE(dangling.status().message().find("\"77\""), std::string::npos);
  EXPECT_EQ(f.graph->state().edge_count, 0u);

  // With batches of 2, the first batch of the file commits and the bad one does not.
  Result<IngestTotals> partial =
      f.IngestCsv("src,dst\n1,2\n2,3\n3,4\n3,\n", RecordKind::kEdge, "e3.csv", 2);
  ASSERT_FALSE(partial.ok());
  EXPECT_NE(partial.status().message().find("e3.csv:5:"), std::string::npos);
  EXPECT_EQ(f.graph->state().edge_count, 2u);
  EXPECT_TRUE(CheckGraphAgainstLedger(*f.ledger, *f.graph, true)->agree());
}

TEST(IngestTest, DeclaredColumnsNdjsonAndQuotedCsv) {
  TempDir dir;
  GraphFixture f(dir.path());
  Result<IngestTotals> nodes =
      f.IngestCsv("1\n2\n\"3\"\n", RecordKind::kNode, "nodes.csv", 100, "id");
  ASSERT_TRUE(nodes.ok()) << nodes.status().message();
  EXPECT_EQ(nodes->nodes, 3u);
  Result<IngestTotals> edges = f.IngestCsv("1,2,\"a, \"\"quoted\"\"\nnote\"\n", RecordKind::kEdge,
                                           "e.csv", 100, "src,dst,note");
  ASSERT_TRUE(edges.ok()) << edges.status().message();
  NodeIndex one = **f.graph->FindNode("1");
  Value props;
  ASSERT_TRUE(f.graph
                  ->VisitEdges(one, EdgeDir::kOut, Tier::kHot, INT64_MIN, INT64_MAX,
                               [&](const AdjacentEdge& e) {
                                 props = *f.graph->EdgeProperties(one, e.time, e.edge_id);
                                 return false;
                               })
                  .ok());
  EXPECT_EQ(*props.Find("note"), Value::String("a, \"quoted\"\nnote"));

  Ingester ingester(*f.ledger, *f.graph, {});
  auto in = LineSource::FromString(
      "{\"src\":\"2\",\"dst\":3,\"type\":\"PAID\",\"properties\":{\"amount\":7},"
      "\"observed_at\":1000}\n\n{\"src\":\"3\",\"dst\":\"1\"}\n",
      "edges.ndjson");
  Result<IngestTotals> json = ingester.Ingest(*in, {RecordKind::kEdge, IngestFormat::kNdjson, {}});
  ASSERT_TRUE(json.ok()) << json.status().message();
  EXPECT_EQ(json->edges, 2u);
  EXPECT_TRUE(f.graph->TypeId("PAID").has_value());

  auto bad = LineSource::FromString("{\"src\":\"2\",\"dst\":3}\n{\"src\":", "bad.ndjson");
  Result<IngestTotals> refused =
      ingester.Ingest(*bad, {RecordKind::kEdge, IngestFormat::kNdjson, {}});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("bad.ndjson:2:"), std::string::npos);
}

TEST(LedgerSyncTest, RollsTheStoreForwardFromTheLedger) {
  TempDir dir;
  {
    GraphFixture f(dir.path());
    ASSERT_TRUE(f.IngestCsv(kNodes, RecordKind::kNode, "nodes.csv").ok());
    ASSERT_TRUE(f.IngestCsv(kEdges, RecordKind::kEdge, "edges.csv", 2).ok());
  }
  // A fresh, empty store next to the same ledger: as after losing the store entirely.
  std::filesystem::remove_all(dir.Sub("graph"));
  GraphFixture f(dir.path());
  Result<AgreementReport> before = CheckGraphAgainstLedger(*f.ledger, *f.graph, false);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->agree());
  Result<uint64_t> applied = SyncGraphWithLedger(*f.ledger, *f.graph);
  ASSERT_TRUE(applied.ok()) << applied.status().message();
  EXPECT_EQ(*applied, 3u);
  EXPECT_EQ(f.graph->state().edge_count, 4u);
  EXPECT_TRUE(CheckGraphAgainstLedger(*f.ledger, *f.graph, true)->agree());
  EXPECT_EQ(*SyncGraphWithLedger(*f.ledger, *f.graph), 0u);
}

TEST(LedgerSyncTest, AStoreAheadOfItsLedgerIsRefused) {
  TempDir dir;
  {
    GraphFixture f(dir.path());
    ASSERT_TRUE(f.IngestCsv(kNodes, RecordKind::kNode, "nodes.csv").ok());
  }
  std::filesystem::remove_all(dir.Sub("ledger"));
  GraphFixture f(dir.path());
  Result<uint64_t> sync = SyncGraphWithLedger(*f.ledger, *f.graph);
  ASSERT_FALSE(sync.ok());
  EXPECT_EQ(sync.status().code(), ErrorCode::kGraphLedgerMismatch);
}

TEST(GraphStoreTest, ApplyIsOrderedAndAtomic) {
  TempDir dir;
  auto store = *GraphStore::Open(dir.Sub("g"));
  std::vector<GraphRecord> records;
  records.push_back(NodeRecord{"a", {}, Value::EmptyObject(), 1});
  records.push_back(EdgeRecord{"a", "b", "T", Value::EmptyObject(), 2});  // b is unknown
  Status s = store->Apply({1, 10, records});
  EXPECT_EQ(s.code(), ErrorCode::kGraphLedgerMismatch);
  EXPECT_EQ(store->state().applied_batch, 0u);
  EXPECT_FALSE(store->FindNode("a")->has_value());  // nothing of the batch was written

  records[1] = NodeRecord{"b", {}, Value::EmptyObject(), 1};
  records.push_back(EdgeRecord{"a", "b", "T", Value::EmptyObject(), 2});
  EXPECT_EQ(store->Apply({2, 10, records}).code(), ErrorCode::kGraphLedgerMismatch);
  ASSERT_TRUE(store->Apply({1, 10, records}).ok());
  EXPECT_EQ(store->state().edge_count, 1u);
  store.reset();
  store = *GraphStore::Open(dir.Sub("g"));
  EXPECT_EQ(store->state().applied_batch, 1u);
  EXPECT_EQ(store->state().applied_seq, 10u);
  EXPECT_EQ(store->TypeName(*store->TypeId("T")), "T");
}

TEST(GraphStoreTest, TimeWindowsAndArchiveTier) {
  TempDir dir;
  auto store = *GraphStore::Open(dir.Sub("g"));
  std::vector<GraphRecord> records;
  for (const char* id : {"hub", "x", "y", "z"})
    records.push_back(NodeRecord{id, {}, Value::EmptyObject(), 0});
  records.push_back(EdgeRecord{"hub", "x", "T", Value::EmptyObject(), 100});
  records.push_back(EdgeRecord{"hub", "y", "T", Value::EmptyObject(), 200});
  records.push_back(EdgeRecord{"hub", "z", "T", Value::EmptyObject(), 300});
  ASSERT_TRUE(store->Apply({1, 1, records}).ok());
  NodeIndex hub = **store->FindNode("hub");
  auto times = [&](Tier tier, int64_t oldest, int64_t newest) {
    std::vector<int64_t> out;
    EXPECT_TRUE(store
                    ->VisitEdges(hub, EdgeDir::kOut, tier, oldest, newest,
                                 [&](const AdjacentEdge& e) {
                                   out.push_back(e.time);
                                   return true;
                                 })
                    .ok());
    return out;
  };
  EXPECT_EQ(times(Tier::kHot, 150, 300), (std::vector<int64_t>{300, 200}));
  EXPECT_EQ(times(Tier::kHot, 0, 250), (std::vector<int64_t>{200, 100}));
  Result<uint64_t> moved = store->MoveToArchive(250);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(*moved, 2u);
  EXPECT_EQ(times(Tier::kHot, INT64_MIN, INT64_MAX), (std::vector<int64_t>{300}));
  EXPECT_EQ(times(Tier::kArchive, INT64_MIN, INT64_MAX), (std::vector<int64_t>{200, 100}));
  EXPECT_EQ(store->state().archived_edges, 2u);
  EXPECT_EQ(store->state().archive_cutoff, 250);
}

TEST(BatchMerkleTest, RootsMatchTheLedgerTreeForEverySize) {
  for (uint64_t n = 1; n <= 33; ++n) {
    std::vector<ledger::Hash> leaves;
    for (uint64_t i = 0; i < n; ++i)
      leaves.push_back(ledger::HashLeaf("record " + std::to_string(i)));
    BatchMerkle tree(leaves);
    for (uint64_t i = 0; i < n; ++i) {
      Result<std::vector<ledger::Hash>> proof = tree.InclusionProof(i);
      ASSERT_TRUE(proof.ok());
      EXPECT_TRUE(ledger::VerifyInclusion(i, n, leaves[i], *proof, tree.root()).ok())
          << n << " " << i;
    }
    EXPECT_FALSE(tree.InclusionProof(n).ok());
  }
  EXPECT_EQ(BatchMerkle({}).root(), ledger::EmptyRoot());
}

}  // namespace
}  // namespace tf::graph
