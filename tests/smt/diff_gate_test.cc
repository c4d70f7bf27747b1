// Policy diff and the proofs gate over the example packs and their variants under
// tests/smt/packs: an unchanged pack, a meant change (accepted) and a broken one.
#include <gtest/gtest.h>

#include <algorithm>

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

  // Without its accepted_changes entry the change is still covered: proved properties depend
  // on retention_period_elapsed (through retention.allow).
  meant.accepted_changes.clear();
  Result<GateReport> covered = Gate(&base, meant, {});
  ASSERT_TRUE(covered.ok());
  EXPECT_TRUE(covered->passed()) << (covered->failures.empty() ? "" : covered->failures[0]);
  ASSERT_EQ(covered->changes.size(), 1u);
  EXPECT_FALSE(covered->changes[0].accepted);
  const std::vector<std::string>& by = covered->changes[0].covered_by;
  EXPECT_NE(std::find(by.begin(), by.end(), "property_no_deletion_before_retention_ends"),
            by.end());
  // Without properties nothing covers it.
  meant.properties.clear();
  Result<GateReport> uncovered = Gate(&base, meant, {});
  ASSERT_TRUE(uncovered.ok());
  EXPECT_FALSE(uncovered->passed());

  PolicyModel broken = Load("tests/smt/packs/broken/retention.v1");
  Result<GateReport> fails = Gate(&base, broken, {});
  ASSERT_TRUE(fails.ok());
  EXPECT_FALSE(fails->passed());
  Result<GateReport> fresh = Gate(nullptr, broken, {});
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->state, GateState::kNew);
  EXPECT_FALSE(fresh->passed());
}

// Version `threshold` of a policy with two decision rules; the property constrains `allow` only.
PolicyModel TwoRules(const std::string& version, int threshold, const std::string& role) {
  PolicyModel m;
  m.id = "two_rules.v1";
  m.version = version;
  m.hash = version;
  m.modules = {{"p.rego", "package p\n\nallow if input.x > " + std::to_string(threshold) +
                              "\n\nrole_ok if input.role == \"" + role + "\"\n"},
               {"proofs.rego",
                "package p_proofs\n\nimport data.p\n\nproperty_only_positive_allowed if not "
                "bad\n\nbad if {\n  p.allow\n  input.x <= 0\n}\n"}};
  m.rules = {{"allow", "data.p.allow", {}}, {"role_ok", "data.p.role_ok", {}}};
  m.properties = {"data.p_proofs.property_only_positive_allowed"};
  return m;
}

const RuleChange* FindChange(const GateReport& g, const std::string& rule) {
  for (const RuleChange& c : g.changes) {
    if (c.diff.name == rule) return &c;
  }
  return nullptr;
}

TEST(GateTest, ProvedPropertyCoversChangesOfTheRulesItConstrains) {
  PolicyModel base = TwoRules("1.0.0", 1, "admin");
  // allow changes (x > 2) and is covered; role_ok keeps its decision.
  Result<GateReport> g = Gate(&base, TwoRules("1.1.0", 2, "admin"), {});
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_TRUE(g->passed()) << (g->failures.empty() ? "" : g->failures[0]);
  ASSERT_EQ(g->changes.size(), 1u);
  const RuleChange* allow = FindChange(*g, "allow");
  ASSERT_NE(allow, nullptr);
  EXPECT_EQ(allow->diff.verdict, Verdict::kCounterexample);
  EXPECT_EQ(allow->covered_by, std::vector<std::string>{"property_only_positive_allowed"});
}

TEST(GateTest, ChangeOfARuleNoPropertyConstrainsFails) {
  PolicyModel base = TwoRules("1.0.0", 1, "admin");
  Result<GateReport> g = Gate(&base, TwoRules("1.1.0", 1, "auditor"), {});
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_FALSE(g->passed());
  const RuleChange* role = FindChange(*g, "role_ok");
  ASSERT_NE(role, nullptr);
  EXPECT_TRUE(role->covered_by.empty());
  EXPECT_TRUE(role->constrained_by_unproved.empty());
  ASSERT_EQ(g->failures.size(), 1u);
  EXPECT_NE(g->failures[0].find("rule role_ok decides differently"), std::string::npos)
      << g->failures[0];
  // An accepted_changes entry of the new version accepts it.
  PolicyModel meant = TwoRules("1.1.0", 1, "auditor");
  meant.accepted_changes = {{"role_ok", "1.1.0", "auditors decide roles now"}};
  Result<GateReport> accepted = Gate(&base, meant, {});
  ASSERT_TRUE(accepted.ok());
  EXPECT_TRUE(accepted->passed());
}

TEST(GateTest, UnprovedPropertyDoesNotCover) {
  PolicyModel base = TwoRules("1.0.0", 1, "admin");
  // allow now admits x = 0: the property that constrains it has a counterexample.
  Result<GateReport> g = Gate(&base, TwoRules("1.1.0", -5, "admin"), {});
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_FALSE(g->passed());
  ASSERT_EQ(g->properties.size(), 1u);
  EXPECT_EQ(g->properties[0].verdict, Verdict::kCounterexample);
  const RuleChange* allow = FindChange(*g, "allow");
  ASSERT_NE(allow, nullptr);
  EXPECT_TRUE(allow->covered_by.empty());
  EXPECT_EQ(allow->constrained_by_unproved,
            std::vector<std::string>{"property_only_positive_allowed"});
  ASSERT_EQ(g->failures.size(), 2u);  // the property, and the uncovered change
  EXPECT_NE(g->failures[1].find("property_only_positive_allowed would, but is not proved"),
            std::string::npos)
      << g->failures[1];
}

}  // namespace
}  // namespace tf::smt
