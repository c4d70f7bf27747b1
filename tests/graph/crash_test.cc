// Crash safety of ingest: an ingest process is SIGKILLed at random points, several times over
// one data directory. After each kill the store must hold whole batches only, never more than
// the ledger; after rolling forward (SyncGraphWithLedger) the two agree record by record. The
// store writes batches without a write-ahead log, so a kill loses the batches it had not
// flushed: the roll-forward must bring them back.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <thread>

#include "graph/batch_log.h"
#include "graph/ledger_sync.h"
#include "graph_test_util.h"

namespace tf::graph {
namespace {

constexpr int kNodes = 2'000;
constexpr int kEdges = 30'000;

void WriteInputs(const testing::TempDir& dir) {
  std::mt19937 rng(5);
  std::ofstream nodes(dir.Sub("nodes.csv"));
  nodes << "id,name\n";
  for (int i = 0; i < kNodes; ++i)
    nodes << i << ",node" << i << "\n";
  std::ofstream edges(dir.Sub("edges.csv"));
  edges << "src,dst,weight:int,observed_at\n";
  for (int i = 0; i < kEdges; ++i)
    edges << rng() % kNodes << "," << rng() % kNodes << "," << i << "," << 1000 + i << "\n";
}

TEST(CrashTest, SigkillDuringIngestLeavesWholeBatchesThatAgreeWithTheLedger) {
  testing::TempDir dir;
  WriteInputs(dir);
  const std::string data = dir.Sub("data");
  std::mt19937 rng(17);
  int killed_mid_ingest = 0;
  int rolled_forward = 0;  // rounds whose store lacked batches the ledger had
  for (int round = 0; round < 6; ++round) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      execl(GRAPH_CRASH_CHILD, GRAPH_CRASH_CHILD, data.c_str(), dir.Sub("nodes.csv").c_str(),
            dir.Sub("edges.csv").c_str(), "500", static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + rng() % 900));
    kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    if (WIFSIGNALED(status))
      ++killed_mid_ingest;
    else
      ASSERT_EQ(WEXITSTATUS(status), 0);

    testing::GraphFixture f(data);
    const StoreState st = f.graph->state();
    Result<uint64_t> head = LedgerGraphHead(*f.store);
    ASSERT_TRUE(head.ok());
    ASSERT_LE(st.applied_batch, *head) << "the store is ahead of the ledger";
    // Whole batches: the store's edges are exactly those of the batches it has applied.
    uint64_t edges = 0;
    for (uint64_t b = 1; b <= st.applied_batch; ++b) {
      Result<LoadedBatch> batch = LoadBatch(*f.ledger, b);
      ASSERT_TRUE(batch.ok()) << batch.status().message();
      edges += batch->summary.edges;
    }
    EXPECT_EQ(st.edge_count, edges) << "round " << round;
    Result<uint64_t> synced = SyncGraphWithLedger(*f.ledger, *f.graph);
    ASSERT_TRUE(synced.ok()) << synced.status().message();
    EXPECT_EQ(st.applied_batch + *synced, *head) << "round " << round;
    if (*synced > 0) ++rolled_forward;
    Result<AgreementReport> report = CheckGraphAgainstLedger(*f.ledger, *f.graph, true);
    ASSERT_TRUE(report.ok()) << report.status().message();
    EXPECT_TRUE(report->agree()) << "round " << round << ": " << report->problems.front();
  }
  EXPECT_GE(killed_mid_ingest, 3);
  EXPECT_GE(rolled_forward, 1);
}

}  // namespace
}  // namespace tf::graph
