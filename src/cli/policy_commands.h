// File: cli/policy_commands.h
//
// `proof policy prove|diff|check`: the prover's subcommands (issue 5), one file each, grouped
// under `proof policy` by policy_command.cc, and what they share: the analysis flags and how a
// proof result is printed.
#ifndef TF_CLI_POLICY_COMMANDS_H_
#define TF_CLI_POLICY_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

#include "cli/command.h"
#include "smt/analysis_options.h"
#include "smt/check_result.h"

namespace tf::cli {

void AddPolicyProveCommand(CLI::App& policy, CommandEnv& env);
void AddPolicyDiffCommand(CLI::App& policy, CommandEnv& env);
void AddPolicyCheckCommand(CLI::App& policy, CommandEnv& env);

// --array-bound, --timeout-ms and --symbolic-data into `options`.
void AddAnalysisFlags(CLI::App& cmd, smt::AnalysisOptions& options);

// Prints one result, indented by `indent`: "name: proved", the counterexample input with what
// the interpreter decided, or why it is unknown; and the array bound when the result relies
// on it. A diff's result reads "equivalent" or "differs" instead of proved or counterexample.
void PrintResult(std::ostream& out, const smt::CheckResult& result, const std::string& indent,
                 bool is_diff = false);

// Exit status of prove and diff when some answer is not `proved`.
inline constexpr int kExitNotProved = 1;

}  // namespace tf::cli

#endif  // TF_CLI_POLICY_COMMANDS_H_
