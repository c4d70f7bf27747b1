// Compiles an arbitrary module and evaluates every rule of it (as `data.<package>.<rule>`) with a
// step budget, so the compiler, the IR verifier and the interpreter all see fuzzed programs.
// Invariants: no crash, no hang (the budget ends runaway evaluations with eval_cancel_error).
#include <cstdint>
#include <set>
#include <string>

#include "core/json.h"
#include "rego/compiled_policy.h"
#include "rego/evaluator.h"
#include "rego/parser.h"

namespace {

constexpr uint64_t kStepBudget = 200000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  tf::rego::Source source{"fuzz.rego", text};
  tf::Result<tf::rego::Module> m = tf::rego::ParseModule(source);
  if (!m.ok()) return 0;
  std::set<std::string> queries;
  std::string prefix = "data";
  for (const std::string& p : m->package)
    prefix += "[\"" + p + "\"]";
  for (const tf::rego::Rule& r : m->rules) {
    if (r.kind != tf::rego::RuleKind::kFunction)
      queries.insert(prefix + "[\"" + r.head.ref[0].name + "\"]");
  }
  queries.insert("data");
  std::vector<std::string> list(queries.begin(), queries.end());
  tf::Result<tf::rego::CompiledPolicy> policy =
      tf::rego::CompiledPolicy::Compile({{"fuzz.rego", text}}, list);
  if (!policy.ok()) return 0;
  tf::Value input = *tf::ParseJson(R"({"user": "alice", "n": 3, "xs": [1, 2, 3], "m": {"a": 1}})");
  tf::Value base = *tf::ParseJson(R"({"roles": {"alice": ["admin"]}, "limits": [1, 10]})");
  tf::rego::Evaluator eval(*policy);
  tf::rego::EvalOptions opts;
  opts.input = &input;
  opts.data = &base;
  opts.max_steps = kStepBudget;
  for (size_t i = 0; i < policy->num_queries(); ++i) {
    tf::Result<tf::rego::QueryResult> r = eval.Eval(i, opts);
    (void)r;
  }
  return 0;
}
