#include "policy/pack_session.h"

#include "policy/internal/pack_checks.h"
#include "policy/internal/pack_program.h"

namespace tf::policy {

std::string_view RuleVerdictName(RuleVerdict verdict) {
  switch (verdict) {
    case RuleVerdict::kPass:
      return "pass";
    case RuleVerdict::kFalse:
      return "false";
    case RuleVerdict::kUndefined:
      return "undefined";
    case RuleVerdict::kNotBoolean:
      return "not_boolean";
    case RuleVerdict::kError:
      return "error";
    default:
      return "unknown";
  }
}

PackSession::PackSession(const CompiledPack& pack, const SessionOptions& options)
    : pack_(&pack), evaluator_(pack.program_->pool.Take()) {
  options_.data = &pack.pack().data;
  options_.now_ns = options.now_ns;
  options_.max_steps = options.max_steps;
  options_.cancel = options.cancel;
  options_.host = options.host;
  // Fail closed: a builtin error must not turn into an undefined (possibly passing) rule or an
  // undefined (possibly deactivating) predicate.
  options_.strict_builtin_errors = true;
}

PackSession::PackSession(PackSession&& other) noexcept
    : pack_(other.pack_), evaluator_(std::move(other.evaluator_)), options_(other.options_) {}

PackSession::~PackSession() {
  if (evaluator_ != nullptr) pack_->program_->pool.Give(std::move(evaluator_));
}

Status PackSession::EvaluatePredicates(const Value& context, std::vector<uint8_t>& out) {
  const internal::PackProgram& program = *pack_->program_;
  const size_t n = program.activation.leaves.size();
  out.assign(n, 0);
  if (n == 0) return Status();
  options_.input = &context;
  Result<rego::QueryResult> r = evaluator_->Eval(program.queries.activation, options_);
  if (!r.ok()) return ExplainPredicateFailure(context, r.status());
  // [values, invalid]: the sets of indices of holding and of non-boolean predicates.
  if (r->solutions.empty() || !r->solutions[0].expressions[0].is_array() ||
      r->solutions[0].expressions[0].size() != 2) {
    return Status(ErrorCode::kInternal, "activation values have an unexpected shape");
  }
  std::span<const Value> sets = r->solutions[0].expressions[0].array();
  if (!sets[0].is_set() || !sets[1].is_set()) {
    return Status(ErrorCode::kInternal, "activation values have an unexpected shape");
  }
  if (sets[1].size() > 0) {  // [index, type name] of rule-ref predicates that are not boolean
    const Value& first = sets[1].set()[0];
    const internal::Leaf& leaf = program.activation.leaves[first.array()[0].small_int()];
    return internal::ManifestError(
        pack_->pack(), ErrorCode::kPredicateEvalError, leaf.pos,
        "predicate " + leaf.text + " is " + first.array()[1].string() + ", not boolean");
  }
  for (const Value& index : sets[0].set()) {
    if (index.is_small_int() && index.small_int() >= 0) out[index.small_int()] = 1;
  }
  return Status();
}

// The combined query failed; evaluate the predicates one by one to name the one at fault.
Status PackSession::ExplainPredicateFailure(const Value& context, const Status& cause) {
  const internal::PackProgram& program = *pack_->program_;
  options_.input = &context;
  for (size_t i = 0; i < program.queries.leaves.size(); ++i) {
    Result<rego::QueryResult> r = evaluator_->Eval(program.queries.leaves[i], options_);
    if (r.ok()) continue;
    const internal::Leaf& leaf = program.activation.leaves[i];
    return internal::ManifestError(
        pack_->pack(), ErrorCode::kPredicateEvalError, leaf.pos,
        "predicate \"" + leaf.text + "\" failed: " + r.status().ToString());
  }
  return Status(ErrorCode::kPredicateEvalError,
                "activation predicates failed: " + cause.ToString());
}

RuleOutcome PackSession::EvaluateBooleanQuery(uint32_t query, const Value& input) {
  options_.input = &input;
  Result<rego::QueryResult> r = evaluator_->Eval(query, options_);
  if (!r.ok()) return {RuleVerdict::kError, r.status()};
  if (r->solutions.empty()) return {RuleVerdict::kUndefined, Status()};
  // [<ref>] is a one-element array when defined.
  const Value& v = r->solutions[0].expressions[0].array()[0];
  if (!v.is_bool()) return {RuleVerdict::kNotBoolean, Status()};
  return {v.bool_value() ? RuleVerdict::kPass : RuleVerdict::kFalse, Status()};
}

RuleOutcome PackSession::EvaluateRule(size_t rule, const Value& input) {
  return EvaluateBooleanQuery(pack_->program_->queries.rules[rule].verdict, input);
}

RuleOutcome PackSession::EvaluateProperty(size_t property, const Value& input) {
  return EvaluateBooleanQuery(pack_->program_->queries.properties[property], input);
}

std::string PackSession::RenderReason(size_t rule, const Value& input) {
  const internal::RuleQueries& q = pack_->program_->queries.rules[rule];
  std::vector<std::string> values;
  values.reserve(q.placeholders.size());
  options_.input = &input;
  for (uint32_t query : q.placeholders) {
    Result<rego::QueryResult> r = evaluator_->Eval(query, options_);
    std::string text;
    if (!r.ok()) {
      text = kErrorPlaceholder;
    } else if (r->solutions.empty() || r->solutions[0].expressions[0].size() == 0) {
      text = kUndefinedPlaceholder;
    } else {
      AppendReasonValue(text, r->solutions[0].expressions[0]);
    }
    values.push_back(std::move(text));
  }
  return q.reason.Render(values);
}

}  // namespace tf::policy
