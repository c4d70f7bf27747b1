// File: rego/test_runner.h
//
// Finds and runs the test rules of a set of policies, as `opa test` does: every rule whose name
// starts with `test_` is a test; it passes when its value is true. Rules named `todo_` are
// skipped.
#ifndef TF_REGO_TEST_RUNNER_H_
#define TF_REGO_TEST_RUNNER_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "rego/loader.h"

namespace tf::rego {

struct TestOutcome {
  std::string name;  // data.pkg.test_x
  bool passed = false;
  std::string message;  // why it failed: undefined, a value, or an error
};

struct TestReport {
  size_t passed = 0;
  size_t failed = 0;
  std::vector<TestOutcome> tests;
};

// Fails only when the policies do not compile.
Result<TestReport> RunRegoTests(const LoadedFiles& files, int64_t now_ns);

}  // namespace tf::rego

#endif  // TF_REGO_TEST_RUNNER_H_
