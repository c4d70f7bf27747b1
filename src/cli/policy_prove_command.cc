// `proof policy prove PACK [--property NAME] [--check 'implies(A, B)']…`: proves the pack's
// properties (or the named one) and built-in checks; prints proved, a counterexample confirmed
// by the interpreter, or unknown with the reason. Exit 0 when everything is proved, 1 when not,
// 2 on errors.
#include <iostream>

#include "cli/cli_util.h"
#include "cli/pack_model.h"
#include "cli/policy_commands.h"
#include "smt/prover.h"

namespace tf::cli {
namespace {

struct ProveArgs {
  std::string pack;
  std::string property;
  std::vector<std::string> checks;
  smt::AnalysisOptions options;
};

Result<std::vector<smt::Check>> ChecksFor(const smt::PolicyModel& model, const ProveArgs& args) {
  std::vector<smt::Check> checks;
  if (!args.property.empty()) {
    TF_ASSIGN_OR_RETURN(checks, smt::PropertyChecksNamed(model, args.property));
  } else if (args.checks.empty()) {
    checks = smt::PropertyChecks(model);
  }
  for (const std::string& text : args.checks) {
    TF_ASSIGN_OR_RETURN(smt::Check c, smt::ParseCheck(text));
    checks.push_back(std::move(c));
  }
  return checks;
}

int RunProve(const ProveArgs& args) {
  Result<smt::PolicyModel> model = LoadPackModel(args.pack);
  if (!model.ok()) return ReportError(model.status());
  Result<std::vector<smt::Check>> checks = ChecksFor(*model, args);
  if (!checks.ok()) return ReportError(checks.status());
  if (checks->empty()) {
    return ReportError(Status(ErrorCode::kSmtCheckInvalid,
                              model->id + " has no properties (proofs.rego property_ rules) and "
                                          "no --check was given"));
  }
  Result<std::vector<smt::CheckResult>> results = smt::Prove(*model, *checks, args.options);
  if (!results.ok()) return ReportError(results.status());
  std::cout << model->id << " " << model->version << ": " << results->size() << " check"
            << (results->size() == 1 ? "" : "s") << "\n";
  size_t proved = 0;
  for (const smt::CheckResult& r : *results) {
    PrintResult(std::cout, r, "  ");
    if (r.verdict == smt::Verdict::kProved) ++proved;
  }
  std::cout << proved << " proved, " << results->size() - proved << " not proved\n";
  return proved == results->size() ? 0 : kExitNotProved;
}

}  // namespace

void AddPolicyProveCommand(CLI::App& policy, CommandEnv& env) {
  CLI::App* cmd = policy.add_subcommand(
      "prove", "Prove a pack's properties: proved, a counterexample, or unknown (why)");
  auto args = std::make_shared<ProveArgs>();
  cmd->add_option("pack", args->pack, "The pack directory")->required();
  cmd->add_option("--property", args->property,
                  "Only this property (property_x, x, or its ref data.pkg.property_x)");
  cmd->add_option("--check", args->checks,
                  "A built-in check: always_allows(A), always_denies(A), never_errors(A), "
                  "implies(A, B), equivalent(A, B), disjoint(A, B); A and B are rule ids or "
                  "data refs");
  AddAnalysisFlags(*cmd, args->options);
  cmd->callback([&env, args] { env.exit_code = RunProve(*args); });
}

}  // namespace tf::cli
