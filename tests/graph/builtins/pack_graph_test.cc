// A pack whose Rego calls graph.* (tests/graph/packs/graph_reach.v1), decided by the
// orchestrator against a small graph ingested with receipts, with and without the graph.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/json.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "graph/graph_test_util.h"
#include "policy/basic_selector.h"
#include "policy/compiled_pack.h"
#include "policy/graph_builtins.h"
#include "policy/orchestrator.h"
#include "policy/pack.h"
#include "policy/pack_session.h"

namespace tf::policy {
namespace {

const std::string kPackDir = std::string(TF_TEST_PACKS_DIR) + "/graph_reach.v1";

std::unique_ptr<CompiledPack> CompileTestPack(const std::string& extra_manifest = "") {
  Result<PackFiles> files = ReadPackDirectory(kPackDir);
  EXPECT_TRUE(files.ok()) << files.status().ToString();
  if (!files.ok()) return nullptr;
  (*files)["pack.yaml"] += extra_manifest;
  Result<Pack> pack = LoadPackFromFiles(std::move(*files));
  EXPECT_TRUE(pack.ok()) << pack.status().ToString();
  if (!pack.ok()) return nullptr;
  Result<std::unique_ptr<CompiledPack>> compiled = CompiledPack::Compile(std::move(*pack));
  EXPECT_TRUE(compiled.ok()) << compiled.status().ToString();
  return compiled.ok() ? std::move(*compiled) : nullptr;
}

class PackGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // a - b - c: a small network; h has five contacts, a network of six.
    ASSERT_TRUE(data_
                    .IngestCsv("id\na\nb\nc\nh\nx1\nx2\nx3\nx4\nx5\n", graph::RecordKind::kNode,
                               "nodes.csv")
                    .ok());
    ASSERT_TRUE(data_
                    .IngestCsv("src,dst\na,b\nb,c\nh,x1\nh,x2\nx3,h\nx4,h\nh,x5\n",
                               graph::RecordKind::kEdge, "edges.csv", 3)
                    .ok());
    pack_ = CompileTestPack();
    ASSERT_NE(pack_, nullptr);
  }

  Result<Decision> Decide(const CompiledPack& pack, const std::string& subject, bool with_graph) {
    DecideOptions options;
    options.store = with_graph ? data_.graph.get() : nullptr;
    Value input = Value::Object({{Value::String("subject"), Value::String(subject)}});
    return orchestrator_.Decide(pack, input, selector_, options);
  }

  static std::vector<std::string> ViolatedRules(const Decision& d) {
    std::vector<std::string> rules;
    for (const Violation& v : d.violations)
      rules.push_back(v.rule);
    return rules;
  }

  graph::testing::TempDir dir_;
  graph::testing::GraphFixture data_{dir_.Sub("data")};
  MetricsRegistry metrics_;
  NullLogger logger_;
  FakeClock clock_{1'700'000'000'000'000'000};
  Orchestrator orchestrator_{metrics_, logger_, clock_};
  BasicSelector selector_;
  std::unique_ptr<CompiledPack> pack_;
};

TEST_F(PackGraphTest, ThePackNamesTheGraphBuiltinItCalls) {
  EXPECT_TRUE(pack_->graph_builtin().starts_with("graph."));
}

TEST_F(PackGraphTest, DecidesOnTheIngestedGraph) {
  Result<Decision> a = Decide(*pack_, "a", true);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(a->allow) << ToJson(DecisionToValue(*a));

  Result<Decision> b = Decide(*pack_, "b", true);  // degree 2 (both directions): at the limit
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_TRUE(b->allow) << ToJson(DecisionToValue(*b));

  Result<Decision> h = Decide(*pack_, "h", true);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_FALSE(h->allow);
  EXPECT_EQ(ViolatedRules(*h), (std::vector<std::string>{"few_contacts", "small_network"}));
  EXPECT_EQ(h->violations[0].reason, "h has more than 2 contacts");
  EXPECT_EQ(h->violations[1].reason, "the network of h has more than 4 members");

  // An unknown subject leaves both rules undefined: denied, never allowed.
  Result<Decision> unknown = Decide(*pack_, "nobody", true);
  ASSERT_TRUE(unknown.ok()) << unknown.status().ToString();
  EXPECT_FALSE(unknown->allow);
  EXPECT_EQ(unknown->violations.size(), 2u);
}

TEST_F(PackGraphTest, RefusesToDecideWithoutTheGraph) {
  Result<Decision> d = Decide(*pack_, "a", false);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), ErrorCode::kGraphQueryInvalid);
  EXPECT_NE(d.status().message().find("graph_reach.v1 calls graph."), std::string::npos)
      << d.status().message();
  Result<Plan> plan = orchestrator_.MakePlan(*pack_, Value::Object({}), selector_);
  EXPECT_EQ(plan.status().code(), ErrorCode::kGraphQueryInvalid);
}

TEST_F(PackGraphTest, ASessionWithoutTheGraphFailsTheRuleClosed) {
  PackSession session = pack_->OpenSession();
  Value input = Value::Object({{Value::String("subject"), Value::String("a")}});
  RuleOutcome outcome = session.EvaluateRule(*pack_->FindRule("few_contacts"), input);
  EXPECT_EQ(outcome.verdict, RuleVerdict::kError);
  EXPECT_NE(outcome.error.message().find("no graph is attached"), std::string::npos)
      << outcome.error.ToString();

  GraphBuiltinHost host(*data_.graph);
  PackSession attached = pack_->OpenSession({.host = &host});
  EXPECT_EQ(attached.EvaluateRule(*pack_->FindRule("few_contacts"), input).verdict,
            RuleVerdict::kPass);
}

// The store given for the builtins also backs the pack's decision limits.
TEST_F(PackGraphTest, TheSameStoreBacksDecisionLimits) {
  std::unique_ptr<CompiledPack> limited =
      CompileTestPack("\nlimits:\n  node: input.subject\n  component_size: {max: 5}\n");
  ASSERT_NE(limited, nullptr);
  Result<Decision> a = Decide(*limited, "a", true);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(a->allow);
  ASSERT_EQ(a->limits.size(), 1u);
  Result<Decision> h = Decide(*limited, "h", true);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(ViolatedRules(*h),
            (std::vector<std::string>{"limits.component_size", "few_contacts", "small_network"}));
}

}  // namespace
}  // namespace tf::policy
