// `proof test DIR...`: runs the `test_` rules of the policies under the given paths, as
// `opa test` does, and prints `N passed, N failed`.
#include <iostream>

#include "cli/cli_util.h"
#include "cli/command.h"
#include "core/clock.h"
#include "rego/ast.h"
#include "rego/evaluator.h"
#include "rego/loader.h"
#include "rego/test_runner.h"

namespace tf::cli {
namespace {

int RunTests(const std::vector<std::string>& paths, bool verbose) {
  Result<rego::LoadedFiles> files = rego::LoadPaths(paths);
  if (!files.ok()) return ReportError(files.status());
  SystemClock clock;
  Result<rego::TestReport> report = rego::RunRegoTests(*files, clock.NowNanos());
  if (!report.ok()) return ReportError(report.status());
  for (const rego::TestOutcome& t : report->tests) {
    if (t.passed && !verbose) continue;
    std::cout << (t.passed ? "PASS: " : "FAIL: ") << t.name;
    if (!t.message.empty()) std::cout << " (" << t.message << ")";
    std::cout << "\n";
  }
  std::cout << report->passed << " passed, " << report->failed << " failed\n";
  return report->failed == 0 ? 0 : 1;
}

}  // namespace

void AddTestCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* cmd = app.add_subcommand("test", "Run the test_ rules of Rego policies");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto verbose = std::make_shared<bool>(false);
  cmd->add_option("paths", *paths, "Policy and data files or directories")->required();
  cmd->add_flag("-v,--verbose", *verbose, "Also list the tests that pass");
  cmd->callback([&env, paths, verbose] { env.exit_code = RunTests(*paths, *verbose); });
}

}  // namespace tf::cli
