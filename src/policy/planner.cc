#include "policy/planner.h"

#include <algorithm>
#include <charconv>

#include "core/canonical_json.h"
#include "core/sha256.h"
#include "policy/internal/pack_program.h"

namespace tf::policy {
namespace {

Status CheckSelection(const CompiledPack& pack, std::span<const SelectedRule> selection) {
  std::vector<uint8_t> seen(pack.num_rules(), 0);
  for (const SelectedRule& s : selection) {
    if (s.rule >= pack.num_rules()) {
      return Internal("selection names rule index " + std::to_string(s.rule));
    }
    if (seen[s.rule]++ != 0)
      return Internal("selection names rule " + pack.rule(s.rule).id + " twice");
    if (s.cost > kMaxRuleCost) return Status(ErrorCode::kOutOfRange, "cost above the maximum");
  }
  return Status();
}

// Appends an integer below 2^53 as RFC 8785 writes it: plain digits.
void AppendCount(std::string& out, uint64_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), n);
  out.append(buf, end);
}

Result<std::string> EntriesJson(const std::vector<PredicateEntry>& entries) {
  std::vector<Value> texts;
  for (const PredicateEntry& e : entries)
    texts.push_back(Value::String(e.text));
  return CanonicalJson(Value::Array(std::move(texts)));
}

}  // namespace

namespace internal {

Result<PlanFragments> MakePlanFragments(const Manifest& manifest, const std::string& pack_hash) {
  PlanFragments f;
  std::vector<uint32_t> by_id;
  for (uint32_t i = 0; i < manifest.rules.size(); ++i) {
    const RuleSpec& rule = manifest.rules[i];
    TF_ASSIGN_OR_RETURN(std::string id, CanonicalJson(Value::String(rule.id)));
    TF_ASSIGN_OR_RETURN(std::string reason, EntriesJson(rule.activation));
    f.id_json.push_back(std::move(id));
    f.reason_json.push_back(std::move(reason));
    by_id.push_back(i);
  }
  std::sort(by_id.begin(), by_id.end(),
            [&](uint32_t a, uint32_t b) { return manifest.rules[a].id < manifest.rules[b].id; });
  f.id_rank.resize(by_id.size());
  for (uint32_t rank = 0; rank < by_id.size(); ++rank)
    f.id_rank[by_id[rank]] = rank;
  TF_ASSIGN_OR_RETURN(std::string hash, CanonicalJson(Value::String(pack_hash)));
  TF_ASSIGN_OR_RETURN(std::string id, CanonicalJson(Value::String(manifest.id)));
  f.pack_hash_field = "\"pack_hash\":" + hash;
  f.policy_id_field = "\"policy_id\":" + id;
  return f;
}

}  // namespace internal

// Writes the plan document in RFC 8785 form directly: keys in the fixed order active_rules,
// cost, cost_sum, order, pack_hash, plan_hash, policy_id, reason (§3.2.3), rule ids in byte
// order, integers as plain digits (they stay below 2^53, §3.2.2.3). plan_hash is the SHA-256 of
// the document without it, then inserted in its place.
Result<Plan> Planner::Build(const CompiledPack& pack, std::span<const SelectedRule> selection) {
  TF_RETURN_IF_ERROR(CheckSelection(pack, selection));
  const internal::PlanFragments& f = pack.program_->fragments;
  std::vector<SelectedRule> by_id(selection.begin(), selection.end());
  std::sort(by_id.begin(), by_id.end(), [&](const SelectedRule& a, const SelectedRule& b) {
    return f.id_rank[a.rule] < f.id_rank[b.rule];
  });
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
  std::string& doc = plan.canonical_json;
  doc.reserve(256 + 64 * by_id.size());
  doc += "{\"active_rules\":[";
  for (size_t i = 0; i < by_id.size(); ++i)
    (doc += i ? "," : "") += f.id_json[by_id[i].rule];
  doc += "],\"cost\":{";
  for (size_t i = 0; i < by_id.size(); ++i) {
    ((doc += i ? "," : "") += f.id_json[by_id[i].rule]) += ':';
    AppendCount(doc, by_id[i].cost);
  }
  doc += "},\"cost_sum\":";
  AppendCount(doc, plan.cost_sum);
  doc += ",\"order\":[";
  for (size_t i = 0; i < by_cost.size(); ++i)
    (doc += i ? "," : "") += f.id_json[by_cost[i].rule];
  (doc += "],") += f.pack_hash_field;
  const size_t plan_hash_at = doc.size();
  (doc += ",") += f.policy_id_field;
  doc += ",\"reason\":{";
  for (size_t i = 0; i < by_id.size(); ++i) {
    const SelectedRule& s = by_id[i];
    ((doc += i ? "," : "") += f.id_json[s.rule]) += ":";
    if (s.activated_by == nullptr || s.activated_by->empty()) {
      doc += "[]";
    } else if (s.activated_by == &pack.rule(s.rule).activation) {
      doc += f.reason_json[s.rule];
    } else {
      TF_ASSIGN_OR_RETURN(std::string custom, EntriesJson(*s.activated_by));
      doc += custom;
    }
  }
  doc += "}}";
  plan.plan_hash = DigestHex(Sha256(doc));
  doc.insert(plan_hash_at, ",\"plan_hash\":\"" + plan.plan_hash + "\"");
  plan.pack_hash = pack.hash();
  return plan;
}

}  // namespace tf::policy
