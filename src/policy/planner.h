// File: policy/planner.h
//
// The Planner orders a selection into a plan: by cost ascending, ties by rule id ascending (byte
// order), so the same selection always gives the same order, document and hash; there is no
// randomness and no dependence on the selection's order.
//
//   std::vector<tf::policy::SelectedRule> chosen = ...;  // from a RuleSelector
//   TF_ASSIGN_OR_RETURN(tf::policy::Plan plan, tf::policy::Planner::Build(pack, chosen));
#ifndef TF_POLICY_PLANNER_H_
#define TF_POLICY_PLANNER_H_

#include <span>

#include "core/status.h"
#include "policy/compiled_pack.h"
#include "policy/plan.h"
#include "policy/rule_selector.h"

namespace tf::policy {

class Planner {
 public:
  // Fails with kInternal when the selection names a rule twice or a rule the pack lacks (a
  // selector bug), or kOutOfRange for a cost above kMaxRuleCost.
  static Result<Plan> Build(const CompiledPack& pack, std::span<const SelectedRule> selection);
};

}  // namespace tf::policy

#endif  // TF_POLICY_PLANNER_H_
