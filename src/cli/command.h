// File: cli/command.h
//
// Each `proof` subcommand lives in its own file and registers itself on the root CLI11 app
// through one `Add…Command` function. A subcommand sets `exit_code` from its callback; it never
// throws. Subcommands wrap library calls and hold no logic of their own.
#ifndef TF_CLI_COMMAND_H_
#define TF_CLI_COMMAND_H_

#include <CLI/CLI.hpp>

namespace tf::cli {

// Process-wide state a command may use, created in main and passed down.
struct CommandEnv {
  int exit_code = 0;
};

void AddVersionCommand(CLI::App& app, CommandEnv& env);
void AddConformanceCommand(CLI::App& app, CommandEnv& env);
void AddEvalCommand(CLI::App& app, CommandEnv& env);
void AddTestCommand(CLI::App& app, CommandEnv& env);
void AddServeCommand(CLI::App& app, CommandEnv& env);
void AddAdaptCommand(CLI::App& app, CommandEnv& env);
void AddGraphCommand(CLI::App& app, CommandEnv& env);
void AddPolicyCommand(CLI::App& app, CommandEnv& env);
void AddMinimizeCommand(CLI::App& app, CommandEnv& env);
void AddKeygenCommand(CLI::App& app, CommandEnv& env);
void AddReceiptCommand(CLI::App& app, CommandEnv& env);
void AddLedgerCommand(CLI::App& app, CommandEnv& env);
void AddEvidenceCommand(CLI::App& app, CommandEnv& env);
void AddMerkleCommand(CLI::App& app, CommandEnv& env);

}  // namespace tf::cli

#endif  // TF_CLI_COMMAND_H_
