// File: rego/conformance.h
//
// Runs test cases in OPA's own case format (the files under OPA's test/cases/testdata, see
// ../shared/conformance/opa/README.md): modules, data, input or input_term, a query, and one
// expectation (want_result, or want_error_code / want_error). Used by `proof conformance` and
// by the CTest ratchet over OPA's suite.
#ifndef TF_REGO_CONFORMANCE_H_
#define TF_REGO_CONFORMANCE_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"

namespace tf::rego {

enum class CaseOutcome : uint8_t { kPass, kFail, kSkip };

struct CaseResult {
  std::string file;
  std::string note;
  CaseOutcome outcome = CaseOutcome::kFail;
  std::string expected;  // JSON of the expected results, or the expected error
  std::string got;       // JSON of our results, or our error
};

struct ConformanceSummary {
  size_t passed = 0;
  size_t failed = 0;
  size_t skipped = 0;
  std::vector<CaseResult> cases;
};

// Runs one case (a JSON object of the format above).
CaseResult RunConformanceCase(const Value& test_case, int64_t now_ns);

// Runs every case of every *.json file under each of `paths` (files or directories, searched
// recursively, in sorted order). Fails only if a path cannot be read or a file is not a case file.
Result<ConformanceSummary> RunConformance(const std::vector<std::string>& paths, int64_t now_ns);

}  // namespace tf::rego

#endif  // TF_REGO_CONFORMANCE_H_
