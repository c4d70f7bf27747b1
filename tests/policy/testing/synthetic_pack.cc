#include "policy/testing/synthetic_pack.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/random.h"

namespace tf::policy::testing {
namespace {

constexpr int kAlwaysActivePercent = 10;

struct Predicate {
  bool is_rule = false;  // a Rego rule (data.synth.pred.p<i>) or an inline query
  int64_t threshold = 0;
  // The condition in Rego, shared by the predicate and the rules it guards.
  std::string Condition(size_t i) const {
    std::string field = "input.a.a" + std::to_string(i);
    return field + (is_rule ? " >= " : " < ") + std::to_string(threshold);
  }
};

std::string Schema(const SyntheticPackOptions& o) {
  std::string out =
      "input_schema:\n  type: object\n  required: [a, c]\n  properties:\n"
      "    a:\n      type: object\n      properties:\n";
  for (size_t i = 0; i < o.predicates; ++i) {
    out += "        a" + std::to_string(i) + ": {type: integer, minimum: 0, maximum: 9}\n";
  }
  out += "    c:\n      type: object\n      properties:\n";
  for (size_t j = 0; j < o.rules; ++j) {
    out += "        c" + std::to_string(j) + ": {type: integer, minimum: 0, maximum: 9}\n";
  }
  return out;
}

}  // namespace

PackFiles MakeSyntheticPack(const SyntheticPackOptions& o) {
  SeededRandom random(o.seed);
  auto below = [&random](uint64_t n) { return random.NextU64() % n; };
  std::vector<Predicate> preds(o.predicates);
  std::string manifest = "id: synthetic.v1\nversion: \"1\"\npredicates:\n";
  std::string pred_rego = "package synth.pred\n\n";
  for (size_t i = 0; i < preds.size(); ++i) {
    preds[i] = {i % 2 == 0, static_cast<int64_t>(1 + below(9))};
    std::string name = "p" + std::to_string(i);
    if (preds[i].is_rule) {
      manifest += "  " + name + ": data.synth.pred." + name + "\n";
      pred_rego += name + " if " + preds[i].Condition(i) + "\n";
    } else {
      manifest += "  " + name + ": \"" + preds[i].Condition(i) + "\"\n";
    }
  }
  std::string rules_rego = "package synth\n\n";
  manifest += "rules:\n";
  for (size_t j = 0; j < o.rules; ++j) {
    std::vector<size_t> chosen;
    if (preds.size() > 0 && below(100) >= kAlwaysActivePercent) {
      size_t k = 1 + below(std::min(o.max_predicates_per_rule, preds.size()));
      while (chosen.size() < k) {
        size_t p = below(preds.size());
        if (std::find(chosen.begin(), chosen.end(), p) == chosen.end()) chosen.push_back(p);
      }
    }
    std::string r = "r" + std::to_string(j);
    std::string check = "input.c.c" + std::to_string(j) + " < " + std::to_string(1 + below(9));
    manifest += "  - id: " + r + "\n    ref: data.synth." + r +
                "\n    cost: " + std::to_string(below(o.max_cost + 1)) +
                "\n    severity: medium\n    reason: \"" + r + " failed for c" + std::to_string(j) +
                " = {input.c.c" + std::to_string(j) + "}\"\n    activation: [";
    std::string guard;
    for (size_t n = 0; n < chosen.size(); ++n) {
      manifest += (n ? ", p" : "p") + std::to_string(chosen[n]);
      guard += (n ? "; " : "") + preds[chosen[n]].Condition(chosen[n]);
    }
    manifest += "]\n";
    if (!o.guard_rules || chosen.empty()) {
      rules_rego += r + " if " + check + "\n";
      continue;
    }
    rules_rego += "active_" + r + " if { " + guard + " }\n";
    rules_rego += r + " if not active_" + r + "\n";
    rules_rego += r + " if { active_" + r + "; " + check + " }\n";
  }
  manifest += Schema(o);
  return {{"pack.yaml", manifest}, {"pred.rego", pred_rego}, {"synth.rego", rules_rego}};
}

}  // namespace tf::policy::testing
