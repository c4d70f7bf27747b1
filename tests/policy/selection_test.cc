// Activation: predicates evaluated once per context, rules active when all their predicates
// hold, and predicate failures failing closed.
#include <gtest/gtest.h>

#include "policy/basic_selector.h"
#include "policy/pack_session.h"
#include "policy/testing/pack_testing.h"
#include "testing/value_testing.h"

namespace tf::policy {
namespace {

using testing::MustCompile;
using testing::SimplePack;
using ::tf::testing::J;

constexpr const char* kManifest = R"(id: act.v1
version: "1"
predicates:
  big: input.amount > 100
  foreign: data.t.foreign
  big_and_foreign: [big, foreign]
rules:
  - {id: always, ref: data.t.ok, cost: 1, severity: low, reason: a}
  - {id: when_big, ref: data.t.ok, cost: 1, severity: low, reason: b, activation: [big]}
  - {id: when_both, ref: data.t.ok, cost: 1, severity: low, reason: c, activation: [big_and_foreign]}
  - id: when_inline
    ref: data.t.ok
    cost: 1
    severity: low
    reason: d
    activation: ["input.kind == \"export\"", foreign]
  - {id: when_truthy, ref: data.t.ok, cost: 1, severity: low, reason: e, activation: [input.tag]}
)";

constexpr const char* kRego = R"(package t
ok := true
foreign if input.country != "DE"
)";

std::vector<std::string> Active(const CompiledPack& pack, const Value& context) {
  PackSession session = pack.OpenSession();
  std::vector<uint8_t> holds;
  Status s = session.EvaluatePredicates(context, holds);
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::vector<SelectedRule> chosen;
  EXPECT_TRUE(BasicSelector().Select({pack, context, holds}, chosen).ok());
  std::vector<std::string> ids;
  for (const SelectedRule& r : chosen)
    ids.push_back(pack.rule(r.rule).id);
  return ids;
}

TEST(SelectionTest, RuleWithoutPredicatesIsAlwaysActive) {
  std::unique_ptr<CompiledPack> pack = MustCompile(SimplePack(kManifest, kRego));
  EXPECT_EQ(Active(*pack, J(R"({"amount": 1, "country": "DE"})")),
            (std::vector<std::string>{"always"}));
  EXPECT_EQ(Active(*pack, J("{}")), (std::vector<std::string>{"always"}));
}

TEST(SelectionTest, AllPredicatesOfARuleMustHold) {
  std::unique_ptr<CompiledPack> pack = MustCompile(SimplePack(kManifest, kRego));
  EXPECT_EQ(Active(*pack, J(R"({"amount": 500, "country": "DE"})")),
            (std::vector<std::string>{"always", "when_big"}));
  EXPECT_EQ(Active(*pack, J(R"({"amount": 500, "country": "FR"})")),
            (std::vector<std::string>{"always", "when_big", "when_both"}));
  EXPECT_EQ(Active(*pack, J(R"({"amount": 5, "country": "FR", "kind": "export"})")),
            (std::vector<std::string>{"always", "when_inline"}));
}

// Up to CompiledPack::kMaxPaddedPredicates per rule, the selector checks every rule's padded
// predicates; beyond, each rule's own list. Both must select alike, rules without predicates
// included.
TEST(SelectionTest, WideAndNarrowRulesSelectAlikeWithAndWithoutPadding) {
  for (size_t wide : {CompiledPack::kMaxPaddedPredicates, CompiledPack::kMaxPaddedPredicates + 1}) {
    SCOPED_TRACE(wide);
    std::string wide_activation;
    for (size_t i = 1; i <= wide; ++i)
      wide_activation += (i > 1 ? ", input.p" : "input.p") + std::to_string(i);
    std::string manifest = R"(id: wide.v1
version: "1"
rules:
  - {id: none, ref: data.t.ok, cost: 1, severity: low, reason: a}
  - {id: two, ref: data.t.ok, cost: 1, severity: low, reason: b, activation: [input.p1, input.p2]}
  - {id: wide, ref: data.t.ok, cost: 1, severity: low, reason: c, activation: [)" +
                           wide_activation + "]}\n";
    std::unique_ptr<CompiledPack> pack = MustCompile(SimplePack(manifest, kRego));
    ASSERT_NE(pack, nullptr);
    EXPECT_EQ(pack->predicate_width(), wide <= CompiledPack::kMaxPaddedPredicates ? wide : 0u);
    std::string all = "{";
    for (size_t i = 1; i <= wide; ++i)
      all += (i > 1 ? ", \"p" : "\"p") + std::to_string(i) + "\": true";
    all += "}";
    EXPECT_EQ(Active(*pack, J(all)), (std::vector<std::string>{"none", "two", "wide"}));
    EXPECT_EQ(Active(*pack, J(R"({"p1": true, "p2": true})")),
              (std::vector<std::string>{"none", "two"}));
    EXPECT_EQ(Active(*pack, J(R"({"p2": true})")), (std::vector<std::string>{"none"}));
  }
}

TEST(SelectionTest, InlineQueryHoldsWhenItsBodySucceeds) {
  std::unique_ptr<CompiledPack> pack = MustCompile(SimplePack(kManifest, kRego));
  EXPECT_EQ(Active(*pack, J(R"({"tag": "x"})")),
            (std::vector<std::string>{"always", "when_truthy"}));
  EXPECT_EQ(Active(*pack, J(R"({"tag": 0})")), (std::vector<std::string>{"always", "when_truthy"}));
  EXPECT_EQ(Active(*pack, J(R"({"tag": false})")), (std::vector<std::string>{"always"}));
}

TEST(SelectionTest, ExhaustiveSelectorTakesEveryRuleWithoutReasons) {
  std::unique_ptr<CompiledPack> pack = MustCompile(SimplePack(kManifest, kRego));
  std::vector<SelectedRule> chosen;
  std::vector<uint8_t> none(pack->num_predicates(), 0);
  Value context = J("{}");
  ASSERT_TRUE(ExhaustiveSelector().Select({*pack, context, none}, chosen).ok());
  EXPECT_EQ(chosen.size(), pack->num_rules());
  for (const SelectedRule& r : chosen)
    EXPECT_EQ(r.activated_by, nullptr);
}

TEST(SelectionTest, NonBooleanRulePredicateFailsClosedNamingThePredicate) {
  std::unique_ptr<CompiledPack> pack =
      MustCompile(SimplePack(kManifest, "package t\nok := true\nforeign := input.country\n"));
  PackSession session = pack->OpenSession();
  std::vector<uint8_t> holds;
  EXPECT_STATUS(session.EvaluatePredicates(J(R"({"country": "FR"})"), holds),
                ErrorCode::kPredicateEvalError,
                "pack.yaml:5:12: predicate data.t.foreign is string, not boolean");
  // Undefined is simply false.
  EXPECT_TRUE(session.EvaluatePredicates(J("{}"), holds).ok());
}

// The activation query checks rule values only when some rule ref can be non-boolean; one
// that can only be at run time (a computed else value) keeps the check.
TEST(SelectionTest, RulePredicateWithComputedElseValueIsStillChecked) {
  std::unique_ptr<CompiledPack> pack = MustCompile(SimplePack(
      kManifest,
      "package t\nok := true\nforeign if { input.country != \"DE\" } else := input.country\n"));
  PackSession session = pack->OpenSession();
  std::vector<uint8_t> holds;
  EXPECT_STATUS(session.EvaluatePredicates(J(R"({"country": "DE"})"), holds),
                ErrorCode::kPredicateEvalError,
                "pack.yaml:5:12: predicate data.t.foreign is string, not boolean");
  EXPECT_EQ(Active(*pack, J(R"({"amount": 500, "country": "FR"})")),
            (std::vector<std::string>{"always", "when_big", "when_both"}));
}

TEST(SelectionTest, PredicateErrorFailsClosedNamingThePredicate) {
  std::string manifest = kManifest;
  manifest.replace(manifest.find("input.amount > 100"), 18, "to_number(input.amount) > 100");
  std::unique_ptr<CompiledPack> pack = MustCompile(SimplePack(manifest, kRego));
  PackSession session = pack->OpenSession();
  std::vector<uint8_t> holds;
  // A builtin error is an error (strict), not a quietly false predicate that would skip rules.
  EXPECT_STATUS(session.EvaluatePredicates(J(R"({"amount": "lots"})"), holds),
                ErrorCode::kPredicateEvalError,
                "pack.yaml:4:8: predicate \"to_number(input.amount) > 100\" failed");
  EXPECT_TRUE(session.EvaluatePredicates(J(R"({"amount": "500"})"), holds).ok());
}

TEST(SelectionTest, SessionsReuseEvaluatorsAcrossRequests) {
  std::unique_ptr<CompiledPack> pack = MustCompile(SimplePack(kManifest, kRego));
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(Active(*pack, J(R"({"amount": 500, "country": "DE"})")).size(), 2u);
  }
}

}  // namespace
}  // namespace tf::policy
