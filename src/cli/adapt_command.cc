// `proof adapt --policy ID --context FILE [--selector basic|weighted|all] [--weights FILE]
// [--dry-run] [-o FILE] [--packs DIR] [--data DIR] [--verbose]`: builds the plan a context needs
// from a pack (docs/PACKS.md) and, without --dry-run, evaluates it and prints the decision. With
// --data, the graph store of that data directory backs the pack's graph.* calls and graph limits.
//
// Exit codes: 0 plan built (dry run) or decision allows; 1 decision denies; 2 errors.
#include <iostream>
#include <memory>

#include "cli/cli_util.h"
#include "cli/command.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "graph/graph_store.h"
#include "policy/basic_selector.h"
#include "policy/compiled_pack.h"
#include "policy/orchestrator.h"
#include "policy/pack.h"
#include "policy/weighted_selector.h"

namespace tf::cli {
namespace {

constexpr int kExitDenied = 1;

struct AdaptArgs {
  std::string policy;
  std::string context_path;
  std::string selector;  // empty: basic, or weighted when --weights is given
  std::string weights_path;
  std::string packs_dir = "examples/packs";
  std::string output_path;
  std::string data_dir;
  bool dry_run = false;
  bool verbose = false;
};

Result<std::unique_ptr<policy::CompiledPack>> LoadCompiledPack(const AdaptArgs& args) {
  if (!policy::IsValidPackId(args.policy)) {
    return InvalidArgument("--policy \"" + args.policy + "\" is not a pack id (e.g. lksg.v1)");
  }
  std::string dir = args.packs_dir + "/" + args.policy;
  Result<policy::Pack> pack = policy::LoadPackFromDirectory(dir);
  if (!pack.ok() && pack.status().code() == ErrorCode::kNotFound) {
    return Status(ErrorCode::kPackNotFound,
                  "no pack " + args.policy + " in " + args.packs_dir + " (see --packs)");
  }
  if (!pack.ok()) return pack.status();
  if (pack->manifest.id != args.policy) {
    return Status(ErrorCode::kPackManifestInvalid,
                  pack->manifest.file + ": id is " + pack->manifest.id + ", not " + args.policy);
  }
  return policy::CompiledPack::Compile(std::move(*pack));
}

Result<Value> ReadContext(const std::string& path) {
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  Result<Value> context = ParseJson(text);
  if (!context.ok()) return context.status().WithContext(path);
  return context;
}

Result<std::unique_ptr<policy::RuleSelector>> MakeSelector(const AdaptArgs& args,
                                                           const policy::CompiledPack& pack) {
  std::string name = args.selector;
  if (name.empty()) name = args.weights_path.empty() ? "basic" : "weighted";
  if (name != "weighted" && !args.weights_path.empty()) {
    return InvalidArgument("--weights needs --selector weighted");
  }
  std::unique_ptr<policy::RuleSelector> selector;
  if (name == "basic") selector = std::make_unique<policy::BasicSelector>();
  if (name == "all") selector = std::make_unique<policy::ExhaustiveSelector>();
  if (selector != nullptr) return selector;
  if (name != "weighted") {
    return InvalidArgument("--selector must be basic, weighted or all, not \"" + name + "\"");
  }
  if (args.weights_path.empty()) return InvalidArgument("--selector weighted needs --weights FILE");
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(args.weights_path));
  TF_ASSIGN_OR_RETURN(policy::Weights weights, policy::ParseWeights(text, args.weights_path));
  TF_ASSIGN_OR_RETURN(policy::WeightedSelector weighted,
                      policy::WeightedSelector::ForPack(pack, weights));
  selector = std::make_unique<policy::WeightedSelector>(std::move(weighted));
  return selector;
}

Status WritePlan(const AdaptArgs& args, const policy::Plan& plan) {
  std::string text = policy::FormatPlan(plan);
  if (args.output_path.empty()) {
    std::cout << text;
    return Status();
  }
  return WriteFile(args.output_path, text);
}

int PrintDecision(const policy::Decision& decision) {
  for (const policy::Violation& v : decision.violations) {
    if (v.verdict == policy::RuleVerdict::kError) {
      std::cerr << "proof: rule " << v.rule << ": " << v.error.ToString() << "\n";
    }
  }
  JsonWriteOptions pretty;
  pretty.pretty = true;
  std::cout << ToJson(policy::DecisionToValue(decision), pretty) << "\n";
  return decision.allow ? 0 : kExitDenied;
}

int RunAdapt(const AdaptArgs& args) {
  Result<std::unique_ptr<policy::CompiledPack>> pack = LoadCompiledPack(args);
  if (!pack.ok()) return ReportError(pack.status());
  Result<Value> context = ReadContext(args.context_path);
  if (!context.ok()) return ReportError(context.status());
  Result<std::unique_ptr<policy::RuleSelector>> selector = MakeSelector(args, **pack);
  if (!selector.ok()) return ReportError(selector.status());

  SystemClock clock;
  MetricsRegistry metrics;
  NullLogger quiet;
  JsonLinesLogger stderr_log(std::cerr, clock, LogLevel::kDebug);
  Logger& logger = args.verbose ? static_cast<Logger&>(stderr_log) : quiet;
  policy::OrchestratorOptions options;
  options.log_each_plan = args.verbose;
  policy::Orchestrator orchestrator(metrics, logger, clock, options);
  std::unique_ptr<graph::GraphStore> store;
  if (!args.data_dir.empty()) {
    Result<std::unique_ptr<graph::GraphStore>> opened = graph::OpenDataDirGraph(args.data_dir);
    if (!opened.ok()) return ReportError(opened.status());
    store = std::move(*opened);
  }
  policy::DecideOptions decide;
  decide.store = store.get();

  if (args.dry_run) {
    Result<policy::Plan> plan = orchestrator.MakePlan(**pack, *context, **selector, decide);
    if (!plan.ok()) return ReportError(plan.status().WithContext(args.context_path));
    Status written = WritePlan(args, *plan);
    return written.ok() ? 0 : ReportError(written);
  }
  Result<policy::Decision> decision = orchestrator.Decide(**pack, *context, **selector, decide);
  if (!decision.ok()) return ReportError(decision.status().WithContext(args.context_path));
  if (!args.output_path.empty()) {
    Status written = WritePlan(args, decision->plan);
    if (!written.ok()) return ReportError(written);
  }
  return PrintDecision(*decision);
}

}  // namespace

void AddAdaptCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* cmd = app.add_subcommand(
      "adapt",
      "Plan the rules of a policy pack a context needs; evaluate the plan unless --dry-run");
  auto args = std::make_shared<AdaptArgs>();
  cmd->add_option("--policy", args->policy, "Pack id, e.g. lksg.v1")->required();
  cmd->add_option("--context", args->context_path, "Context (the input document), a JSON file")
      ->required();
  cmd->add_option("--selector", args->selector,
                  "basic (predicates), weighted (costs from --weights) or all (every rule)");
  cmd->add_option("--weights", args->weights_path, "Weights YAML overriding rule costs");
  cmd->add_option("--packs", args->packs_dir, "Directory holding one folder per pack")
      ->capture_default_str();
  cmd->add_option("--data", args->data_dir,
                  "Data directory whose graph store (DIR/graph) backs graph.* calls and graph "
                  "limits");
  cmd->add_flag("--dry-run", args->dry_run, "Print the plan only; do not evaluate it");
  cmd->add_option("-o,--output", args->output_path, "Write the plan to this file");
  cmd->add_flag("-v,--verbose", args->verbose, "Log plans (JSON lines) to stderr");
  cmd->callback([&env, args] { env.exit_code = RunAdapt(*args); });
}

}  // namespace tf::cli
