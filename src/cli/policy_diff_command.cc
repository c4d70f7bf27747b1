// `proof policy diff OLD_PACK NEW_PACK [--rule R]`: per decision rule, `equivalent` or an input
// the two versions decide differently, with both decisions as the interpreter made them. Exit 0
// when every rule is equivalent, 1 otherwise, 2 on errors.
#include <iostream>

#include "cli/cli_util.h"
#include "cli/pack_model.h"
#include "cli/policy_commands.h"
#include "smt/diff.h"

namespace tf::cli {
namespace {

struct DiffArgs {
  std::string old_pack;
  std::string new_pack;
  std::string rule;
  smt::AnalysisOptions options;
};

int RunDiff(const DiffArgs& args) {
  Result<smt::PolicyModel> old_model = LoadPackModel(args.old_pack);
  if (!old_model.ok()) return ReportError(old_model.status());
  Result<smt::PolicyModel> new_model = LoadPackModel(args.new_pack);
  if (!new_model.ok()) return ReportError(new_model.status());
  Result<std::vector<smt::CheckResult>> results =
      smt::Diff(*old_model, *new_model, args.rule, args.options);
  if (!results.ok()) return ReportError(results.status());
  std::cout << old_model->id << " " << old_model->version << " -> " << new_model->id << " "
            << new_model->version << "\n";
  size_t equivalent = 0;
  for (const smt::CheckResult& r : *results) {
    if (r.verdict == smt::Verdict::kProved) ++equivalent;
    PrintResult(std::cout, r, "  ", /*is_diff=*/true);
  }
  std::cout << equivalent << " equivalent, " << results->size() - equivalent << " not\n";
  return equivalent == results->size() ? 0 : kExitNotProved;
}

}  // namespace

void AddPolicyDiffCommand(CLI::App& policy, CommandEnv& env) {
  CLI::App* cmd = policy.add_subcommand(
      "diff", "Compare two versions of a pack: equivalent, or an input they decide differently");
  auto args = std::make_shared<DiffArgs>();
  cmd->add_option("old", args->old_pack, "The old pack directory")->required();
  cmd->add_option("new", args->new_pack, "The new pack directory")->required();
  cmd->add_option("--rule", args->rule, "Only this decision rule");
  AddAnalysisFlags(*cmd, args->options);
  cmd->callback([&env, args] { env.exit_code = RunDiff(*args); });
}

}  // namespace tf::cli
