// File: smt/diff.h
//
// Compares two versions of a policy pack rule by rule: for each decision rule, either the two
// versions decide it alike for every input both input schemas admit (`proved`: equivalent), or
// a distinguishing input, re-run through the interpreter on both versions, with both decisions.
//
// A rule's decision for an input is what the pack orchestrator makes of it: `inactive` when
// one of its activation predicates does not hold, `error` when one of them fails, otherwise the
// outcome of its Rego rule (true, false, undefined, a non-boolean value, error). A rule that
// only one version has is `inactive` in the other.
//
//   tf::Result<std::vector<tf::smt::CheckResult>> d = tf::smt::Diff(old_model, new_model, "", {});
//   for (const auto& r : *d) std::cout << r.name << ": " << VerdictName(r.verdict);
#ifndef TF_SMT_DIFF_H_
#define TF_SMT_DIFF_H_

#include <string_view>
#include <vector>

#include "core/status.h"
#include "smt/analysis_options.h"
#include "smt/check_result.h"
#include "smt/policy_model.h"

namespace tf::smt {

// One result per rule id of either version (`rule` empty), or for `rule` alone. The result's
// name is the rule id; counterexample observations are "<rule> (old)" and "<rule> (new)".
// Errors (not answers): a version does not compile, `rule` is in neither version
// (kSmtCheckInvalid).
Result<std::vector<CheckResult>> Diff(const PolicyModel& old_model, const PolicyModel& new_model,
                                      std::string_view rule, const AnalysisOptions& options);

}  // namespace tf::smt

#endif  // TF_SMT_DIFF_H_
