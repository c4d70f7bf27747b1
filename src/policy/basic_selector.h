// File: policy/basic_selector.h
//
// BasicSelector: a rule is active when all its activation predicates hold; it costs what the
// manifest says. ExhaustiveSelector: every rule, at its manifest cost, whatever the predicates
// (the baseline for checking that activation never changes a verdict, and a debugging aid).
#ifndef TF_POLICY_BASIC_SELECTOR_H_
#define TF_POLICY_BASIC_SELECTOR_H_

#include "policy/rule_selector.h"

namespace tf::policy {

class BasicSelector final : public RuleSelector {
 public:
  std::string_view name() const override { return "basic"; }
  Status Select(const SelectionInput& in, std::vector<SelectedRule>& out) const override;
};

class ExhaustiveSelector final : public RuleSelector {
 public:
  std::string_view name() const override { return "all"; }
  Status Select(const SelectionInput& in, std::vector<SelectedRule>& out) const override;
};

}  // namespace tf::policy

#endif  // TF_POLICY_BASIC_SELECTOR_H_
