#include "policy/planner.h"

#include <algorithm>

#include "core/canonical_json.h"
#include "core/sha256.h"

namespace tf::policy {
namespace {

Value Str(std::string_view s) {
  return Value::String(s);
}

Value Count(uint64_t n) {
  return Value::FromNumber(Number::FromUint64(n));
}

Status CheckSelection(const CompiledPack& pack, std::span<const SelectedRule> selection) {
  std::vector<uint8_t> seen(pack.num_rules(), 0);
  for (const SelectedRule& s : selection) {
    if (s.rule >= pack.num_rules())
      return Internal("selection names rule index " + std::to_string(s.rule));
    if (seen[s.rule]++ != 0)
      return Internal("selection names rule " + pack.rule(s.rule).id + " twice");
    if (s.cost > kMaxRuleCost) return Status(ErrorCode::kOutOfRange, "cost above the maximum");
  }
  return Status();
}

// The document without plan_hash. `by_id` is the selection sorted by rule id.
Value PlanDocument(const CompiledPack& pack, const std::vector<SelectedRule>& by_id,
                   const std::vector<PlannedRule>& order, uint64_t cost_sum) {
  std::vector<Value> active, ordered;
  std::vector<ObjectEntry> costs, reasons;
  active.reserve(by_id.size());
  costs.reserve(by_id.size());
  reasons.reserve(by_id.size());
  for (const SelectedRule& s : by_id) {
    Value id = Str(pack.rule(s.rule).id);
    active.push_back(id);
    costs.emplace_back(id, Count(s.cost));
    std::vector<Value> why;
    if (s.activated_by != nullptr) {
      for (const PredicateEntry& e : *s.activated_by)
        why.push_back(Str(e.text));
    }
    reasons.emplace_back(std::move(id), Value::Array(std::move(why)));
  }
  ordered.reserve(order.size());
  for (const PlannedRule& p : order)
    ordered.push_back(Str(pack.rule(p.rule).id));
  return Value::Object({
      {Str("active_rules"), Value::Array(std::move(active))},
      {Str("cost"), Value::ObjectFromSorted(std::move(costs))},
      {Str("cost_sum"), Count(cost_sum)},
      {Str("order"), Value::Array(std::move(ordered))},
      {Str("pack_hash"), Str(pack.hash())},
      {Str("policy_id"), Str(pack.id())},
      {Str("reason"), Value::ObjectFromSorted(std::move(reasons))},
  });
}

}  // namespace

Result<Plan> Planner::Build(const CompiledPack& pack, std::span<const SelectedRule> selection) {
  TF_RETURN_IF_ERROR(CheckSelection(pack, selection));
  auto id_of = [&pack](const SelectedRule& s) -> const std::string& {
    return pack.rule(s.rule).id;
  };
  std::vector<SelectedRule> by_id(selection.begin(), selection.end());
  std::sort(by_id.begin(), by_id.end(),
            [&](const SelectedRule& a, const SelectedRule& b) { return id_of(a) < id_of(b); });
  std::vector<SelectedRule> by_cost = by_id;
  // Stable on an id-sorted sequence: equal costs keep id order.
  std::stable_sort(by_cost.begin(), by_cost.end(),
                   [](const SelectedRule& a, const SelectedRule& b) { return a.cost < b.cost; });

  Plan plan;
  plan.order.reserve(by_cost.size());
  for (const SelectedRule& s : by_cost) {
    plan.order.push_back({s.rule, s.cost});
    plan.cost_sum += s.cost;  // at most kMaxRules * kMaxRuleCost < 2^53
  }
  plan.document = PlanDocument(pack, by_id, plan.order, plan.cost_sum);
  TF_ASSIGN_OR_RETURN(std::string canonical, CanonicalJson(plan.document));
  plan.plan_hash = DigestHex(Sha256(canonical));
  plan.document.ObjectInsertIfAbsent(Str("plan_hash"), Str(plan.plan_hash));
  return plan;
}

}  // namespace tf::policy
