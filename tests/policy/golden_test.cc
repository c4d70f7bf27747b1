// The example plans and decisions are reproduced byte for byte from their contexts: on every
// run, on every machine (nothing in a plan depends on time, locale, file order or hashing
// seeds). Regenerate with `proof adapt … -o` after changing a pack (docs/PACKS.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/clock.h"
#include "core/json.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "policy/basic_selector.h"
#include "policy/orchestrator.h"
#include "policy/testing/pack_testing.h"
#include "policy/weighted_selector.h"

namespace tf::policy {
namespace {

namespace fs = std::filesystem;
using testing::CompileExample;
using testing::ExamplesDir;

struct GoldenCase {
  std::string pack;
  std::string context;  // paths under examples/
  std::string plan;
  std::string decision;  // empty: no golden decision
  std::string weights;   // empty: basic selector
};

std::vector<GoldenCase> Cases() {
  std::vector<GoldenCase> cases = {
      {"lksg.v1", "context_ok.json", "plan_ok.json", "", ""},
      {"lksg.v1", "context_ok.json", "plans/lksg.v1/ok_weighted.json", "", "weights/lksg.v1.yaml"},
  };
  std::vector<fs::path> contexts;
  for (const auto& entry : fs::recursive_directory_iterator(ExamplesDir() + "/contexts")) {
    if (entry.path().extension() == ".json") contexts.push_back(entry.path());
  }
  std::sort(contexts.begin(), contexts.end());
  for (const fs::path& c : contexts) {
    std::string pack = c.parent_path().filename().string();
    std::string name = c.filename().string();
    cases.push_back({pack, "contexts/" + pack + "/" + name, "plans/" + pack + "/" + name,
                     "decisions/" + pack + "/" + name, ""});
  }
  return cases;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class GoldenTest : public ::testing::Test {
 protected:
  const CompiledPack& Pack(const std::string& id) {
    auto it = packs_.find(id);
    if (it == packs_.end()) {
      Result<std::unique_ptr<CompiledPack>> pack = CompileExample(id);
      EXPECT_TRUE(pack.ok()) << pack.status().ToString();
      it = packs_.emplace(id, std::move(*pack)).first;
    }
    return *it->second;
  }

  std::map<std::string, std::unique_ptr<CompiledPack>> packs_;
  MetricsRegistry metrics_;
  NullLogger logger_;
  FakeClock clock_;
  Orchestrator orchestrator_{metrics_, logger_, clock_};
};

TEST_F(GoldenTest, EveryExampleContextHasAGoldenPlanAndDecision) {
  std::vector<GoldenCase> cases = Cases();
  EXPECT_GE(cases.size(), 20u);  // so the test cannot pass by finding nothing
  for (const char* pack : {"lksg.v1", "retention.v1", "export_class.v1", "minimization.v1"}) {
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [&](const GoldenCase& c) {
      return c.pack == pack && !c.decision.empty();
    })) << pack;
  }
}

TEST_F(GoldenTest, PlansAndDecisionsAreReproducedByteForByte) {
  for (const GoldenCase& c : Cases()) {
    SCOPED_TRACE(c.context + " -> " + c.plan);
    const CompiledPack& pack = Pack(c.pack);
    Value context = ParseJson(Slurp(ExamplesDir() + "/" + c.context)).value();
    std::unique_ptr<RuleSelector> selector = std::make_unique<BasicSelector>();
    if (!c.weights.empty()) {
      Weights w = ParseWeights(Slurp(ExamplesDir() + "/" + c.weights), c.weights).value();
      selector = std::make_unique<WeightedSelector>(WeightedSelector::ForPack(pack, w).value());
    }
    for (int run = 0; run < 2; ++run) {
      Result<Plan> plan = orchestrator_.MakePlan(pack, context, *selector);
      ASSERT_TRUE(plan.ok()) << plan.status().ToString();
      EXPECT_EQ(FormatPlan(*plan), Slurp(ExamplesDir() + "/" + c.plan));
      if (c.decision.empty()) continue;
      Result<Decision> decision = orchestrator_.Decide(pack, context, *selector);
      ASSERT_TRUE(decision.ok()) << decision.status().ToString();
      JsonWriteOptions pretty;
      pretty.pretty = true;
      EXPECT_EQ(ToJson(DecisionToValue(*decision), pretty) + "\n",
                Slurp(ExamplesDir() + "/" + c.decision));
    }
  }
}

}  // namespace
}  // namespace tf::policy
