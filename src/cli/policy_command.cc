// `proof policy …`: the group of the prover's subcommands.
#include "cli/command.h"
#include "cli/policy_commands.h"

#include <iomanip>
#include <ostream>

#include "core/json.h"

namespace tf::cli {

void AddAnalysisFlags(CLI::App& cmd, smt::AnalysisOptions& options) {
  cmd.add_option("--array-bound", options.array_bound,
                 "Longest input array considered where the input schema does not bound it")
      ->check(CLI::Range(1u, 64u))
      ->capture_default_str();
  cmd.add_option("--timeout-ms", options.timeout_ms, "Solver time per check; beyond it: unknown")
      ->check(CLI::Range(1u, 3600000u))
      ->capture_default_str();
  cmd.add_option("--symbolic-data", options.symbolic_data,
                 "A path below data (dotted) whose documents may hold any value");
}

void PrintResult(std::ostream& out, const smt::CheckResult& r, const std::string& indent,
                 bool is_diff) {
  std::string_view verdict = smt::VerdictName(r.verdict);
  if (is_diff && r.verdict == smt::Verdict::kProved) verdict = "equivalent";
  if (is_diff && r.verdict == smt::Verdict::kCounterexample) verdict = "differs";
  out << indent << r.name << ": " << verdict << " (" << std::fixed << std::setprecision(3)
      << r.seconds << " s)";
  out.unsetf(std::ios::floatfield);
  if (r.verdict == smt::Verdict::kProved && r.bounded) {
    out << " for input arrays of up to " << r.array_bound << " elements";
  }
  out << "\n";
  if (r.verdict == smt::Verdict::kCounterexample) {
    out << indent << "  input: " << ToJson(r.counterexample.input) << "\n";
    if (r.counterexample.data.is_object() && !r.counterexample.data.object().empty()) {
      out << indent << "  data: " << ToJson(r.counterexample.data) << "\n";
    }
    for (const smt::Observation& o : r.counterexample.interpreter) {
      out << indent << "  interpreter: " << o.what << " = " << o.outcome << "\n";
    }
  }
  if (r.verdict == smt::Verdict::kUnknown) out << indent << "  why: " << r.reason << "\n";
}

void AddPolicyCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* policy = app.add_subcommand(
      "policy", "Prove properties of policy packs, compare versions, gate changes in CI");
  policy->require_subcommand(1);
  AddPolicyProveCommand(*policy, env);
  AddPolicyDiffCommand(*policy, env);
  AddPolicyCheckCommand(*policy, env);
}

}  // namespace tf::cli
