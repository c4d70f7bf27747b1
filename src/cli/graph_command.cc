// `proof graph ingest|query|check|archive|receipt --data DIR …`: the evidence graph in a data
// directory laid out like `proof serve`'s (cli/ledger_cli.h), with the graph store in
// <data>/graph. See docs/GRAPH.md.
//
//   ingest  [--nodes F] [--edges F] [--format csv|ndjson] [--node-columns SPEC]
//           [--edge-columns SPEC] [--edge-type T] [--batch N] [--tenant T] [--key F]
//           one ledger entry per batch; a progress bar on stderr when it is a terminal
//   query   neighbors|k-hop|shortest-path|component-size|degree  (JSON on stdout)
//   check   [--deep]: do the store and the ledger agree? (exit 1 when not)
//   archive --older-than AGE: move older edges to the archive tier
//   receipt --batch N --position P: a record's receipt (record_receipt.h)
//
// Exit codes: 0 done; 1 check found a disagreement; 2 errors (bad rows name file:line).
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/cli_util.h"
#include "cli/command.h"
#include "cli/ledger_cli.h"
#include "core/clock.h"
#include "core/json.h"
#include "graph/component.h"
#include "graph/degree.h"
#include "graph/graph_store.h"
#include "graph/ingest.h"
#include "graph/k_hop.h"
#include "graph/ledger_sync.h"
#include "graph/neighbors.h"
#include "graph/record_receipt.h"
#include "graph/shortest_path.h"
#include "graph/time_value.h"
#include "graph/traversal.h"

namespace tf::cli {
namespace {

struct GraphArgs {
  std::string data_dir;
  // ingest
  std::string nodes, edges, format = "csv", node_columns, edge_columns, edge_type, tenant = "graph",
                            key;
  uint64_t batch = 50'000;
  // query
  std::string node, from, to, direction = "out", since, until, after, age;
  std::vector<std::string> types;
  bool include_archive = false;
  uint64_t limit = 0, hops = 2, degree_cap = 0, max_nodes = 100'000, max_depth = 32;
  // check, archive, receipt
  bool deep = false;
  std::string older_than;
  uint64_t batch_number = 0, position = 0;
};

struct OpenGraph {
  std::unique_ptr<LedgerDir> ledger;
  std::unique_ptr<graph::GraphStore> store;
};

// Opens the ledger and the store and rolls the store forward to the ledger.
Result<OpenGraph> Open(const GraphArgs& a, LedgerAccess access) {
  OpenGraph g;
  TF_ASSIGN_OR_RETURN(g.ledger, OpenLedgerDir(a.data_dir, access, a.key));
  graph::GraphStoreOptions options;
  options.create_if_missing = access == LedgerAccess::kAppend;
  const std::string dir = (std::filesystem::path(a.data_dir) / "graph").string();
  if (access == LedgerAccess::kReadOnly && !std::filesystem::exists(dir)) {
    return NotFound(a.data_dir + " holds no graph (run proof graph ingest first)");
  }
  TF_ASSIGN_OR_RETURN(g.store, graph::GraphStore::Open(dir, options));
  TF_RETURN_IF_ERROR(graph::SyncGraphWithLedger(*g.ledger->ledger, *g.store).status());
  return g;
}

void Emit(const Value& v) {
  std::cout << ToJson(v) << "\n";
}

Status Print(const Value& v) {
  Emit(v);
  return Status::Ok();
}

// A progress bar on stderr, redrawn after each batch; nothing when stderr is not a terminal.
class ProgressBar {
 public:
  ProgressBar() : enabled_(isatty(STDERR_FILENO) == 1) {}
  ~ProgressBar() {
    if (drawn_) std::fputc('\n', stderr);
  }
  void Show(std::string_view what, const graph::IngestProgress& p) {
    if (!enabled_) return;
    constexpr int kWidth = 30;
    const double done =
        p.total_bytes == 0 ? 0.0 : static_cast<double>(p.bytes_read) / p.total_bytes;
    const int filled = static_cast<int>(done * kWidth);
    std::fprintf(stderr, "\r%.*s [%-*s] %3d%%  %llu records, %llu batches", int(what.size()),
                 what.data(), kWidth, std::string(filled, '#').c_str(),
                 static_cast<int>(done * 100), static_cast<unsigned long long>(p.records),
                 static_cast<unsigned long long>(p.batches));
    std::fflush(stderr);
    drawn_ = true;
  }

 private:
  bool enabled_;
  bool drawn_ = false;
};

Result<graph::IngestFile> FileSpec(const GraphArgs& a, graph::RecordKind kind) {
  graph::IngestFile f;
  f.kind = kind;
  if (a.format == "csv") {
    f.format = graph::IngestFormat::kCsv;
  } else if (a.format == "ndjson") {
    f.format = graph::IngestFormat::kNdjson;
  } else {
    return InvalidArgument("--format must be csv or ndjson, not \"" + a.format + "\"");
  }
  const std::string& columns = kind == graph::RecordKind::kNode ? a.node_columns : a.edge_columns;
  if (!columns.empty()) {
    if (f.format != graph::IngestFormat::kCsv) {
      return InvalidArgument("--node-columns/--edge-columns apply to CSV only");
    }
    TF_ASSIGN_OR_RETURN(f.columns, graph::ParseColumnSpec(columns, kind));
  }
  return f;
}

Status Ingest(const GraphArgs& a) {
  if (a.nodes.empty() && a.edges.empty()) return InvalidArgument("give --nodes and/or --edges");
  // Check everything about the arguments before touching the data directory.
  TF_ASSIGN_OR_RETURN(graph::IngestFile node_spec, FileSpec(a, graph::RecordKind::kNode));
  TF_ASSIGN_OR_RETURN(graph::IngestFile edge_spec, FileSpec(a, graph::RecordKind::kEdge));
  std::unique_ptr<graph::LineSource> node_in, edge_in;
  if (!a.nodes.empty()) {
    TF_ASSIGN_OR_RETURN(node_in, graph::LineSource::Open(a.nodes));
  }
  if (!a.edges.empty()) {
    TF_ASSIGN_OR_RETURN(edge_in, graph::LineSource::Open(a.edges));
  }
  if (a.batch == 0 || a.batch > graph::kMaxBatchRecords) {
    return InvalidArgument("--batch must be 1.." + std::to_string(graph::kMaxBatchRecords));
  }
  TF_ASSIGN_OR_RETURN(OpenGraph g, Open(a, LedgerAccess::kAppend));
  graph::IngestOptions options;
  options.tenant = a.tenant;
  options.batch_records = a.batch;
  options.defaults.observed_at = SystemClock().NowNanos();
  if (!a.edge_type.empty()) {
    TF_RETURN_IF_ERROR(graph::ValidateName(a.edge_type, "--edge-type"));
    options.defaults.edge_type = a.edge_type;
  }
  ProgressBar bar;
  std::string_view label;
  options.progress = [&](const graph::IngestProgress& p) { bar.Show(label, p); };
  graph::Ingester ingester(*g.ledger->ledger, *g.store, options);
  graph::IngestTotals totals;
  for (auto [in, spec, what] : {std::tuple{node_in.get(), &node_spec, "nodes"},
                                std::tuple{edge_in.get(), &edge_spec, "edges"}}) {
    if (in == nullptr) continue;
    label = what;
    TF_ASSIGN_OR_RETURN(graph::IngestTotals t, ingester.Ingest(*in, *spec));
    if (totals.first_batch == 0) totals.first_batch = t.first_batch;
    if (t.last_batch != 0) totals.last_batch = t.last_batch;
    totals.batches += t.batches;
    totals.nodes += t.nodes;
    totals.edges += t.edges;
  }
  const graph::StoreState st = g.store->state();
  auto n = [](uint64_t v) { return Value::Int(static_cast<int64_t>(v)); };
  return Print(Value::Object({{Value::String("batches"), n(totals.batches)},
                              {Value::String("first_batch"), n(totals.first_batch)},
                              {Value::String("last_batch"), n(totals.last_batch)},
                              {Value::String("nodes"), n(totals.nodes)},
                              {Value::String("edges"), n(totals.edges)},
                              {Value::String("graph_nodes"), n(st.node_count)},
                              {Value::String("graph_edges"), n(st.edge_count)}}));
}

Result<graph::TraversalOptions> Traversal(const GraphArgs& a) {
  return graph::ParseTraversalText({.direction = a.direction,
                                    .edge_types = a.types,
                                    .since = a.since,
                                    .until = a.until,
                                    .after = a.after,
                                    .age = a.age,
                                    .include_archive = a.include_archive});
}

Status Query(const GraphArgs& a, std::string_view kind) {
  TF_ASSIGN_OR_RETURN(graph::TraversalOptions o, Traversal(a));
  TF_ASSIGN_OR_RETURN(OpenGraph g, Open(a, LedgerAccess::kReadOnly));
  const graph::GraphStore& store = *g.store;
  if (kind == "neighbors") {
    TF_ASSIGN_OR_RETURN(
        graph::NeighborsResult r,
        graph::Neighbors(store, a.node, o, a.limit == 0 ? graph::kDefaultNeighborLimit : a.limit));
    return Print(graph::NeighborsToValue(a.node, r));
  }
  if (kind == "k-hop") {
    graph::KHopOptions k;
    k.hops = static_cast<uint32_t>(std::min<uint64_t>(a.hops, graph::kMaxHops + 1));
    k.degree_cap = a.degree_cap;
    k.max_nodes = a.max_nodes;
    TF_ASSIGN_OR_RETURN(graph::KHopResult r, graph::KHop(store, a.node, o, k));
    return Print(graph::KHopToValue(a.node, k, r));
  }
  if (kind == "shortest-path") {
    graph::PathOptions bounds;
    bounds.max_depth = static_cast<uint32_t>(std::min<uint64_t>(a.max_depth, UINT32_MAX));
    TF_ASSIGN_OR_RETURN(graph::PathResult r,
                        graph::ShortestPathLength(store, a.from, a.to, o, bounds));
    return Print(graph::PathToValue(a.from, a.to, r));
  }
  if (kind == "component-size") {
    TF_ASSIGN_OR_RETURN(
        graph::ComponentSize r,
        graph::ComponentSizeOf(store, a.node, o,
                               a.limit == 0 ? graph::kDefaultComponentLimit : a.limit));
    return Print(graph::ComponentToValue(a.node, r));
  }
  TF_ASSIGN_OR_RETURN(graph::DegreeResult r, graph::Degree(store, a.node, o));
  return Print(graph::DegreeToValue(a.node, r));
}

int Check(const GraphArgs& a) {
  Result<OpenGraph> g = Open(a, LedgerAccess::kReadOnly);
  if (!g.ok()) return ReportError(g.status());
  Result<graph::AgreementReport> r =
      graph::CheckGraphAgainstLedger(*g->ledger->ledger, *g->store, a.deep);
  if (!r.ok()) return ReportError(r.status());
  std::vector<Value> problems;
  for (const std::string& p : r->problems)
    problems.push_back(Value::String(p));
  auto n = [](uint64_t v) { return Value::Int(static_cast<int64_t>(v)); };
  Emit(Value::Object({{Value::String("agree"), Value::Bool(r->agree())},
                      {Value::String("batches"), n(r->ledger_batches)},
                      {Value::String("edges"), n(r->store_edges)},
                      {Value::String("nodes"), n(r->store_nodes)},
                      {Value::String("records_checked"), n(r->records_checked)},
                      {Value::String("problems"), Value::Array(std::move(problems))}}));
  return r->agree() ? 0 : kExitRejected;
}

Status Archive(const GraphArgs& a) {
  TF_ASSIGN_OR_RETURN(int64_t age, graph::ParseAge(a.older_than));
  TF_ASSIGN_OR_RETURN(OpenGraph g, Open(a, LedgerAccess::kReadOnly));
  TF_ASSIGN_OR_RETURN(uint64_t moved, g.store->MoveToArchive(SystemClock().NowNanos() - age));
  return Print(
      Value::Object({{Value::String("archived_edges"), Value::Int(static_cast<int64_t>(moved))}}));
}

Status Receipt(const GraphArgs& a) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<LedgerDir> dir,
                      OpenLedgerDir(a.data_dir, LedgerAccess::kReadOnly));
  TF_ASSIGN_OR_RETURN(graph::RecordReceipt r,
                      graph::GetRecordReceipt(*dir->ledger, a.batch_number, a.position));
  return Print(r.ToValue());
}

void AddTraversalOptions(CLI::App* q, GraphArgs& a) {
  q->add_option("--direction", a.direction, "out, in or both (default out)");
  q->add_option("--type", a.types, "Follow only edges of this type (repeatable)");
  q->add_option("--since", a.since, "Only edges observed at or after (RFC 3339 or Unix seconds)");
  q->add_option("--until", a.until, "Only edges observed at or before");
  q->add_option("--after", a.after, "Age cutoff: restrict (default) or prefer edges after it");
  q->add_option("--age", a.age, "restrict or prefer (with --after)");
  q->add_flag("--include-archive", a.include_archive, "Also follow archived edges");
}

}  // namespace

void AddGraphCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* cmd = app.add_subcommand("graph", "The evidence graph: receipted ingest and queries");
  cmd->require_subcommand(1);
  auto a = std::make_shared<GraphArgs>();
  auto run = [&env](const Status& s) { env.exit_code = s.ok() ? 0 : ReportError(s); };

  CLI::App* ingest = cmd->add_subcommand("ingest",
                                         "Ingest node and edge files, one ledger entry "
                                         "per batch");
  ingest->add_option("--data", a->data_dir, "Data directory")->required();
  ingest->add_option("--nodes", a->nodes, "Node rows (CSV or NDJSON)");
  ingest->add_option("--edges", a->edges, "Edge rows (CSV or NDJSON)");
  ingest->add_option("--format", a->format, "csv (default) or ndjson");
  ingest->add_option("--node-columns", a->node_columns,
                     "CSV node columns, e.g. id,name,labels (default: a header row)");
  ingest->add_option("--edge-columns", a->edge_columns,
                     "CSV edge columns, e.g. src,dst,rating:int,time:time (default: a header row)");
  ingest->add_option("--edge-type", a->edge_type, "Type of edges without one (default RELATED)");
  ingest->add_option("--batch", a->batch, "Records per batch (ledger entry), default 50000");
  ingest->add_option("--tenant", a->tenant, "Ledger tenant of the batch entries (default graph)");
  ingest->add_option("--key", a->key, "Signing key (default <data>/keys/checkpoint.key)");
  ingest->callback([a, run] { run(Ingest(*a)); });

  CLI::App* query = cmd->add_subcommand("query", "Query the graph (JSON on stdout)");
  query->require_subcommand(1);
  struct Kind {
    const char* name;
    const char* help;
  };
  for (Kind k :
       {Kind{"neighbors", "A node's neighbours"}, Kind{"k-hop", "Nodes within --hops edges"},
        Kind{"shortest-path", "Shortest path length from --from to --to"},
        Kind{"component-size", "Size of the node's weakly connected component"},
        Kind{"degree", "A node's degree"}}) {
    CLI::App* q = query->add_subcommand(k.name, k.help);
    const std::string name = k.name;
    q->add_option("--data", a->data_dir, "Data directory")->required();
    if (name == "shortest-path") {
      q->add_option("--from", a->from, "Start node id")->required();
      q->add_option("--to", a->to, "End node id")->required();
      q->add_option("--max-depth", a->max_depth, "Longest path searched (default 32)");
    } else {
      q->add_option("--node", a->node, "Node id")->required();
    }
    if (name == "neighbors") q->add_option("--limit", a->limit, "At most this many (1000)");
    if (name == "component-size") {
      q->add_option("--limit", a->limit, "Stop once the size passes this (default 1000000)");
    }
    if (name == "k-hop") {
      q->add_option("--hops", a->hops, "Hops (default 2)");
      q->add_option("--degree-cap", a->degree_cap, "Edges followed per node, newest first");
      q->add_option("--max-nodes", a->max_nodes, "Stop after this many nodes (default 100000)");
    }
    AddTraversalOptions(q, *a);
    q->callback([a, run, name] { run(Query(*a, name)); });
  }

  CLI::App* check = cmd->add_subcommand("check", "Check that the graph agrees with the ledger");
  check->add_option("--data", a->data_dir, "Data directory")->required();
  check->add_flag("--deep", a->deep, "Also compare every record");
  check->callback([a, &env] { env.exit_code = Check(*a); });

  CLI::App* archive = cmd->add_subcommand("archive", "Move older edges to the archive tier");
  archive->add_option("--data", a->data_dir, "Data directory")->required();
  archive->add_option("--older-than", a->older_than, "Age, e.g. 365d or 2y")->required();
  archive->callback([a, run] { run(Archive(*a)); });

  CLI::App* receipt = cmd->add_subcommand("receipt", "A record's receipt");
  receipt->add_option("--data", a->data_dir, "Data directory")->required();
  receipt->add_option("--batch", a->batch_number, "Batch number")->required();
  receipt->add_option("--position", a->position, "Record position in the batch")->required();
  receipt->callback([a, run] { run(Receipt(*a)); });
}

}  // namespace tf::cli
