// `proof eval -d FILE_OR_DIR... [-i input.json] [--graph DATA_DIR] QUERY`: evaluates a query and
// prints OPA's result-set JSON. The graph.* builtins read the graph store of --graph.
#include <iostream>
#include <memory>
#include <optional>

#include "cli/cli_util.h"
#include "cli/command.h"
#include "core/clock.h"
#include "core/json.h"
#include "graph/graph_store.h"
#include "policy/graph_builtins.h"
#include "rego/evaluator.h"
#include "rego/ir.h"
#include "rego/loader.h"

namespace tf::cli {
namespace {

struct EvalArgs {
  std::vector<std::string> data_paths;
  std::string input_path;
  std::string graph_dir;
  std::string query;
  bool strict = false;
  bool dump_ir = false;
};

// {"result": [{"expressions": [{"value", "text", "location"}], "bindings": {...}}]}; an
// undefined query prints {} as OPA does.
Value ResultSetJson(const rego::QueryResult& result, const rego::ir::QueryInfo& info) {
  if (result.solutions.empty()) return Value::EmptyObject();
  std::vector<Value> rows;
  for (const rego::Solution& s : result.solutions) {
    std::vector<Value> exprs;
    for (size_t i = 0; i < s.expressions.size(); ++i) {
      Value location = Value::Object({{Value::String("row"), Value::Int(info.expr_locs[i].line)},
                                      {Value::String("col"), Value::Int(info.expr_locs[i].col)}});
      exprs.push_back(Value::Object({{Value::String("value"), s.expressions[i]},
                                     {Value::String("text"), Value::String(info.expr_texts[i])},
                                     {Value::String("location"), location}}));
    }
    std::vector<ObjectEntry> row = {{Value::String("expressions"), Value::Array(std::move(exprs))}};
    if (s.bindings.size() > 0) row.emplace_back(Value::String("bindings"), s.bindings);
    rows.push_back(Value::Object(std::move(row)));
  }
  return Value::Object({{Value::String("result"), Value::Array(std::move(rows))}});
}

int RunEval(const EvalArgs& args) {
  Result<rego::LoadedFiles> files = rego::LoadPaths(args.data_paths);
  if (!files.ok()) return ReportError(files.status());
  Result<rego::CompiledPolicy> policy = rego::CompiledPolicy::Compile(
      files->modules, {args.query}, {.builtins = &policy::GraphAwareBuiltins()});
  if (!policy.ok()) return ReportError(policy.status());
  if (args.dump_ir) std::cerr << policy->program().Dump();
  std::string_view graph_call = policy::FirstGraphBuiltin(policy->program());
  std::unique_ptr<graph::GraphStore> store;
  std::optional<policy::GraphBuiltinHost> host;
  if (!args.graph_dir.empty()) {
    Result<std::unique_ptr<graph::GraphStore>> opened = graph::OpenDataDirGraph(args.graph_dir);
    if (!opened.ok()) return ReportError(opened.status());
    store = std::move(*opened);
    host.emplace(*store);
  } else if (!graph_call.empty()) {
    return ReportError(Status(ErrorCode::kGraphQueryInvalid,
                              "the policy calls " + std::string(graph_call) +
                                  "; give the data directory holding the graph with --graph DIR"));
  }
  Value input;
  rego::EvalOptions opts;
  opts.host = host ? &*host : nullptr;
  if (!args.input_path.empty()) {
    Result<std::string> text = ReadFile(args.input_path);
    if (!text.ok()) return ReportError(text.status());
    Result<Value> parsed = ParseJson(*text);
    if (!parsed.ok()) return ReportError(parsed.status().WithContext(args.input_path));
    input = std::move(*parsed);
    opts.input = &input;
  }
  opts.data = &files->data;
  opts.strict_builtin_errors = args.strict;
  SystemClock clock;
  opts.now_ns = clock.NowNanos();
  opts.print = [](std::string_view line) { std::cerr << line << "\n"; };
  rego::Evaluator eval(*policy);
  Result<rego::QueryResult> result = eval.Eval(0, opts);
  if (!result.ok()) return ReportError(result.status());
  JsonWriteOptions pretty;
  pretty.pretty = true;
  std::cout << ToJson(ResultSetJson(*result, policy->program().queries[0]), pretty) << "\n";
  return 0;
}

}  // namespace

void AddEvalCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* cmd = app.add_subcommand("eval", "Evaluate a Rego query and print the result set");
  auto args = std::make_shared<EvalArgs>();
  cmd->add_option("-d,--data", args->data_paths,
                  "Policy (.rego) and data (.json) files or directories");
  cmd->add_option("-i,--input", args->input_path, "Input document (JSON file)");
  cmd->add_option("--graph", args->graph_dir,
                  "Data directory whose graph store (DIR/graph) the graph.* builtins read");
  cmd->add_flag("--strict-builtin-errors", args->strict, "Treat builtin errors as fatal");
  cmd->add_flag("--dump-ir", args->dump_ir, "Print the compiled IR to stderr");
  cmd->add_option("query", args->query, "The query, e.g. data.authz.allow")->required();
  cmd->callback([&env, args] { env.exit_code = RunEval(*args); });
}

}  // namespace tf::cli
