// `proof`: the one binary that is both the server (`proof serve`) and the command line.
#include <cstdio>

#include "cli/command.h"

int main(int argc, char** argv) {
  CLI::App app{"proof - Trust Fabric: decide, remember, prove"};
  app.require_subcommand(1);
  tf::cli::CommandEnv env;
  tf::cli::AddVersionCommand(app, env);
  tf::cli::AddConformanceCommand(app, env);
  tf::cli::AddEvalCommand(app, env);
  tf::cli::AddTestCommand(app, env);
  tf::cli::AddServeCommand(app, env);
  tf::cli::AddAdaptCommand(app, env);
  tf::cli::AddGraphCommand(app, env);
  tf::cli::AddPolicyCommand(app, env);
  tf::cli::AddMinimizeCommand(app, env);
  tf::cli::AddKeygenCommand(app, env);
  tf::cli::AddReceiptCommand(app, env);
  tf::cli::AddLedgerCommand(app, env);
  tf::cli::AddEvidenceCommand(app, env);
  tf::cli::AddMerkleCommand(app, env);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // CLI11 returns 0 for --help; usage errors exit 2 like every other refusal.
    return code == 0 ? 0 : 2;
  }
  return env.exit_code;
}
