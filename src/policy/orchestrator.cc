#include "policy/orchestrator.h"

#include <optional>

#include "policy/graph_builtins.h"
#include "policy/graph_guard.h"
#include "policy/pack_session.h"
#include "policy/planner.h"
#include "policy/store_graph.h"

namespace tf::policy {
namespace {

constexpr double kNanosPerSecond = 1e9;

Value Str(std::string_view s) {
  return Value::String(s);
}

Value RuleIds(const CompiledPack& pack, const std::vector<PlannedRule>& rules) {
  std::vector<Value> ids;
  ids.reserve(rules.size());
  for (const PlannedRule& r : rules)
    ids.push_back(Str(pack.rule(r.rule).id));
  return Value::Array(std::move(ids));
}

// A violation's reason: the template filled in, plus why the rule did not pass when that is not
// simply "false", so a reason never claims more than was established.
std::string ViolationReason(PackSession& session, size_t rule, const Value& input,
                            const RuleOutcome& outcome) {
  std::string reason = session.RenderReason(rule, input);
  if (outcome.verdict == RuleVerdict::kError) {
    reason += " [evaluation error: " + std::string(ErrorCodeName(outcome.error.code())) + "]";
  } else if (outcome.verdict == RuleVerdict::kNotBoolean) {
    reason += " [rule value is not boolean]";
  }
  return reason;
}

}  // namespace

Orchestrator::Orchestrator(MetricsRegistry& metrics, Logger& logger, const Clock& clock,
                           const OrchestratorOptions& options)
    : logger_(logger),
      clock_(clock),
      options_(options),
      selected_rules_(metrics.AddCounter("adapt_selected_rules_total",
                                         "Rules placed in plans by the orchestrator")),
      plans_(metrics.AddCounter("adapt_plans_total", "Plans built, by selector", {"selector"})),
      failures_(metrics.AddCounter("adapt_selection_failures_total",
                                   "Plans that could not be built (invalid input, predicate "
                                   "errors, selector errors)")),
      latency_(metrics.AddHistogram("adapt_selection_latency_seconds",
                                    "Time to validate, evaluate predicates, select and plan", {},
                                    Histogram::LatencyBuckets())) {}

SessionOptions Orchestrator::Session(const DecideOptions& options,
                                     const rego::BuiltinHost* host) const {
  SessionOptions s;
  s.now_ns = clock_.NowNanos();
  s.max_steps = options.max_steps;
  s.cancel = options.cancel;
  s.host = host;
  return s;
}

Result<Plan> Orchestrator::SelectUnmeasured(PackSession& session, const CompiledPack& pack,
                                            const Value& context,
                                            const RuleSelector& selector) const {
  std::vector<uint8_t> predicates;
  TF_RETURN_IF_ERROR(session.EvaluatePredicates(context, predicates));
  std::vector<SelectedRule> chosen;
  chosen.reserve(pack.num_rules());
  TF_RETURN_IF_ERROR(selector.Select({pack, context, predicates}, chosen));
  return Planner::Build(pack, chosen);
}

void Orchestrator::RecordFailure(const CompiledPack& pack, const RuleSelector& selector,
                                 const Status& status) const {
  failures_.Add();
  logger_.Warn("adapt_selection_failed",
               Value::Object({{Str("pack_id"), Str(pack.id())},
                              {Str("pack_hash"), Str(pack.hash())},
                              {Str("selector"), Str(selector.name())},
                              {Str("code"), Str(ErrorCodeName(status.code()))}}));
}

// Input validation comes first and is not part of the selection latency: it is the request's
// check, and it is timed by whoever times the request.
Result<Plan> Orchestrator::Select(PackSession& session, const CompiledPack& pack,
                                  const Value& context, const RuleSelector& selector,
                                  const DecideOptions& options) const {
  if (options.validate_input && pack.manifest().input_schema) {
    Status valid = pack.manifest().input_schema->Validate(context);
    if (!valid.ok()) {
      RecordFailure(pack, selector, valid);
      return valid;
    }
  }
  int64_t start = clock_.MonotonicNanos();
  Result<Plan> plan = SelectUnmeasured(session, pack, context, selector);
  latency_.Observe(static_cast<double>(clock_.MonotonicNanos() - start) / kNanosPerSecond);
  if (!plan.ok()) {
    RecordFailure(pack, selector, plan.status());
    return plan;
  }
  plans_.Add({std::string(selector.name())});
  selected_rules_.Add({}, static_cast<double>(plan->order.size()));
  if (options_.log_each_plan) {
    logger_.Info("adapt_plan", Value::Object({{Str("pack_id"), Str(pack.id())},
                                              {Str("pack_hash"), Str(pack.hash())},
                                              {Str("plan_hash"), Str(plan->plan_hash)},
                                              {Str("selector"), Str(selector.name())},
                                              {Str("active_rules"), RuleIds(pack, plan->order)}}));
  }
  return plan;
}

namespace {

// The graph.* builtins' view of the decision's store, when it has one.
class GraphHost {
 public:
  explicit GraphHost(const DecideOptions& options) {
    if (options.store != nullptr) host_.emplace(*options.store);
  }
  const rego::BuiltinHost* get() const { return host_ ? &*host_ : nullptr; }

 private:
  std::optional<GraphBuiltinHost> host_;
};

// Refuses, before anything runs, a pack whose Rego calls graph.* when no graph is given: each
// call would fail and violate its rule, which denies but hides the cause.
Status RequireGraphForBuiltins(const CompiledPack& pack, const DecideOptions& options) {
  if (pack.graph_builtin().empty() || options.store != nullptr) return Status();
  return Status(ErrorCode::kGraphQueryInvalid, "pack " + pack.id() + " calls " +
                                                   std::string(pack.graph_builtin()) +
                                                   "; a decision needs the graph store");
}

}  // namespace

Result<Plan> Orchestrator::MakePlan(const CompiledPack& pack, const Value& context,
                                    const RuleSelector& selector,
                                    const DecideOptions& options) const {
  TF_RETURN_IF_ERROR(RequireGraphForBuiltins(pack, options));
  GraphHost host(options);
  PackSession session = pack.OpenSession(Session(options, host.get()));
  return Select(session, pack, context, selector, options);
}

namespace {

// The pack's decision limits, checked before any rule: an exceeded limit violates the decision
// under the limit's reason code.
Status CheckDecisionLimits(const CompiledPack& pack, const Value& input,
                           const DecideOptions& options, Decision& d) {
  const GraphLimits& limits = pack.manifest().limits;
  if (limits.node.empty()) return Status();
  if (options.graph == nullptr && options.store == nullptr) {
    return Status(ErrorCode::kGraphQueryInvalid,
                  "pack " + pack.id() + " declares graph limits for decisions (limits.node " +
                      limits.node + "); a decision needs the graph");
  }
  std::optional<StoreGraph> store_graph;
  if (options.graph == nullptr) store_graph.emplace(*options.store);
  const GraphAdjacency& graph =
      options.graph != nullptr ? *options.graph : static_cast<const GraphAdjacency&>(*store_graph);
  TF_ASSIGN_OR_RETURN(GraphQuery query, DecisionQuery(limits, input));
  TF_ASSIGN_OR_RETURN(d.limits, GraphGuard(limits, graph).Check(query));
  for (const LimitVerdict& v : d.limits) {
    if (!v.exceeded) continue;
    d.violations.push_back({"limits." + std::string(LimitName(v.kind)), v.explanation,
                            Severity::kHigh, RuleVerdict::kFalse, Status(), v.reason_code});
  }
  return Status();
}

}  // namespace

Result<Decision> Orchestrator::Run(PackSession& session, const CompiledPack& pack, Plan plan,
                                   const Value& input, std::string input_hash,
                                   const DecideOptions& options) const {
  Decision d;
  TF_RETURN_IF_ERROR(CheckDecisionLimits(pack, input, options, d));
  bool skip_rules = options.stop_at_first_violation && !d.violations.empty();
  for (size_t i = 0; !skip_rules && i < plan.order.size(); ++i) {
    const PlannedRule& p = plan.order[i];
    RuleOutcome outcome = session.EvaluateRule(p.rule, input);
    if (outcome.verdict == RuleVerdict::kPass) continue;
    const RuleSpec& rule = pack.rule(p.rule);
    d.violations.push_back({rule.id, ViolationReason(session, p.rule, input, outcome),
                            rule.severity, outcome.verdict, std::move(outcome.error), ""});
    if (options.stop_at_first_violation) break;
  }
  d.allow = d.violations.empty();
  d.plan = std::move(plan);
  d.pack_hash = pack.hash();
  d.input_hash = std::move(input_hash);
  return d;
}

Result<Decision> Orchestrator::Decide(const CompiledPack& pack, const Value& input,
                                      const RuleSelector& selector,
                                      const DecideOptions& options) const {
  TF_ASSIGN_OR_RETURN(std::string input_hash, InputHash(input));
  TF_RETURN_IF_ERROR(RequireGraphForBuiltins(pack, options));
  GraphHost host(options);
  PackSession session = pack.OpenSession(Session(options, host.get()));
  TF_ASSIGN_OR_RETURN(Plan plan, Select(session, pack, input, selector, options));
  return Run(session, pack, std::move(plan), input, std::move(input_hash), options);
}

Result<Decision> Orchestrator::Evaluate(const CompiledPack& pack, Plan plan, const Value& input,
                                        const DecideOptions& options) const {
  if (plan.pack_hash != pack.hash()) {
    return InvalidArgument("the plan was not built for pack " + pack.id() + " (" + pack.hash() +
                           ")");
  }
  for (const PlannedRule& p : plan.order) {
    if (p.rule >= pack.num_rules()) return InvalidArgument("the plan names a rule the pack lacks");
  }
  if (options.validate_input && pack.manifest().input_schema) {
    TF_RETURN_IF_ERROR(pack.manifest().input_schema->Validate(input));
  }
  TF_ASSIGN_OR_RETURN(std::string input_hash, InputHash(input));
  TF_RETURN_IF_ERROR(RequireGraphForBuiltins(pack, options));
  GraphHost host(options);
  PackSession session = pack.OpenSession(Session(options, host.get()));
  return Run(session, pack, std::move(plan), input, std::move(input_hash), options);
}

}  // namespace tf::policy
