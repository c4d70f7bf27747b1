// File: smt/prover.h
//
// Proves checks (check.h) about one policy: each answer is proved, a counterexample confirmed by
// the interpreter, or unknown with the reason. Properties quantify over every input the pack's
// input schema admits (every JSON value without a schema), with input arrays bounded by
// AnalysisOptions::array_bound where the schema does not bound them (the result says so).
//
//   tf::Result<std::vector<tf::smt::CheckResult>> results =
//       tf::smt::Prove(model, tf::smt::PropertyChecks(model), {});
//   for (const auto& r : *results) std::cout << r.name << ": " << VerdictName(r.verdict);
#ifndef TF_SMT_PROVER_H_
#define TF_SMT_PROVER_H_

#include <string_view>
#include <vector>

#include "core/status.h"
#include "smt/analysis_options.h"
#include "smt/check.h"
#include "smt/check_result.h"
#include "smt/policy_model.h"

namespace tf::smt {

// One kProperty check per property of the model, in the model's order.
std::vector<Check> PropertyChecks(const PolicyModel& model);

// The property checks whose name (`property_x`, or its full ref) is `name`; kSmtCheckInvalid
// when there is none.
Result<std::vector<Check>> PropertyChecksNamed(const PolicyModel& model, std::string_view name);

// Answers every check. Errors (not answers): the modules do not compile, or a check names no
// rule, property or document (kSmtCheckInvalid).
Result<std::vector<CheckResult>> Prove(const PolicyModel& model, const std::vector<Check>& checks,
                                       const AnalysisOptions& options);

}  // namespace tf::smt

#endif  // TF_SMT_PROVER_H_
