// File: policy/rule_selector.h
//
// A RuleSelector decides which rules of a pack a context needs and what each costs; the Planner
// (policy/planner.h) then orders them into a plan. Selectors see the truth of every activation
// predicate (evaluated once per request by the orchestrator) and the context itself.
//
//   BasicSelector       rules whose predicates all hold, at their manifest cost
//   WeightedSelector    the same rules, at costs from a weights file
//   ExhaustiveSelector  every rule (the reference the others are checked against)
//
// Selectors are immutable and thread-safe; one instance serves every request.
#ifndef TF_POLICY_RULE_SELECTOR_H_
#define TF_POLICY_RULE_SELECTOR_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "policy/compiled_pack.h"

namespace tf::policy {

struct SelectedRule {
  uint32_t rule = 0;  // index into CompiledPack::rule()
  uint64_t cost = 0;  // at most kMaxRuleCost
  // The rule's activation entries that activated it (its `reason` in the plan); null or empty
  // for a rule selected without predicates. Points into the pack's manifest.
  const std::vector<PredicateEntry>* activated_by = nullptr;
};

struct SelectionInput {
  const CompiledPack& pack;
  const Value& context;
  std::span<const uint8_t> predicates;  // 1 when CompiledPack::predicate(i) holds
};

class RuleSelector {
 public:
  virtual ~RuleSelector() = default;
  // The selector's name in metrics and the CLI ("basic", "weighted", "all").
  virtual std::string_view name() const = 0;
  // Fills `out` (cleared first) with the chosen rules, each at most once, in any order.
  virtual Status Select(const SelectionInput& in, std::vector<SelectedRule>& out) const = 0;
};

// Fills `out` (cleared first) with the active rules (every predicate holds; always for a rule
// without predicates) in index order, each at costs[rule] and activated by its own entries.
void SelectActiveRules(const SelectionInput& in, std::span<const uint64_t> costs,
                       std::vector<SelectedRule>& out);

}  // namespace tf::policy

#endif  // TF_POLICY_RULE_SELECTOR_H_
