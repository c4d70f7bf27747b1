// The planner: stable order by (cost, id), the plan document and its hash.
#include "policy/planner.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/canonical_json.h"
#include "core/sha256.h"
#include "policy/testing/pack_testing.h"
#include "policy/testing/synthetic_pack.h"
#include "testing/value_testing.h"

namespace tf::policy {
namespace {

using testing::MustCompile;
using testing::SimplePack;

constexpr const char* kManifest = R"(id: order.v1
version: "1"
rules:
  - {id: zeta, ref: data.t.ok, cost: 2, severity: low, reason: z}
  - {id: alpha, ref: data.t.ok, cost: 2, severity: low, reason: a, activation: [input.x == 1]}
  - {id: mid, ref: data.t.ok, cost: 1, severity: low, reason: m}
  - {id: Beta, ref: data.t.ok, cost: 2, severity: low, reason: b}
  - {id: free, ref: data.t.ok, cost: 0, severity: low, reason: f}
)";

std::unique_ptr<CompiledPack> Pack() {
  return MustCompile(SimplePack(kManifest, "package t\nok := true\n"));
}

std::vector<SelectedRule> All(const CompiledPack& pack) {
  std::vector<SelectedRule> out;
  for (uint32_t i = 0; i < pack.num_rules(); ++i) {
    out.push_back({i, pack.rule(i).cost, &pack.rule(i).activation});
  }
  return out;
}

std::vector<std::string> OrderIds(const CompiledPack& pack, const Plan& plan) {
  std::vector<std::string> ids;
  for (const PlannedRule& p : plan.order)
    ids.push_back(pack.rule(p.rule).id);
  return ids;
}

TEST(PlannerTest, OrdersByCostThenRuleIdBytes) {
  std::unique_ptr<CompiledPack> pack = Pack();
  Result<Plan> plan = Planner::Build(*pack, All(*pack));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  // Ties at cost 2 break by byte order of id: "Beta" < "alpha" < "zeta".
  EXPECT_EQ(OrderIds(*pack, *plan),
            (std::vector<std::string>{"free", "mid", "Beta", "alpha", "zeta"}));
  EXPECT_EQ(plan->cost_sum, 7u);
}

TEST(PlannerTest, OrderDoesNotDependOnTheSelectionOrder) {
  std::unique_ptr<CompiledPack> pack = Pack();
  std::vector<SelectedRule> selection = All(*pack);
  Plan first = Planner::Build(*pack, selection).value();
  for (int round = 0; round < 10; ++round) {
    std::rotate(selection.begin(), selection.begin() + 1, selection.end());
    if (round % 3 == 0) std::reverse(selection.begin(), selection.end());
    Plan again = Planner::Build(*pack, selection).value();
    EXPECT_EQ(OrderIds(*pack, again), OrderIds(*pack, first));
    EXPECT_EQ(again.plan_hash, first.plan_hash);
    EXPECT_EQ(FormatPlan(again), FormatPlan(first));
  }
}

TEST(PlannerTest, DocumentHasExactlyTheDocumentedFields) {
  std::unique_ptr<CompiledPack> pack = Pack();
  std::vector<SelectedRule> selection = All(*pack);
  selection.erase(selection.begin());  // drop zeta
  Plan plan = Planner::Build(*pack, selection).value();
  Value expected = ::tf::testing::J(R"({
    "policy_id": "order.v1",
    "active_rules": ["Beta", "alpha", "free", "mid"],
    "order": ["free", "mid", "Beta", "alpha"],
    "cost": {"Beta": 2, "alpha": 2, "free": 0, "mid": 1},
    "cost_sum": 5,
    "reason": {"Beta": [], "alpha": ["input.x == 1"], "free": [], "mid": []},
    "pack_hash": ")" + pack->hash() +
                                    R"(",
    "plan_hash": ")" + plan.plan_hash +
                                    R"("
  })");
  EXPECT_EQ(PlanDocument(plan), expected);
}

TEST(PlannerTest, PlanHashIsTheCanonicalDocumentWithoutItself) {
  std::unique_ptr<CompiledPack> pack = Pack();
  Plan plan = Planner::Build(*pack, All(*pack)).value();
  std::vector<ObjectEntry> fields;
  Value doc = PlanDocument(plan);
  for (const ObjectEntry& e : doc.object()) {
    if (e.first.string() != "plan_hash") fields.push_back(e);
  }
  std::string canonical = CanonicalJson(Value::Object(fields)).value();
  EXPECT_EQ(plan.plan_hash, DigestHex(Sha256(canonical)));
  EXPECT_EQ(plan.plan_hash.size(), 64u);
}

TEST(PlannerTest, CanonicalJsonMatchesCoreCanonicalisation) {
  // The planner writes RFC 8785 itself; core's canonicaliser must agree byte for byte, also
  // for predicate texts that need escaping.
  std::string manifest = kManifest;
  manifest.replace(manifest.find("activation: [input.x == 1]"), 26,
                   "activation: [\"input.s == \\\"\u00e9\\\\n\\\"\"]");
  std::unique_ptr<CompiledPack> pack = MustCompile(SimplePack(manifest, "package t\nok := true\n"));
  ASSERT_NE(pack, nullptr);
  EXPECT_EQ(pack->rule(1).activation[0].text, "input.s == \"\u00e9\\n\"");
  Plan plan = Planner::Build(*pack, All(*pack)).value();
  EXPECT_EQ(plan.canonical_json, CanonicalJson(PlanDocument(plan)).value());
  EXPECT_EQ(plan.pack_hash, pack->hash());
}

TEST(PlannerTest, EmptySelectionIsAnEmptyPlan) {
  std::unique_ptr<CompiledPack> pack = Pack();
  Plan plan = Planner::Build(*pack, {}).value();
  EXPECT_TRUE(plan.order.empty());
  EXPECT_EQ(plan.cost_sum, 0u);
  EXPECT_EQ(PlanDocument(plan).Find("active_rules")->size(), 0u);
}

TEST(PlannerTest, SelectorBugsAreRefused) {
  std::unique_ptr<CompiledPack> pack = Pack();
  std::vector<SelectedRule> twice = {{1, 1, nullptr}, {1, 1, nullptr}};
  EXPECT_EQ(Planner::Build(*pack, twice).status().code(), ErrorCode::kInternal);
  std::vector<SelectedRule> beyond = {{99, 1, nullptr}};
  EXPECT_EQ(Planner::Build(*pack, beyond).status().code(), ErrorCode::kInternal);
  std::vector<SelectedRule> costly = {{0, kMaxRuleCost + 1, nullptr}};
  EXPECT_EQ(Planner::Build(*pack, costly).status().code(), ErrorCode::kOutOfRange);
}

// A large selection is put in id order by placing rules at their id rank, a small one by
// sorting: both must give the same documents, and both refuse a rule named twice.
TEST(PlannerTest, SmallAndLargeSelectionsAreOrderedAlike) {
  testing::SyntheticPackOptions options;
  options.seed = 7;
  std::unique_ptr<CompiledPack> pack = MustCompile(testing::MakeSyntheticPack(options));
  ASSERT_NE(pack, nullptr);
  std::vector<SelectedRule> all = All(*pack);
  std::reverse(all.begin(), all.end());
  for (size_t size : {1, 2, 7, 12, 13, 14, 30, 99, 100}) {
    SCOPED_TRACE(size);
    std::vector<SelectedRule> selection(all.begin(), all.begin() + static_cast<long>(size));
    Result<Plan> plan = Planner::Build(*pack, selection);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_EQ(plan->canonical_json, CanonicalJson(PlanDocument(*plan)).value());
    std::vector<std::string> ids;
    for (const SelectedRule& s : selection)
      ids.push_back(pack->rule(s.rule).id);
    std::sort(ids.begin(), ids.end());
    Value doc = PlanDocument(*plan);
    std::vector<std::string> active;
    for (const Value& id : doc.Find("active_rules")->array())
      active.push_back(id.string());
    EXPECT_EQ(active, ids);

    selection.push_back(selection.front());
    Result<Plan> twice = Planner::Build(*pack, selection);
    EXPECT_EQ(twice.status().code(), ErrorCode::kInternal);
    EXPECT_EQ(twice.status().message(),
              "selection names rule " + pack->rule(selection.front().rule).id + " twice");
  }
}

// A large selection at the manifest's costs is put in cost order by placing rules at their
// cost rank, any other by sorting: both must order by (cost, id bytes).
TEST(PlannerTest, CostOrderIsTheSameWhetherPlacedOrSorted) {
  testing::SyntheticPackOptions options;
  options.seed = 11;
  std::unique_ptr<CompiledPack> pack = MustCompile(testing::MakeSyntheticPack(options));
  ASSERT_NE(pack, nullptr);
  std::vector<SelectedRule> all = All(*pack);
  std::reverse(all.begin(), all.end());
  for (size_t size : {1, 12, 13, 30, 100}) {
    for (bool manifest_costs : {true, false}) {
      SCOPED_TRACE(std::to_string(size) + (manifest_costs ? " manifest" : " other") + " costs");
      std::vector<SelectedRule> selection(all.begin(), all.begin() + static_cast<long>(size));
      if (!manifest_costs) selection.back().cost += 3;
      Result<Plan> plan = Planner::Build(*pack, selection);
      ASSERT_TRUE(plan.ok()) << plan.status().ToString();
      std::sort(selection.begin(), selection.end(),
                [&](const SelectedRule& a, const SelectedRule& b) {
                  if (a.cost != b.cost) return a.cost < b.cost;
                  return pack->rule(a.rule).id < pack->rule(b.rule).id;
                });
      ASSERT_EQ(plan->order.size(), selection.size());
      for (size_t i = 0; i < selection.size(); ++i) {
        EXPECT_EQ(plan->order[i].rule, selection[i].rule) << i;
        EXPECT_EQ(plan->order[i].cost, selection[i].cost) << i;
      }
      EXPECT_EQ(plan->canonical_json, CanonicalJson(PlanDocument(*plan)).value());
    }
  }
}

TEST(PlannerTest, FormatPlanIsIndentedJsonWithAFinalNewline) {
  std::unique_ptr<CompiledPack> pack = Pack();
  std::vector<SelectedRule> one = {{2, 1, &pack->rule(2).activation}};
  std::string text = FormatPlan(Planner::Build(*pack, one).value());
  EXPECT_EQ(text.rfind("{\n  \"active_rules\": [\n    \"mid\"\n  ],\n", 0), 0u) << text;
  EXPECT_EQ(text.back(), '\n');
  EXPECT_NE(text.find("\"reason\": {\n    \"mid\": []\n  }"), std::string::npos) << text;
}

}  // namespace
}  // namespace tf::policy
