// `proof conformance DIR...`: runs OPA-format Rego test cases and reports failures.
#include <iostream>

#include "cli/cli_util.h"
#include "cli/command.h"
#include "core/clock.h"
#include "core/json.h"
#include "rego/conformance.h"

namespace tf::cli {
namespace {

Value CaseToJson(const rego::CaseResult& r) {
  const char* outcome = r.outcome == rego::CaseOutcome::kPass   ? "pass"
                        : r.outcome == rego::CaseOutcome::kFail ? "fail"
                                                                : "skip";
  return Value::Object({{Value::String("file"), Value::String(r.file)},
                        {Value::String("note"), Value::String(r.note)},
                        {Value::String("outcome"), Value::String(outcome)},
                        {Value::String("expected"), Value::String(r.expected)},
                        {Value::String("got"), Value::String(r.got)}});
}

int RunConformanceCommand(const std::vector<std::string>& paths, const std::string& json_out) {
  SystemClock clock;
  Result<rego::ConformanceSummary> summary = rego::RunConformance(paths, clock.NowNanos());
  if (!summary.ok()) return ReportError(summary.status());
  for (const rego::CaseResult& r : summary->cases) {
    if (r.outcome != rego::CaseOutcome::kFail) continue;
    std::cout << "FAIL " << r.note << "\n  expected: " << r.expected << "\n  got:      " << r.got
              << "\n";
  }
  if (!json_out.empty()) {
    std::vector<Value> cases;
    for (const rego::CaseResult& r : summary->cases)
      cases.push_back(CaseToJson(r));
    JsonWriteOptions pretty;
    pretty.pretty = true;
    Status st = WriteFile(json_out, ToJson(Value::Array(std::move(cases)), pretty) + "\n");
    if (!st.ok()) return ReportError(st);
  }
  std::cout << summary->passed << " passed, " << summary->failed << " failed, " << summary->skipped
            << " skipped\n";
  return 0;
}

}  // namespace

void AddConformanceCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* cmd = app.add_subcommand(
      "conformance", "Run Rego test cases in OPA's case format; print failures and counts");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto json_out = std::make_shared<std::string>();
  cmd->add_option("paths", *paths, "Case files or directories (searched recursively)")->required();
  cmd->add_option("--json", *json_out, "Write per-case results to this file");
  cmd->callback(
      [&env, paths, json_out] { env.exit_code = RunConformanceCommand(*paths, *json_out); });
}

}  // namespace tf::cli
