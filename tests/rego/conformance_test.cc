// Runs OPA's own conformance suite (../shared/conformance/opa) and fails if the pass count drops
// below the floor reached so far. Raise kPassFloor whenever the engine passes more cases.
#include <gtest/gtest.h>

#include <filesystem>

#include "rego/conformance.h"

namespace tf::rego {
namespace {

constexpr size_t kPassFloor = 1708;
constexpr int64_t kFixedNow = 1700000000000000000;

TEST(ConformanceTest, OpaSuitePassRateDoesNotRegress) {
  std::string dir = std::string(TF_SHARED_DIR) + "/conformance/opa";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no conformance suite at " << dir;
  Result<ConformanceSummary> summary = RunConformance({dir}, kFixedNow);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  size_t total = summary->passed + summary->failed + summary->skipped;
  std::cout << summary->passed << " passed, " << summary->failed << " failed, " << summary->skipped
            << " skipped ("
            << (100.0 * static_cast<double>(summary->passed) / static_cast<double>(total))
            << "%)\n";
  EXPECT_GE(summary->passed, kPassFloor);
}

TEST(ConformanceTest, ProjectCasesAllPass) {
  Result<ConformanceSummary> summary =
      RunConformance({std::string(TF_SOURCE_DIR) + "/tests/rego/cases"}, kFixedNow);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  for (const CaseResult& r : summary->cases) {
    EXPECT_EQ(r.outcome, CaseOutcome::kPass)
        << r.file << ": " << r.note << "\n  expected: " << r.expected << "\n  got: " << r.got;
  }
  EXPECT_GT(summary->passed, 0u);
}

}  // namespace
}  // namespace tf::rego
