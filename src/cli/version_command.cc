#include <iostream>

#include "cli/command.h"

namespace tf::cli {

void AddVersionCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* cmd = app.add_subcommand("version", "Print the version of proof");
  cmd->callback([&env] {
    std::cout << "proof 0.1.0 (Trust Fabric)\n";
    env.exit_code = 0;
  });
}

}  // namespace tf::cli
