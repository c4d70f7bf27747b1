// The ingest process crash_test.cc kills: ingests a nodes file and an edges file (CSV with
// header rows) into the data directory `argv[1]` in batches of `argv[4]` records, as the CLI
// does, and exits 0 when done.
#include <cstdio>
#include <cstdlib>

#include "graph_test_util.h"

int main(int argc, char** argv) {
  using namespace tf::graph;
  if (argc != 5) {
    std::fprintf(stderr, "usage: graph_crash_child DIR NODES EDGES BATCH\n");
    return 2;
  }
  tf::graph::testing::GraphFixture f(argv[1]);
  Ingester ingester(*f.ledger, *f.graph, {.batch_records = std::strtoull(argv[4], nullptr, 10)});
  for (auto [path, kind] : {std::pair{argv[2], RecordKind::kNode}, {argv[3], RecordKind::kEdge}}) {
    auto in = LineSource::Open(path);
    if (!in.ok()) return 2;
    tf::Result<IngestTotals> t = ingester.Ingest(**in, {kind, IngestFormat::kCsv, std::nullopt});
    if (!t.ok()) {
      std::fprintf(stderr, "%s\n", std::string(t.status().message()).c_str());
      return 1;
    }
  }
  return 0;
}
