// Rule selection and decisions for a generated 100-rule pack with 50 predicates (half refs to
// Rego rules, half inline queries; up to 3 per rule), over 64 generated contexts in turn.
// Selection (BM_Select_*) is what the orchestrator does before any rule runs: evaluate all
// predicates in one query, select, order, write and hash the plan (and, in
// BM_Select_BasicWithSchemaCheck, first validate the input against the pack's schema). Each
// selection benchmark reports its own p50/p95/p99 per call (the target: p95 <= 20 us).
// Baselines in the same binary: evaluating every rule without any selection
// (BM_EvaluateAllRules_NoSelection) and deciding with every rule (BM_Decide_AllRules). Every
// benchmark checks its answer once before timing.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "policy/basic_selector.h"
#include "policy/orchestrator.h"
#include "policy/pack_session.h"
#include "policy/planner.h"
#include "policy/testing/context_generator.h"
#include "policy/testing/synthetic_pack.h"
#include "policy/weighted_selector.h"

namespace tf::policy {
namespace {

constexpr uint64_t kSeed = 20261101;
constexpr size_t kContexts = 64;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "policy_bench: check failed: %s\n", what);
    std::abort();
  }
}

// Built once for all benchmarks (setup is outside every timed loop).
struct Fixture {
  Fixture() {
    testing::SyntheticPackOptions options;
    options.seed = kSeed;
    Result<Pack> loaded = LoadPackFromFiles(testing::MakeSyntheticPack(options));
    Check(loaded.ok(), "synthetic pack loads");
    Result<std::unique_ptr<CompiledPack>> compiled = CompiledPack::Compile(std::move(*loaded));
    Check(compiled.ok(), "synthetic pack compiles");
    pack = std::move(*compiled);
    Check(pack->num_rules() == 100 && pack->num_predicates() == 50, "100 rules, 50 predicates");
    testing::ContextGenerator generator(*pack->manifest().input_schema, kSeed);
    for (size_t i = 0; i < kContexts; ++i)
      contexts.push_back(generator.Next());
    Weights w;
    for (size_t i = 0; i < pack->num_rules(); i += 2)
      w.costs[pack->rule(i).id] = {i, {}};
    weighted = std::make_unique<WeightedSelector>(WeightedSelector::ForPack(*pack, w).value());
  }

  std::unique_ptr<CompiledPack> pack;
  std::vector<Value> contexts;
  std::unique_ptr<WeightedSelector> weighted;
  MetricsRegistry metrics;
  NullLogger logger;
  SystemClock clock;
  Orchestrator orchestrator{metrics, logger, clock};
  BasicSelector basic;
  ExhaustiveSelector all;
};

Fixture& F() {
  static Fixture* fixture = new Fixture();  // built on first use, never destroyed
  return *fixture;
}

// Times each call and reports percentiles as counters (microseconds).
class Percentiles {
 public:
  explicit Percentiles(benchmark::State& state) : state_(state) { samples_.reserve(1 << 20); }
  ~Percentiles() {
    if (samples_.empty()) return;
    std::sort(samples_.begin(), samples_.end());
    auto at = [&](double q) { return samples_[static_cast<size_t>(q * (samples_.size() - 1))]; };
    state_.counters["p50_us"] = at(0.50) / 1e3;
    state_.counters["p95_us"] = at(0.95) / 1e3;
    state_.counters["p99_us"] = at(0.99) / 1e3;
  }
  template <typename Fn>
  void Time(Fn&& fn) {
    auto start = std::chrono::steady_clock::now();
    fn();
    auto end = std::chrono::steady_clock::now();
    samples_.push_back(static_cast<double>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count()));
  }

 private:
  benchmark::State& state_;
  std::vector<double> samples_;
};

void SelectWith(benchmark::State& state, const RuleSelector& selector, bool validate = false) {
  Fixture& f = F();
  DecideOptions options;
  options.validate_input = validate;
  size_t active = 0;
  for (const Value& c : f.contexts) {
    Result<Plan> plan = f.orchestrator.MakePlan(*f.pack, c, selector, options);
    Check(plan.ok(), "selection succeeds");
    active += plan->order.size();
  }
  Check(active > 0 && active < f.contexts.size() * f.pack->num_rules(), "selection selects");
  Percentiles p(state);
  size_t i = 0;
  for (auto _ : state) {
    p.Time([&] {
      Result<Plan> plan =
          f.orchestrator.MakePlan(*f.pack, f.contexts[i++ % kContexts], selector, options);
      benchmark::DoNotOptimize(plan);
    });
  }
  state.counters["active_rules"] = static_cast<double>(active) / f.contexts.size();
}

// Selection as the issue defines it: predicates, selector, order, plan document and hash.
void BM_Select_Basic(benchmark::State& state) {
  SelectWith(state, F().basic);
}
// The same after validating the 150-field input against the pack's schema.
void BM_Select_BasicWithSchemaCheck(benchmark::State& state) {
  SelectWith(state, F().basic, true);
}
void BM_Select_Weighted(benchmark::State& state) {
  SelectWith(state, *F().weighted);
}

// The parts of a selection, to see where the time goes.
void BM_Select_PredicatesOnly(benchmark::State& state) {
  Fixture& f = F();
  std::vector<uint8_t> holds;
  PackSession session = f.pack->OpenSession();
  Check(session.EvaluatePredicates(f.contexts[0], holds).ok(), "predicates evaluate");
  size_t i = 0;
  for (auto _ : state) {
    Status s = session.EvaluatePredicates(f.contexts[i++ % kContexts], holds);
    benchmark::DoNotOptimize(s);
  }
}

void BM_Select_SchemaOnly(benchmark::State& state) {
  Fixture& f = F();
  const InputSchema& schema = *f.pack->manifest().input_schema;
  Check(schema.Validate(f.contexts[0]).ok(), "contexts match the schema");
  size_t i = 0;
  for (auto _ : state) {
    Status s = schema.Validate(f.contexts[i++ % kContexts]);
    benchmark::DoNotOptimize(s);
  }
}

// What a server does with each request before selecting: parse the input. Large objects are
// indexed as they are built (core/value.cc), so that cost is here, not in the lookups.
void BM_ParseInput(benchmark::State& state) {
  Fixture& f = F();
  std::vector<std::string> texts;
  for (const Value& c : f.contexts)
    texts.push_back(ToJson(c));
  Result<Value> first = ParseJson(texts[0]);
  Check(first.ok() && *first == f.contexts[0], "inputs parse back");
  size_t i = 0;
  for (auto _ : state) {
    Result<Value> input = ParseJson(texts[i++ % kContexts]);
    benchmark::DoNotOptimize(input);
  }
}

void BM_Select_PlannerOnly(benchmark::State& state) {
  Fixture& f = F();
  std::vector<SelectedRule> chosen;
  for (uint32_t r = 0; r < f.pack->num_rules(); r += 2) {
    chosen.push_back({r, f.pack->rule(r).cost, &f.pack->rule(r).activation});
  }
  Check(Planner::Build(*f.pack, chosen).ok(), "planner builds");
  for (auto _ : state) {
    Result<Plan> plan = Planner::Build(*f.pack, chosen);
    benchmark::DoNotOptimize(plan);
  }
}

void DecideWith(benchmark::State& state, const RuleSelector& selector) {
  Fixture& f = F();
  for (const Value& c : f.contexts) {
    Result<Decision> d = f.orchestrator.Decide(*f.pack, c, selector);
    Result<Decision> reference = f.orchestrator.Decide(*f.pack, c, f.all);
    Check(d.ok() && reference.ok() && d->allow == reference->allow, "same verdict as all rules");
  }
  Percentiles p(state);
  size_t i = 0;
  for (auto _ : state) {
    p.Time([&] {
      Result<Decision> d = f.orchestrator.Decide(*f.pack, f.contexts[i++ % kContexts], selector);
      benchmark::DoNotOptimize(d);
    });
  }
}

void BM_Decide_Basic(benchmark::State& state) {
  DecideWith(state, F().basic);
}
void BM_Decide_AllRules(benchmark::State& state) {
  DecideWith(state, F().all);
}

// Baseline: every rule evaluated, no schema check, no predicates, no plan.
void BM_EvaluateAllRules_NoSelection(benchmark::State& state) {
  Fixture& f = F();
  PackSession session = f.pack->OpenSession();
  Check(session.EvaluateRule(0, f.contexts[0]).verdict != RuleVerdict::kError, "rules evaluate");
  Percentiles p(state);
  size_t i = 0;
  for (auto _ : state) {
    p.Time([&] {
      const Value& c = f.contexts[i++ % kContexts];
      bool allow = true;
      for (size_t r = 0; r < f.pack->num_rules(); ++r) {
        allow = session.EvaluateRule(r, c).verdict == RuleVerdict::kPass && allow;
      }
      benchmark::DoNotOptimize(allow);
    });
  }
}

// Once per pack version: load (parse, validate, hash) and compile the 100-rule pack.
void BM_LoadAndCompile_Synthetic100(benchmark::State& state) {
  testing::SyntheticPackOptions options;
  options.seed = kSeed;
  PackFiles files = testing::MakeSyntheticPack(options);
  for (auto _ : state) {
    Result<Pack> pack = LoadPackFromFiles(files);
    Result<std::unique_ptr<CompiledPack>> compiled = CompiledPack::Compile(std::move(*pack));
    Check(compiled.ok(), "compiles");
    benchmark::DoNotOptimize(compiled);
  }
}

BENCHMARK(BM_Select_Basic);
BENCHMARK(BM_Select_BasicWithSchemaCheck);
BENCHMARK(BM_Select_Weighted);
BENCHMARK(BM_Select_PredicatesOnly);
BENCHMARK(BM_Select_SchemaOnly);
BENCHMARK(BM_Select_PlannerOnly);
BENCHMARK(BM_ParseInput);
BENCHMARK(BM_Decide_Basic);
BENCHMARK(BM_Decide_AllRules);
BENCHMARK(BM_EvaluateAllRules_NoSelection);
BENCHMARK(BM_LoadAndCompile_Synthetic100)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tf::policy

BENCHMARK_MAIN();
