// File: policy/decision.h
//
// The outcome of evaluating a plan over an input, in the server's decision format:
//
//   {"allow": bool, "violations": [{"rule": id, "reason": text}, …],
//    "plan_hash": "…", "pack_hash": "…", "input_hash": "…"}
//
// plus, for a pack with decision limits, "limits": [verdict, …] (LimitVerdictToValue) and
// "code" on each limit's violation.
//
// `allow` is true exactly when no rule of the plan is violated. A rule is violated unless its
// Rego rule is `true`: false, undefined, a non-boolean value and an evaluation error all
// violate it (fail closed). Violations come in plan order. input_hash is the hex SHA-256 of the
// RFC 8785 canonical input.
#ifndef TF_POLICY_DECISION_H_
#define TF_POLICY_DECISION_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "policy/graph_guard.h"
#include "policy/manifest.h"
#include "policy/pack_session.h"
#include "policy/plan.h"

namespace tf::policy {

struct Violation {
  std::string rule;    // rule id
  std::string reason;  // the rule's reason template, filled in
  Severity severity = Severity::kMedium;
  RuleVerdict verdict = RuleVerdict::kFalse;  // why it is violated
  Status error;      // for RuleVerdict::kError: what failed (not in the JSON)
  std::string code;  // a graph limit's reason code ("graph.degree_exceeded"); empty for rules
};

struct Decision {
  bool allow = false;
  std::vector<Violation> violations;
  Plan plan;
  std::string pack_hash;
  std::string input_hash;
  // The pack's graph limits checked for this decision (packs with `limits.node`), in check
  // order; an exceeded one is also a violation ("limits.<name>").
  std::vector<LimitVerdict> limits;
};

// The decision JSON above.
Value DecisionToValue(const Decision& decision);

// Hex SHA-256 of the RFC 8785 form of `input`; fails (kInvalidArgument) for an input without a
// canonical form (a number beyond double range, a non-string object key).
Result<std::string> InputHash(const Value& input);

}  // namespace tf::policy

#endif  // TF_POLICY_DECISION_H_
