#include "policy/basic_selector.h"

namespace tf::policy {

bool IsRuleActive(const CompiledPack& pack, size_t rule, std::span<const uint8_t> predicates) {
  for (uint32_t p : pack.rule_predicates(rule)) {
    if (predicates[p] == 0) return false;
  }
  return true;
}

Status BasicSelector::Select(const SelectionInput& in, std::vector<SelectedRule>& out) const {
  out.clear();
  for (size_t i = 0; i < in.pack.num_rules(); ++i) {
    if (!IsRuleActive(in.pack, i, in.predicates)) continue;
    const RuleSpec& rule = in.pack.rule(i);
    out.push_back({static_cast<uint32_t>(i), rule.cost, &rule.activation});
  }
  return Status();
}

Status ExhaustiveSelector::Select(const SelectionInput& in, std::vector<SelectedRule>& out) const {
  out.clear();
  for (size_t i = 0; i < in.pack.num_rules(); ++i) {
    out.push_back({static_cast<uint32_t>(i), in.pack.rule(i).cost, nullptr});
  }
  return Status();
}

}  // namespace tf::policy
