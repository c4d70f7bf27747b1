// File: smt/check_result.h
//
// The answer to one check or one diff: proved, a counterexample (an input, confirmed by running
// the interpreter on it, with what the interpreter decided), or unknown with the reason (a
// construct outside the encoded fragment with its file:line:col, a solver timeout, ...).
#ifndef TF_SMT_CHECK_RESULT_H_
#define TF_SMT_CHECK_RESULT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"
#include "smt/check.h"

namespace tf::smt {

enum class Verdict : uint8_t {
  kProved,          // holds for every input (a diff: the two versions are equivalent)
  kCounterexample,  // an input breaks it (a diff: an input the versions decide differently)
  kUnknown,         // neither could be shown; `reason` says why
};

// "proved", "counterexample", "unknown".
std::string_view VerdictName(Verdict verdict);

// What the interpreter decided for a counterexample: one line per query it ran.
struct Observation {
  std::string what;     // "data.retention.allow", "rule no_legal_hold (new)"
  std::string outcome;  // "true", "false", "undefined", "error: …", "inactive", a value
};

struct Counterexample {
  Value input;
  // Values of the symbolic data paths (AnalysisOptions::symbolic_data), by dotted path; an
  // empty object when there are none.
  Value data = Value::EmptyObject();
  std::vector<Observation> interpreter;
};

struct CheckResult {
  Check check;
  std::string name;  // what the check is called in reports (property name or CheckText)
  Verdict verdict = Verdict::kUnknown;
  std::string reason;             // for kUnknown
  Counterexample counterexample;  // for kCounterexample
  // The proof assumed input arrays of at most `array_bound` elements somewhere the schema
  // does not bound them.
  bool bounded = false;
  uint32_t array_bound = 0;
  // The interpreter disagreed with the encoding about the solver's model: a bug in the prover,
  // reported loudly; the verdict is then kUnknown and no counterexample is claimed.
  bool encoding_mismatch = false;
  double seconds = 0;
};

}  // namespace tf::smt

#endif  // TF_SMT_CHECK_RESULT_H_
