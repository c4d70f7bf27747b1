// File: smt/analysis_options.h
//
// Settings shared by proofs, diffs and the gate.
#ifndef TF_SMT_ANALYSIS_OPTIONS_H_
#define TF_SMT_ANALYSIS_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace tf::smt {

inline constexpr uint32_t kDefaultArrayBound = 8;
inline constexpr uint32_t kDefaultTimeoutMs = 20000;

struct AnalysisOptions {
  // Input arrays longer than this are not considered. A result over arrays the schema does not
  // bound within this length says so ("for arrays of up to N elements").
  uint32_t array_bound = kDefaultArrayBound;
  // Solver time per check; beyond it the answer is `unknown`.
  uint32_t timeout_ms = kDefaultTimeoutMs;
  // As the pack orchestrator evaluates rules: a builtin error is an error, not undefined.
  bool strict_builtin_errors = true;
  // Documents below data (dotted paths, "limits.export") treated as unknown, like the input:
  // a proof then holds for every value of them, and counterexamples say which value breaks it.
  std::vector<std::string> symbolic_data;
};

}  // namespace tf::smt

#endif  // TF_SMT_ANALYSIS_OPTIONS_H_
