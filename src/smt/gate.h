// File: smt/gate.h
//
// The proofs gate for one pack against its baseline (the version before the change under
// review). The pack passes when
//   - it is unchanged (equal pack hashes), or
//   - every property is proved, and every rule whose decision changed (Diff finds an input the
//     two versions decide differently, or cannot show there is none) is either
//       - accepted: an `accepted_changes` entry of the new version (`since` equal to its
//         version) says the change was meant, or
//       - covered: a property of the new version that is proved constrains the rule. A property
//         constrains rule R when evaluating it may evaluate R's Rego document (transitively,
//         through the rule dependency graph of the compiled IR: internal/dependencies.h) and
//         every activation predicate of R that is a rule ref; R must be in both versions with
//         the same inline activation predicates, which no property can see.
// A pack without a baseline (new) must prove its properties.
//
//   tf::Result<tf::smt::GateReport> g = tf::smt::Gate(&baseline, current, {});
//   if (!g->passed()) for (const auto& f : g->failures) std::cerr << f << "\n";
#ifndef TF_SMT_GATE_H_
#define TF_SMT_GATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "smt/analysis_options.h"
#include "smt/check_result.h"
#include "smt/policy_model.h"

namespace tf::smt {

enum class GateState : uint8_t { kUnchanged, kNew, kChanged };

// "unchanged", "new", "changed".
std::string_view GateStateName(GateState state);

struct RuleChange {
  CheckResult diff;       // verdict kCounterexample or kUnknown
  bool accepted = false;  // an accepted_changes entry of the new version says it was meant
  std::string accepted_because;
  std::vector<std::string> covered_by;               // proved properties that constrain the rule
  std::vector<std::string> constrained_by_unproved;  // properties that would, were they proved

  bool passes() const { return accepted || !covered_by.empty(); }
};

struct GateReport {
  GateState state = GateState::kUnchanged;
  std::vector<CheckResult> properties;  // empty when unchanged
  std::vector<RuleChange> changes;      // rules whose decision changed or may have changed
  std::vector<std::string> failures;    // one line per reason the pack fails the gate

  bool passed() const { return failures.empty(); }
};

// `baseline` is nullptr for a pack the baseline does not have. Errors (not verdicts): a version
// does not compile.
Result<GateReport> Gate(const PolicyModel* baseline, const PolicyModel& current,
                        const AnalysisOptions& options);

}  // namespace tf::smt

#endif  // TF_SMT_GATE_H_
