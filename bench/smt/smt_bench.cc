// Time to prove each example pack's properties (target: at most 1 s per pack), and to diff two
// versions of a generated 100-rule pack that differ in one rule (target: at most 5 s). The
// baseline is the smallest thing the prover does: one Z3 context and one trivial check.
#include <benchmark/benchmark.h>
#include <z3++.h>

#include "cli/pack_model.h"
#include "smt/diff.h"
#include "smt/prover.h"

namespace {

using tf::smt::PolicyModel;

PolicyModel LoadExample(const std::string& id) {
  tf::Result<PolicyModel> m =
      tf::cli::LoadPackModel(std::string(TF_SOURCE_DIR) + "/examples/packs/" + id);
  if (!m.ok()) std::abort();
  return std::move(*m);
}

void BM_Baseline_TrivialCheck(benchmark::State& state) {
  for (auto _ : state) {
    z3::context ctx;
    z3::solver solver(ctx);
    solver.add(ctx.int_const("x") > 1);
    benchmark::DoNotOptimize(solver.check());
  }
}
BENCHMARK(BM_Baseline_TrivialCheck)->Unit(benchmark::kMillisecond);

void BM_ProveExamplePack(benchmark::State& state, const std::string& id) {
  PolicyModel model = LoadExample(id);
  std::vector<tf::smt::Check> checks = tf::smt::PropertyChecks(model);
  for (auto _ : state) {
    auto results = tf::smt::Prove(model, checks, {});
    if (!results.ok()) std::abort();
    for (const auto& r : *results) {
      if (r.verdict != tf::smt::Verdict::kProved) state.SkipWithError("a property is not proved");
    }
  }
  state.counters["properties"] = static_cast<double>(checks.size());
}
BENCHMARK_CAPTURE(BM_ProveExamplePack, retention, std::string("retention.v1"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ProveExamplePack, export_class, std::string("export_class.v1"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ProveExamplePack, minimization, std::string("minimization.v1"))
    ->Unit(benchmark::kMillisecond);

// A pack of `rules` rules over numbers, strings and sets of the input; `changed` moves the
// threshold of one rule.
PolicyModel GeneratedPack(int rules, int changed) {
  PolicyModel m;
  m.id = "generated.v1";
  m.version = changed < 0 ? "1.0.0" : "1.1.0";
  std::string text = "package gen\n\n";
  for (int i = 0; i < rules; ++i) {
    std::string n = std::to_string(i);
    int threshold = i == changed ? i + 1 : i;
    text += "r" + n + " if {\n  input.amount > " + std::to_string(threshold) +
            "\n  input.region in {\"eu\", \"us\", \"r" + n + "\"}\n}\n";
    text += "r" + n + " if {\n  input.role == \"admin\"\n  startswith(input.user, \"u" + n +
            "\")\n}\n\n";
    m.rules.push_back({"r" + n, "data.gen.r" + n, {}});
  }
  m.modules = {{"gen.rego", text}};
  return m;
}

void BM_Diff100RulePack(benchmark::State& state) {
  PolicyModel old_pack = GeneratedPack(100, -1);
  PolicyModel new_pack = GeneratedPack(100, 57);
  for (auto _ : state) {
    auto results = tf::smt::Diff(old_pack, new_pack, "", {});
    if (!results.ok()) std::abort();
    int differing = 0;
    for (const auto& r : *results) {
      if (r.verdict == tf::smt::Verdict::kCounterexample) ++differing;
      if (r.verdict == tf::smt::Verdict::kUnknown) state.SkipWithError("a rule is unknown");
    }
    if (differing != 1) state.SkipWithError("expected exactly one differing rule");
  }
}
BENCHMARK(BM_Diff100RulePack)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
