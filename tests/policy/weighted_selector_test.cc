// Weights files: costs that override the manifest's and so change the plan's order.
#include "policy/weighted_selector.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "policy/basic_selector.h"
#include "policy/orchestrator.h"
#include "policy/testing/pack_testing.h"
#include "testing/value_testing.h"

namespace tf::policy {
namespace {

using testing::MustCompile;
using testing::SimplePack;
using ::tf::testing::J;

constexpr const char* kManifest = R"(id: w.v1
version: "1"
rules:
  - {id: cheap, ref: data.t.ok, cost: 1, severity: low, reason: a}
  - {id: pricey, ref: data.t.ok, cost: 10, severity: low, reason: b}
  - {id: gated, ref: data.t.ok, cost: 5, severity: low, reason: c, activation: [input.on]}
)";

std::vector<std::string> Order(const Plan& plan, const CompiledPack& pack) {
  std::vector<std::string> ids;
  for (const PlannedRule& p : plan.order)
    ids.push_back(pack.rule(p.rule).id);
  return ids;
}

class WeightedSelectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<CompiledPack> pack_ =
      MustCompile(SimplePack(kManifest, "package t\nok := true\n"));
  MetricsRegistry metrics_;
  NullLogger logger_;
  FakeClock clock_;
  Orchestrator orchestrator_{metrics_, logger_, clock_};
};

TEST_F(WeightedSelectorTest, WeightsOverrideManifestCostsAndReorderThePlan) {
  Weights w = ParseWeights("pack: w.v1\nweights:\n  pricey: 0\n  cheap: 7\n", "rules.yaml").value();
  WeightedSelector weighted = WeightedSelector::ForPack(*pack_, w).value();
  Value context = J(R"({"on": true})");
  Plan basic = orchestrator_.MakePlan(*pack_, context, BasicSelector()).value();
  Plan heavy = orchestrator_.MakePlan(*pack_, context, weighted).value();
  EXPECT_EQ(Order(basic, *pack_), (std::vector<std::string>{"cheap", "gated", "pricey"}));
  EXPECT_EQ(Order(heavy, *pack_), (std::vector<std::string>{"pricey", "gated", "cheap"}));
  EXPECT_EQ(*PlanDocument(heavy).Find("cost"), J(R"({"cheap": 7, "gated": 5, "pricey": 0})"));
  EXPECT_EQ(heavy.cost_sum, 12u);
  EXPECT_NE(heavy.plan_hash, basic.plan_hash);
}

TEST_F(WeightedSelectorTest, WeightedSelectionKeepsTheBasicActivation) {
  Weights w = ParseWeights("weights:\n  gated: 0\n", "rules.yaml").value();
  WeightedSelector weighted = WeightedSelector::ForPack(*pack_, w).value();
  Plan plan = orchestrator_.MakePlan(*pack_, J(R"({"on": false})"), weighted).value();
  EXPECT_EQ(Order(plan, *pack_), (std::vector<std::string>{"cheap", "pricey"}));
}

TEST_F(WeightedSelectorTest, UnknownRuleInWeightsNamesTheLine) {
  Weights w = ParseWeights("weights:\n  cheap: 1\n  missing: 2\n", "rules.yaml").value();
  EXPECT_STATUS(WeightedSelector::ForPack(*pack_, w).status(), ErrorCode::kWeightsInvalid,
                "rules.yaml:3:3: pack w.v1 has no rule \"missing\"");
}

TEST_F(WeightedSelectorTest, WeightsForAnotherPackAreRefused) {
  Weights w = ParseWeights("pack: lksg.v1\nweights: {cheap: 1}\n", "rules.yaml").value();
  EXPECT_STATUS(WeightedSelector::ForPack(*pack_, w).status(), ErrorCode::kWeightsInvalid,
                "weights are for pack lksg.v1, not w.v1");
}

TEST_F(WeightedSelectorTest, MalformedWeightsFilesNameTheLine) {
  EXPECT_STATUS(ParseWeights("weights:\n  cheap: -1\n", "rules.yaml").status(),
                ErrorCode::kWeightsInvalid, "rules.yaml:2:10: the cost of cheap must be");
  EXPECT_STATUS(ParseWeights("weight:\n  cheap: 1\n", "rules.yaml").status(),
                ErrorCode::kWeightsInvalid, "rules.yaml:1:1: unknown key \"weight\"");
  EXPECT_STATUS(ParseWeights("pack: x\n", "rules.yaml").status(), ErrorCode::kWeightsInvalid,
                "needs a weights mapping");
  EXPECT_STATUS(ParseWeights("weights:\n  a: 1\n  a: 2\n", "rules.yaml").status(),
                ErrorCode::kPackDuplicateId, "rules.yaml:3:3: duplicate key \"a\"");
  EXPECT_STATUS(ParseWeights("weights: [1, 2]\n", "rules.yaml").status(),
                ErrorCode::kWeightsInvalid, "weights must be a mapping");
}

TEST_F(WeightedSelectorTest, SelectorBoundToOnePackRefusesAnother) {
  Weights w = ParseWeights("weights: {cheap: 1}\n", "rules.yaml").value();
  WeightedSelector weighted = WeightedSelector::ForPack(*pack_, w).value();
  std::unique_ptr<CompiledPack> other =
      MustCompile(SimplePack(kManifest, "package t\nok := true\n"));
  EXPECT_EQ(orchestrator_.MakePlan(*other, J("{}"), weighted).status().code(),
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace tf::policy
