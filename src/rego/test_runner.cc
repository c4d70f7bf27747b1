#include "rego/test_runner.h"

#include <set>

#include "core/json.h"
#include "rego/ast.h"
#include "rego/evaluator.h"
#include "rego/parser.h"

namespace tf::rego {

Result<TestReport> RunRegoTests(const LoadedFiles& files, int64_t now_ns) {
  // Parse once to find the test rules, then compile every test as a query.
  std::set<std::string> names;
  std::vector<Source> sources;
  sources.reserve(files.modules.size());
  for (const ModuleInput& m : files.modules) {
    sources.push_back(Source{m.name, m.text});
    TF_ASSIGN_OR_RETURN(Module parsed, ParseModule(sources.back()));
    for (const Rule& r : parsed.rules) {
      if (r.kind == RuleKind::kFunction || r.head.ref.size() != 1) continue;
      const std::string& rule = r.head.ref[0].name;
      if (rule.rfind("test_", 0) != 0) continue;
      std::string path = "data";
      for (const std::string& p : parsed.package)
        path += "." + p;
      names.insert(path + "." + rule);
    }
  }
  std::vector<std::string> queries(names.begin(), names.end());
  TF_ASSIGN_OR_RETURN(CompiledPolicy policy, CompiledPolicy::Compile(files.modules, queries));
  Evaluator eval(policy);
  EvalOptions opts;
  opts.data = &files.data;
  opts.now_ns = now_ns;
  TestReport report;
  for (size_t i = 0; i < queries.size(); ++i) {
    TestOutcome t;
    t.name = queries[i];
    Result<QueryResult> r = eval.Eval(i, opts);
    if (!r.ok()) {
      t.message = r.status().ToString();
    } else if (r->solutions.empty()) {
      t.message = "undefined";
    } else if (r->solutions[0].expressions[0] != Value::Bool(true)) {
      t.message = "value " + ToJson(r->solutions[0].expressions[0]);
    } else {
      t.passed = true;
    }
    (t.passed ? report.passed : report.failed)++;
    report.tests.push_back(std::move(t));
  }
  return report;
}

}  // namespace tf::rego
