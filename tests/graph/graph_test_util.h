// File: tests/graph/graph_test_util.h
//
// Helpers shared by the graph tests: a temporary directory, and `GraphFixture`, a ledger (in a
// RocksDB store) and a graph store side by side in one data directory, as the CLI lays them out.
#ifndef TF_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
#define TF_TESTS_GRAPH_GRAPH_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/random.h"
#include "graph/graph_store.h"
#include "graph/ingest.h"
#include "ledger/ledger.h"
#include "ledger/note_key.h"
#include "ledger/rocksdb_store.h"
#include "testing/temp_dir.h"

namespace tf::graph::testing {

using TempDir = ::tf::testing::TempDir;

inline ledger::NoteSigner TestSigner() {
  SeededRandom random(7);
  return *ledger::NoteSigner::Generate("graph.test/log", random);
}

// A ledger and a graph store in `dir`/ledger and `dir`/graph.
struct GraphFixture {
  explicit GraphFixture(const std::string& dir, const GraphStoreOptions& graph_options = {})
      : clock(1'700'000'000'000'000'000) {
    std::filesystem::create_directories(dir);
    auto s = ledger::RocksDbStore::Open(dir + "/ledger", {});
    EXPECT_TRUE(s.ok()) << s.status().message();
    store = std::move(*s);
    ledger::LedgerOptions options;
    options.store = store.get();
    options.clock = &clock;
    options.signer = TestSigner();
    auto l = ledger::Ledger::Open(std::move(options));
    EXPECT_TRUE(l.ok()) << l.status().message();
    ledger = std::move(*l);
    auto g = GraphStore::Open(dir + "/graph", graph_options);
    EXPECT_TRUE(g.ok()) << g.status().message();
    graph = std::move(*g);
  }

  // Ingests CSV text (with its header row unless `columns` is given).
  Result<IngestTotals> IngestCsv(const std::string& text, RecordKind kind, const std::string& name,
                                 uint64_t batch_records = 1000, const std::string& columns = "") {
    IngestFile file{kind, IngestFormat::kCsv, std::nullopt};
    if (!columns.empty()) {
      TF_ASSIGN_OR_RETURN(ColumnSpec spec, ParseColumnSpec(columns, kind));
      file.columns = std::move(spec);
    }
    Ingester ingester(*ledger, *graph, {.batch_records = batch_records});
    auto in = LineSource::FromString(text, name);
    return ingester.Ingest(*in, file);
  }

  FakeClock clock;
  std::unique_ptr<ledger::RocksDbStore> store;
  std::unique_ptr<ledger::Ledger> ledger;
  std::unique_ptr<GraphStore> graph;
};

}  // namespace tf::graph::testing

#endif  // TF_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
