// File: policy/pack_session.h
//
// Evaluation of one compiled pack for one request: the activation predicates over a context,
// single rules over an input, reasons for violated rules, and proofs.rego's properties. A
// session borrows an evaluator from the pack and gives it back when destroyed; use it from one
// thread at a time. Every query runs with strict builtin errors, so a builtin error is an error,
// never a quietly undefined (and so possibly passing) rule.
//
//   tf::policy::PackSession session = pack.OpenSession({.now_ns = clock.NowNanos()});
//   TF_ASSIGN_OR_RETURN(std::vector<uint8_t> holds, session.EvaluatePredicates(context));
//   tf::policy::RuleOutcome o = session.EvaluateRule(0, input);
#ifndef TF_POLICY_PACK_SESSION_H_
#define TF_POLICY_PACK_SESSION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "policy/compiled_pack.h"
#include "rego/evaluator.h"

namespace tf::policy {

// What a rule's Rego ref evaluated to. Only kPass passes; everything else is a violation (the
// verdict semantics of docs/PACKS.md: fail closed).
enum class RuleVerdict : uint8_t {
  kPass = 0,        // true
  kFalse = 1,       // false
  kUndefined = 2,   // no value
  kNotBoolean = 3,  // a value other than a boolean
  kError = 4,       // evaluation failed (type error, builtin error, conflict, budget)
};

// "pass", "false", "undefined", "not_boolean", "error".
std::string_view RuleVerdictName(RuleVerdict verdict);

struct RuleOutcome {
  RuleVerdict verdict = RuleVerdict::kPass;
  Status error;  // for kError
};

class PackSession {
 public:
  PackSession(PackSession&& other) noexcept;
  PackSession& operator=(PackSession&&) = delete;
  ~PackSession();

  // Whether each predicate (CompiledPack::predicate(i)) holds for `context`: 1 or 0. Fails with
  // kPredicateEvalError naming the predicate and its pack.yaml position when one fails to
  // evaluate or a rule-ref predicate is not boolean. `out` is reused to avoid allocations.
  Status EvaluatePredicates(const Value& context, std::vector<uint8_t>& out);

  RuleOutcome EvaluateRule(size_t rule, const Value& input);

  // The rule's reason template filled in for `input` (see policy/reason_template.h).
  std::string RenderReason(size_t rule, const Value& input);

  // Property i of CompiledPack::properties() for `input`.
  RuleOutcome EvaluateProperty(size_t property, const Value& input);

 private:
  friend class CompiledPack;
  PackSession(const CompiledPack& pack, const SessionOptions& options);
  RuleOutcome EvaluateBooleanQuery(uint32_t query, const Value& input);
  Status ExplainPredicateFailure(const Value& context, const Status& cause);

  const CompiledPack* pack_;
  std::unique_ptr<rego::Evaluator> evaluator_;
  rego::EvalOptions options_;
};

}  // namespace tf::policy

#endif  // TF_POLICY_PACK_SESSION_H_
