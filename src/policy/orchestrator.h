// File: policy/orchestrator.h
//
// The adaptive proof orchestrator, as the server calls it per request: validate the input,
// evaluate the activation predicates once, let a RuleSelector choose the rules, order them into
// a plan (policy/planner.h), run the plan's rules and return the decision with the plan.
// It records the adapt_* metrics and logs pack hashes, plan hashes and rule ids, never values
// from the context.
//
//   tf::policy::Orchestrator orchestrator(metrics, logger, clock);  // once, in main
//   tf::policy::BasicSelector basic;
//   tf::Result<tf::policy::Decision> d = orchestrator.Decide(*compiled_pack, input, basic);
//   // tf::policy::DecisionToValue(*d), d->plan.document
//
// Thread-safe: one Orchestrator serves every request thread.
#ifndef TF_POLICY_ORCHESTRATOR_H_
#define TF_POLICY_ORCHESTRATOR_H_

#include <atomic>
#include <cstdint>

#include "core/clock.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "core/status.h"
#include "core/value.h"
#include "graph/graph_store.h"
#include "policy/compiled_pack.h"
#include "policy/decision.h"
#include "policy/plan.h"
#include "policy/rule_selector.h"

namespace tf::policy {

class GraphAdjacency;  // policy/graph_guard.h

struct OrchestratorOptions {
  // Log every plan built (info, event "adapt_plan"). Off by default: at request rates this is
  // the request log's job. Failures are always logged (warn).
  bool log_each_plan = false;
};

struct DecideOptions {
  // Stop at the first violated rule (the plan's order puts cheap rules first). The verdict is
  // the same; the decision lists one violation.
  bool stop_at_first_violation = false;
  // Validate the input against the pack's input schema (when it has one) before anything runs.
  bool validate_input = true;
  // Per-query evaluation budget and cancellation (see SessionOptions).
  uint64_t max_steps = 0;
  const std::atomic<bool>* cancel = nullptr;
  // The graph a pack's decision limits (`limits.node`) are checked on. A pack that declares them
  // cannot decide without one (fails closed with kGraphQueryInvalid).
  const GraphAdjacency* graph = nullptr;
  // The graph store behind the pack's graph.* builtins, and behind its decision limits when
  // `graph` is null. A pack whose Rego calls graph.* cannot decide without one (fails closed
  // with kGraphQueryInvalid).
  const graph::GraphStore* store = nullptr;
};

class Orchestrator {
 public:
  // Registers adapt_selected_rules_total, adapt_plans_total{selector},
  // adapt_selection_failures_total (any plan not built, invalid input included) and
  // adapt_selection_latency_seconds (predicates, selector and planner; input validation is
  // the request's and not included) on `metrics`.
  // REQUIRES: metrics, logger and clock outlive the orchestrator.
  Orchestrator(MetricsRegistry& metrics, Logger& logger, const Clock& clock,
               const OrchestratorOptions& options = {});

  // The plan for `context`. Errors: kInputSchemaViolation, kPredicateEvalError, or the
  // selector's; each counts as a selection failure.
  Result<Plan> MakePlan(const CompiledPack& pack, const Value& context,
                        const RuleSelector& selector, const DecideOptions& options = {}) const;

  // Plans for `input` and evaluates the plan. Rule evaluation errors do not fail the call: they
  // violate the rule (fail closed). Errors: those of MakePlan, and kInvalidArgument for an input
  // without a canonical form.
  Result<Decision> Decide(const CompiledPack& pack, const Value& input,
                          const RuleSelector& selector, const DecideOptions& options = {}) const;

  // Evaluates an existing plan (built for `pack`) over `input`.
  Result<Decision> Evaluate(const CompiledPack& pack, Plan plan, const Value& input,
                            const DecideOptions& options = {}) const;

 private:
  Result<Plan> Select(PackSession& session, const CompiledPack& pack, const Value& context,
                      const RuleSelector& selector, const DecideOptions& options) const;
  Result<Plan> SelectUnmeasured(PackSession& session, const CompiledPack& pack,
                                const Value& context, const RuleSelector& selector) const;
  void RecordFailure(const CompiledPack& pack, const RuleSelector& selector,
                     const Status& status) const;
  Result<Decision> Run(PackSession& session, const CompiledPack& pack, Plan plan,
                       const Value& input, std::string input_hash,
                       const DecideOptions& options) const;
  SessionOptions Session(const DecideOptions& options, const rego::BuiltinHost* host) const;

  Logger& logger_;
  const Clock& clock_;
  OrchestratorOptions options_;
  Counter& selected_rules_;
  Counter& plans_;
  Counter& failures_;
  Histogram& latency_;
};

}  // namespace tf::policy

#endif  // TF_POLICY_ORCHESTRATOR_H_
