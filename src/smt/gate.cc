// The proofs gate: properties proved, decision changes accepted.
#include "smt/gate.h"

#include "smt/diff.h"
#include "smt/prover.h"

namespace tf::smt {
namespace {

const AcceptedChange* Acceptance(const PolicyModel& current, const std::string& rule) {
  for (const AcceptedChange& c : current.accepted_changes) {
    if (c.rule == rule && c.since == current.version) return &c;
  }
  return nullptr;
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
  for (CheckResult& d : diffs) {
    if (d.verdict == Verdict::kProved) continue;
    RuleChange change;
    change.diff = std::move(d);
    if (const AcceptedChange* a = Acceptance(current, change.diff.name)) {
      change.accepted = true;
      change.accepted_because = a->description;
    } else if (change.diff.verdict == Verdict::kCounterexample) {
      out.failures.push_back("rule " + change.diff.name + " decides differently than in " +
                             baseline->version + " without an accepted_changes entry (rule: " +
                             change.diff.name + ", since: " + current.version + ")");
    } else {
      out.failures.push_back("rule " + change.diff.name +
                             ": cannot show its decision is unchanged (" + change.diff.reason +
                             ")");
    }
    out.changes.push_back(std::move(change));
  }
  return out;
}

}  // namespace tf::smt
