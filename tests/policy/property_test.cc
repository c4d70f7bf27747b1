// Activation never changes a verdict: for generated contexts, evaluating the plan a selector
// builds gives the same decision (allow and violations) as evaluating every rule of the pack,
// provided the pack's rules hold when their predicates do not. Also: the properties of
// proofs.rego hold on every generated context (random testing, not a proof). Seeds are fixed
// and printed with every failure.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/json.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "policy/basic_selector.h"
#include "policy/orchestrator.h"
#include "policy/pack_session.h"
#include "policy/testing/context_generator.h"
#include "policy/testing/pack_testing.h"
#include "policy/testing/synthetic_pack.h"

namespace tf::policy {
namespace {

using testing::CompileExample;
using testing::ContextGenerator;
using testing::MakeSyntheticPack;
using testing::MustCompile;
using testing::SyntheticPackOptions;

constexpr uint64_t kSeed = 20261101;
constexpr int kContextsPerPack = 300;

struct Comparison {
  int contexts = 0;
  int mismatches = 0;
  int skipped_rules = 0;  // rules the plans left out, summed: the property is not vacuous
  std::string first_mismatch;
};

class PropertyTest : public ::testing::Test {
 protected:
  // Compares the basic plan's decision with the exhaustive one for generated contexts.
  Comparison Compare(const CompiledPack& pack, uint64_t seed) {
    Comparison out;
    ContextGenerator generator(*pack.manifest().input_schema, seed);
    for (int i = 0; i < kContextsPerPack; ++i) {
      Value context = generator.Next();
      Result<Decision> planned = orchestrator_.Decide(pack, context, basic_);
      Result<Decision> everything = orchestrator_.Decide(pack, context, all_);
      ++out.contexts;
      bool same = planned.ok() == everything.ok();
      if (same && planned.ok()) {
        out.skipped_rules +=
            static_cast<int>(everything->plan.order.size() - planned->plan.order.size());
        same = planned->allow == everything->allow &&
               DecisionToValue(*planned)
                   .Find("violations")
                   ->Equals(*DecisionToValue(*everything).Find("violations"));
      } else if (same) {
        same = planned.status().code() == everything.status().code();
      }
      if (!same && out.mismatches++ == 0) {
        out.first_mismatch = "seed " + std::to_string(seed) + ", context #" + std::to_string(i) +
                             ": " + ToJson(context);
      }
    }
    return out;
  }

  MetricsRegistry metrics_;
  NullLogger logger_;
  FakeClock clock_;
  Orchestrator orchestrator_{metrics_, logger_, clock_};
  BasicSelector basic_;
  ExhaustiveSelector all_;
};

TEST_F(PropertyTest, ExamplePacksGiveTheSameVerdictWithAndWithoutSelection) {
  uint64_t seed = kSeed;
  for (const char* id : {"lksg.v1", "retention.v1", "export_class.v1", "minimization.v1"}) {
    Result<std::unique_ptr<CompiledPack>> pack = CompileExample(id);
    ASSERT_TRUE(pack.ok()) << pack.status().ToString();
    Comparison c = Compare(**pack, ++seed);
    EXPECT_EQ(c.mismatches, 0) << id << ": first at " << c.first_mismatch;
    EXPECT_GT(c.skipped_rules, 0) << id << " (seed " << seed << "): selection never skipped a rule";
  }
}

TEST_F(PropertyTest, GeneratedHundredRulePackGivesTheSameVerdict) {
  SyntheticPackOptions options;
  options.seed = kSeed;
  std::unique_ptr<CompiledPack> pack = MustCompile(MakeSyntheticPack(options));
  ASSERT_NE(pack, nullptr);
  EXPECT_EQ(pack->num_rules(), 100u);
  EXPECT_EQ(pack->num_predicates(), 50u);
  Comparison c = Compare(*pack, kSeed);
  EXPECT_EQ(c.mismatches, 0) << "first at " << c.first_mismatch;
  EXPECT_GT(c.skipped_rules, 1000);
}

TEST_F(PropertyTest, RulesThatIgnoreTheirPredicatesAreCaught) {
  // The negative control: unguarded rules can fail where they were skipped.
  SyntheticPackOptions options;
  options.seed = kSeed;
  options.rules = 20;
  options.predicates = 10;
  options.guard_rules = false;
  std::unique_ptr<CompiledPack> pack = MustCompile(MakeSyntheticPack(options));
  ASSERT_NE(pack, nullptr);
  Comparison c = Compare(*pack, kSeed);
  EXPECT_GT(c.mismatches, 0) << "seed " << kSeed << ": the property test found nothing to catch";
}

TEST_F(PropertyTest, ProofPropertiesHoldOnGeneratedContexts) {
  uint64_t seed = kSeed + 100;
  for (const char* id : {"retention.v1", "export_class.v1", "minimization.v1"}) {
    Result<std::unique_ptr<CompiledPack>> pack = CompileExample(id);
    ASSERT_TRUE(pack.ok()) << pack.status().ToString();
    ASSERT_GE((*pack)->properties().size(), 3u) << id;
    ContextGenerator generator(*(*pack)->manifest().input_schema, ++seed);
    PackSession session = (*pack)->OpenSession();
    for (int i = 0; i < kContextsPerPack; ++i) {
      Value context = generator.Next();
      for (size_t p = 0; p < (*pack)->properties().size(); ++p) {
        RuleOutcome o = session.EvaluateProperty(p, context);
        EXPECT_EQ(o.verdict, RuleVerdict::kPass)
            << id << " " << (*pack)->properties()[p] << " is " << RuleVerdictName(o.verdict)
            << " (seed " << seed << ", context #" << i << "): " << ToJson(context) << " "
            << o.error.ToString();
      }
    }
  }
}

TEST_F(PropertyTest, GeneratedContextsMatchTheirSchema) {
  for (const char* id : {"lksg.v1", "retention.v1", "export_class.v1", "minimization.v1"}) {
    Result<std::unique_ptr<CompiledPack>> pack = CompileExample(id);
    ASSERT_TRUE(pack.ok());
    const InputSchema& schema = *(*pack)->manifest().input_schema;
    ContextGenerator generator(schema, kSeed);
    for (int i = 0; i < 100; ++i) {
      Value context = generator.Next();
      Status s = schema.Validate(context);
      EXPECT_TRUE(s.ok()) << id << " seed " << kSeed << " #" << i << ": " << s.ToString();
    }
  }
}

}  // namespace
}  // namespace tf::policy
