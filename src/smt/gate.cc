// The proofs gate: properties proved, decision changes accepted or covered by a property.
#include "smt/gate.h"

#include <algorithm>
#include <map>
#include <set>

#include "rego/ir.h"
#include "smt/diff.h"
#include "smt/internal/dependencies.h"
#include "smt/internal/queries.h"
#include "smt/prover.h"

namespace tf::smt {
namespace {

const AcceptedChange* Acceptance(const PolicyModel& current, const std::string& rule) {
  for (const AcceptedChange& c : current.accepted_changes) {
    if (c.rule == rule && c.since == current.version) return &c;
  }
  return nullptr;
}

std::vector<std::string> InlineActivation(const PolicyModel& model, const DecisionRule& rule) {
  std::vector<std::string> out;
  for (uint32_t leaf : rule.leaves) {
    if (!model.leaves[leaf].rule_ref) out.push_back(model.leaves[leaf].text);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool Intersects(const std::set<rego::ir::FuncId>& a, const std::set<rego::ir::FuncId>& b) {
  return std::any_of(a.begin(), a.end(), [&](rego::ir::FuncId f) { return b.contains(f); });
}

// Which properties of `current` constrain each rule that is in both versions with the same
// inline activation predicates: by rule id, the indexes into current.properties.
Result<std::map<std::string, std::vector<size_t>>> ConstrainingProperties(
    const PolicyModel& baseline, const PolicyModel& current) {
  std::vector<std::string> queries;
  for (const std::string& ref : current.properties)
    queries.push_back(internal::RefQuery(ref));
  TF_ASSIGN_OR_RETURN(rego::CompiledPolicy policy,
                      rego::CompiledPolicy::Compile(current.modules, queries));
  const rego::ir::Program& program = policy.program();
  std::vector<std::set<rego::ir::FuncId>> reachable;
  for (size_t i = 0; i < queries.size(); ++i)
    reachable.push_back(internal::ReachableFuncs(program, i));
  std::map<std::string, std::vector<size_t>> out;
  for (const DecisionRule& rule : current.rules) {
    const DecisionRule* before = baseline.FindRule(rule.id);
    if (before == nullptr || InlineActivation(baseline, *before) != InlineActivation(current, rule))
      continue;
    // The rule's document, then each activation predicate that is a rule: all constrained.
    std::vector<std::set<rego::ir::FuncId>> needed = {internal::DocumentFuncs(program, rule.ref)};
    for (uint32_t leaf : rule.leaves) {
      if (current.leaves[leaf].rule_ref)
        needed.push_back(internal::DocumentFuncs(program, current.leaves[leaf].text));
    }
    for (size_t i = 0; i < reachable.size(); ++i) {
      bool constrains = std::all_of(needed.begin(), needed.end(), [&](const auto& funcs) {
        return Intersects(funcs, reachable[i]);
      });
      if (constrains) out[rule.id].push_back(i);
    }
  }
  return out;
}

}  // namespace

std::string_view GateStateName(GateState state) {
  switch (state) {
    case GateState::kUnchanged:
      return "unchanged";
    case GateState::kNew:
      return "new";
    case GateState::kChanged:
      return "changed";
  }
  return "changed";
}

Result<GateReport> Gate(const PolicyModel* baseline, const PolicyModel& current,
                        const AnalysisOptions& options) {
  GateReport out;
  if (baseline != nullptr && !current.hash.empty() && baseline->hash == current.hash) {
    out.state = GateState::kUnchanged;
    return out;
  }
  out.state = baseline == nullptr ? GateState::kNew : GateState::kChanged;
  TF_ASSIGN_OR_RETURN(out.properties, Prove(current, PropertyChecks(current), options));
  for (const CheckResult& p : out.properties) {
    if (p.verdict == Verdict::kProved) continue;
    out.failures.push_back("property " + p.name + " is not proved (" +
                           std::string(VerdictName(p.verdict)) + ")");
  }
  if (baseline == nullptr) return out;
  TF_ASSIGN_OR_RETURN(std::vector<CheckResult> diffs, Diff(*baseline, current, "", options));
  if (std::all_of(diffs.begin(), diffs.end(),
                  [](const CheckResult& d) { return d.verdict == Verdict::kProved; })) {
    return out;
  }
  TF_ASSIGN_OR_RETURN(auto constraining, ConstrainingProperties(*baseline, current));
  for (CheckResult& d : diffs) {
    if (d.verdict == Verdict::kProved) continue;
    RuleChange change;
    change.diff = std::move(d);
    const std::string& id = change.diff.name;
    if (const AcceptedChange* a = Acceptance(current, id)) {
      change.accepted = true;
      change.accepted_because = a->description;
    }
    for (size_t i : constraining[id]) {
      const CheckResult& p = out.properties[i];
      (p.verdict == Verdict::kProved ? change.covered_by : change.constrained_by_unproved)
          .push_back(p.name);
    }
    if (!change.passes()) {
      std::string unproved;
      for (const std::string& p : change.constrained_by_unproved)
        unproved += (unproved.empty() ? "" : ", ") + p;
      std::string why = change.diff.verdict == Verdict::kCounterexample
                            ? "decides differently than in " + baseline->version
                            : "cannot be shown to decide as in " + baseline->version + " (" +
                                  change.diff.reason + ")";
      out.failures.push_back(
          "rule " + id + " " + why + " without a proved property constraining it" +
          (unproved.empty() ? "" : " (" + unproved + " would, but is not proved)") +
          " or an accepted_changes entry (rule: " + id + ", since: " + current.version + ")");
    }
    out.changes.push_back(std::move(change));
  }
  return out;
}

}  // namespace tf::smt
