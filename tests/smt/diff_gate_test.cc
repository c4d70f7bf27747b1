// Policy diff and the proofs gate over the example packs and their variants under
// tests/smt/packs: an unchanged pack, a meant change (accepted) and a broken one.
#include <gtest/gtest.h>

#include "cli/pack_model.h"
#include "core/json.h"
#include "smt/diff.h"
#include "smt/gate.h"

namespace tf::smt {
namespace {

PolicyModel Load(const std::string& rel) {
  Result<PolicyModel> m = cli::LoadPackModel(std::string(TF_SOURCE_DIR) + "/" + rel);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? std::move(*m) : PolicyModel{};
}

TEST(DiffTest, SamePackIsEquivalent) {
  PolicyModel a = Load("examples/packs/retention.v1");
  Result<std::vector<CheckResult>> d = Diff(a, a, "", {});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->size(), a.rules.size());
  for (const CheckResult& r : *d)
    EXPECT_EQ(r.verdict, Verdict::kProved) << r.name << " " << r.reason;
}

TEST(DiffTest, ChangedRetentionPeriodDiffers) {
  PolicyModel a = Load("examples/packs/retention.v1");
  PolicyModel b = Load("tests/smt/packs/accepted/retention.v1");
  Result<std::vector<CheckResult>> d = Diff(a, b, "retention_period_elapsed", {});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->size(), 1u);
  const CheckResult& r = (*d)[0];
  ASSERT_EQ(r.verdict, Verdict::kCounterexample) << r.reason;
  // Only an email between 365 and 399 days old tells the versions apart.
  const Value& record = *r.counterexample.input.Find("record");
  EXPECT_EQ(ToJson(*record.Find("class")), "\"email\"");
  ASSERT_EQ(r.counterexample.interpreter.size(), 2u);
  EXPECT_NE(r.counterexample.interpreter[0].outcome, r.counterexample.interpreter[1].outcome);
  Result<std::vector<CheckResult>> other = Diff(a, b, "no_legal_hold", {});
  ASSERT_TRUE(other.ok());
  EXPECT_EQ((*other)[0].verdict, Verdict::kProved);
  EXPECT_FALSE(Diff(a, b, "no_such_rule", {}).ok());
}

TEST(GateTest, UnchangedAcceptedAndBroken) {
  PolicyModel base = Load("examples/packs/retention.v1");
  Result<GateReport> same = Gate(&base, base, {});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->state, GateState::kUnchanged);
  EXPECT_TRUE(same->passed());

  PolicyModel meant = Load("tests/smt/packs/accepted/retention.v1");
  Result<GateReport> accepted = Gate(&base, meant, {});
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_TRUE(accepted->passed()) << (accepted->failures.empty() ? "" : accepted->failures[0]);
  ASSERT_EQ(accepted->changes.size(), 1u);
  EXPECT_TRUE(accepted->changes[0].accepted);

  // The same change without its accepted_changes entry fails.
  meant.accepted_changes.clear();
  Result<GateReport> unaccepted = Gate(&base, meant, {});
  ASSERT_TRUE(unaccepted.ok());
  EXPECT_FALSE(unaccepted->passed());

  PolicyModel broken = Load("tests/smt/packs/broken/retention.v1");
  Result<GateReport> fails = Gate(&base, broken, {});
  ASSERT_TRUE(fails.ok());
  EXPECT_FALSE(fails->passed());
  Result<GateReport> fresh = Gate(nullptr, broken, {});
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->state, GateState::kNew);
  EXPECT_FALSE(fresh->passed());
}

}  // namespace
}  // namespace tf::smt
