#include "smt/prover.h"

#include <gtest/gtest.h>

#include "core/json.h"

namespace tf::smt {
namespace {

PolicyModel Model(std::string text) {
  PolicyModel m;
  m.id = "test.v1";
  m.modules = {{"policy.rego", std::move(text)}};
  return m;
}

CheckResult ProveOne(const PolicyModel& m, const std::string& check) {
  Result<Check> c = ParseCheck(check);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  Result<std::vector<CheckResult>> r = Prove(m, {*c}, {});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return (*r)[0];
}

TEST(ProverTest, GreaterThanIsNotAlwaysTrue) {
  PolicyModel m = Model("package p\nallow if input.x > 1\n");
  CheckResult r = ProveOne(m, "always_allows(data.p.allow)");
  EXPECT_EQ(r.verdict, Verdict::kCounterexample) << r.reason;
  std::cout << ToJson(r.counterexample.input) << " " << r.counterexample.interpreter[0].outcome
            << "\n";
}

TEST(ProverTest, ImplicationHolds) {
  PolicyModel m = Model("package p\nallow if input.x > 10\nbig if input.x > 5\n");
  CheckResult r = ProveOne(m, "implies(data.p.allow, data.p.big)");
  EXPECT_EQ(r.verdict, Verdict::kProved) << r.reason;
}

}  // namespace
}  // namespace tf::smt
