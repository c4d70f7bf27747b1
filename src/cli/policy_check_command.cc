// `proof policy check --baseline DIR_OR_GIT_REF PACK…`: the CI gate. Each changed pack must
// prove all its properties, and every decision change against the baseline needs a proved
// property constraining the rule or an `accepted_changes` entry. Exit 0 when every pack passes, 1
// when one fails, 2 on errors.
#include <iostream>

#include "cli/cli_util.h"
#include "cli/pack_baseline.h"
#include "cli/pack_model.h"
#include "cli/policy_commands.h"
#include "smt/gate.h"

namespace tf::cli {
namespace {

struct CheckArgs {
  std::string baseline;
  std::vector<std::string> packs;
  smt::AnalysisOptions options;
};

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names)
    out += (out.empty() ? "" : ", ") + n;
  return out;
}

void PrintGate(const smt::PolicyModel& model, const smt::GateReport& g) {
  std::cout << model.id << " " << model.version << ": " << smt::GateStateName(g.state) << ", "
            << (g.passed() ? "passes" : "FAILS") << "\n";
  for (const smt::CheckResult& p : g.properties)
    PrintResult(std::cout, p, "  ");
  for (const smt::RuleChange& c : g.changes) {
    std::string how = c.accepted ? "accepted (" + c.accepted_because + ")" : "";
    if (!c.covered_by.empty())
      how +=
          (how.empty() ? "" : ", ") + std::string("covered by ") + Join(c.covered_by) + " (proved)";
    if (how.empty()) how = "NOT accepted";
    if (!c.passes() && !c.constrained_by_unproved.empty())
      how += ", not covered by " + Join(c.constrained_by_unproved) + " (not proved)";
    std::cout << "  decision change of rule " << c.diff.name << ": " << how << "\n";
    PrintResult(std::cout, c.diff, "    ", /*is_diff=*/true);
  }
  for (const std::string& f : g.failures)
    std::cout << "  fails: " << f << "\n";
}

// The gate's verdict for one pack: 0 passes, 1 fails, 2 error.
int CheckPack(const CheckArgs& args, const std::string& pack) {
  Result<smt::PolicyModel> current = LoadPackModel(pack);
  if (!current.ok()) return ReportError(current.status());
  Result<Baseline> baseline = Baseline::Find(args.baseline, pack);
  if (!baseline.ok()) return ReportError(baseline.status());
  std::optional<smt::PolicyModel> before;
  if (baseline->dir()) {
    Result<smt::PolicyModel> m = LoadPackModel(*baseline->dir());
    if (!m.ok()) {
      return ReportError(Status(ErrorCode::kSmtBaselineInvalid,
                                "the baseline of " + pack + " (" + args.baseline +
                                    ") does not load: " + std::string(m.status().message())));
    }
    before = std::move(*m);
  }
  Result<smt::GateReport> g = smt::Gate(before ? &*before : nullptr, *current, args.options);
  if (!g.ok()) return ReportError(g.status());
  PrintGate(*current, *g);
  return g->passed() ? 0 : 1;
}

int RunCheck(const CheckArgs& args) {
  int worst = 0;
  size_t failed = 0;
  for (const std::string& pack : args.packs) {
    int rc = CheckPack(args, pack);
    if (rc != 0) ++failed;
    worst = std::max(worst, rc);
  }
  std::cout << "proofs gate: " << args.packs.size() - failed << " of " << args.packs.size()
            << " packs pass\n";
  return worst;
}

}  // namespace

void AddPolicyCheckCommand(CLI::App& policy, CommandEnv& env) {
  CLI::App* cmd = policy.add_subcommand(
      "check",
      "CI gate: changed packs prove their properties and change decisions only as accepted");
  auto args = std::make_shared<CheckArgs>();
  cmd->add_option("--baseline", args->baseline,
                  "A directory of packs (or one pack), or a git ref, holding the versions before "
                  "the change")
      ->required();
  cmd->add_option("packs", args->packs, "Pack directories")->required();
  AddAnalysisFlags(*cmd, args->options);
  cmd->callback([&env, args] { env.exit_code = RunCheck(*args); });
}

}  // namespace tf::cli
