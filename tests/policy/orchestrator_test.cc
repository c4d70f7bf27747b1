// The orchestrator as the server calls it: verdict semantics (fail closed), decision format,
// metrics, logs without context values, and concurrent use.
#include "policy/orchestrator.h"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "core/canonical_json.h"
#include "core/json.h"
#include "core/sha256.h"
#include "policy/basic_selector.h"
#include "policy/testing/pack_testing.h"
#include "testing/value_testing.h"

namespace tf::policy {
namespace {

using testing::MustCompile;
using testing::SimplePack;
using ::tf::testing::J;

constexpr const char* kManifest = R"(id: verdict.v1
version: "1"
rules:
  - {id: passes, ref: data.t.yes, cost: 1, severity: low, reason: "never shown"}
  - {id: is_false, ref: data.t.no, cost: 2, severity: high, reason: "no for {input.name}"}
  - {id: undefined, ref: data.t.undef, cost: 3, severity: medium, reason: "missing {input.absent}"}
  - {id: not_bool, ref: data.t.nb, cost: 4, severity: low, reason: "value {input.v}"}
  - {id: errors, ref: data.t.err, cost: 5, severity: critical, reason: "bad {to_number(input.s)}"}
  - {id: gated, ref: data.t.no, cost: 0, severity: low, reason: "gated", activation: [input.gate]}
input_schema:
  type: object
  properties:
    name: {type: string}
    gate: {type: boolean}
)";

constexpr const char* kRego = R"(package t
yes := true
no := false
undef if input.never
nb := input.v
err if to_number(input.s) > 1
)";

// Keeps every log line (thread-safe, as a Logger must be).
class RecordingLogger final : public Logger {
 public:
  void Log(LogLevel, std::string_view event, const Value& fields) override {
    std::lock_guard<std::mutex> lock(mu_);
    lines.push_back(std::string(event) + " " + ToJson(fields));
  }
  std::vector<std::string> lines;

 private:
  std::mutex mu_;
};

class OrchestratorTest : public ::testing::Test {
 protected:
  std::unique_ptr<CompiledPack> pack_ = MustCompile(SimplePack(kManifest, kRego));
  MetricsRegistry metrics_;
  RecordingLogger logger_;
  FakeClock clock_{1'700'000'000'000'000'000};
  Orchestrator orchestrator_{metrics_, logger_, clock_, {.log_each_plan = true}};
  BasicSelector basic_;
  Value input_ = J(R"({"name": "s3cr3t-name", "v": "text", "s": "x", "gate": false})");
};

TEST_F(OrchestratorTest, OnlyTrueRulesPassAndEverythingElseFailsClosed) {
  Decision d = orchestrator_.Decide(*pack_, input_, basic_).value();
  EXPECT_FALSE(d.allow);
  ASSERT_EQ(d.violations.size(), 4u);
  EXPECT_EQ(d.violations[0].rule, "is_false");
  EXPECT_EQ(d.violations[0].verdict, RuleVerdict::kFalse);
  EXPECT_EQ(d.violations[0].reason, "no for s3cr3t-name");
  EXPECT_EQ(d.violations[0].severity, Severity::kHigh);
  EXPECT_EQ(d.violations[1].verdict, RuleVerdict::kUndefined);
  EXPECT_EQ(d.violations[1].reason, "missing <undefined>");
  EXPECT_EQ(d.violations[2].verdict, RuleVerdict::kNotBoolean);
  EXPECT_EQ(d.violations[2].reason, "value text [rule value is not boolean]");
  EXPECT_EQ(d.violations[3].verdict, RuleVerdict::kError);
  EXPECT_EQ(d.violations[3].reason, "bad <error> [evaluation error: eval_builtin_error]");
  EXPECT_EQ(d.violations[3].error.code(), ErrorCode::kEvalBuiltinError);
}

TEST_F(OrchestratorTest, DecisionJsonHasTheServerFormat) {
  Decision d = orchestrator_.Decide(*pack_, input_, basic_).value();
  Value json = DecisionToValue(d);
  std::string input_hash = DigestHex(Sha256(CanonicalJson(input_).value()));
  EXPECT_EQ(json, J(R"({"allow": false, "violations": [
      {"rule": "is_false", "reason": "no for s3cr3t-name"},
      {"rule": "undefined", "reason": "missing <undefined>"},
      {"rule": "not_bool", "reason": "value text [rule value is not boolean]"},
      {"rule": "errors", "reason": "bad <error> [evaluation error: eval_builtin_error]"}],
    "plan_hash": ")" +
                    d.plan.plan_hash + R"(", "pack_hash": ")" + pack_->hash() +
                    R"(", "input_hash": ")" + input_hash + R"("})"));
}

TEST_F(OrchestratorTest, AllowsWhenEveryPlannedRulePasses) {
  std::unique_ptr<CompiledPack> pack = MustCompile(SimplePack(
      "id: ok.v1\nversion: \"1\"\nrules:\n  - {id: a, ref: data.t.yes, cost: 1, severity: low, "
      "reason: r}\n",
      kRego));
  Decision d = orchestrator_.Decide(*pack, J("{}"), basic_).value();
  EXPECT_TRUE(d.allow);
  EXPECT_TRUE(d.violations.empty());
  EXPECT_EQ(DecisionToValue(d).Find("violations")->size(), 0u);
}

TEST_F(OrchestratorTest, InactiveRulesAreNotEvaluated) {
  Decision gated_off = orchestrator_.Decide(*pack_, input_, basic_).value();
  for (const Violation& v : gated_off.violations)
    EXPECT_NE(v.rule, "gated");
  Value gate_on = J(R"({"name": "n", "v": true, "s": "0", "gate": true})");
  Decision gated_on = orchestrator_.Decide(*pack_, gate_on, basic_).value();
  ASSERT_FALSE(gated_on.violations.empty());
  EXPECT_EQ(gated_on.violations[0].rule, "gated");  // cost 0 runs first
}

TEST_F(OrchestratorTest, StopAtFirstViolationKeepsTheVerdict) {
  Decision d =
      orchestrator_.Decide(*pack_, input_, basic_, {.stop_at_first_violation = true}).value();
  EXPECT_FALSE(d.allow);
  ASSERT_EQ(d.violations.size(), 1u);
  EXPECT_EQ(d.violations[0].rule, "is_false");
}

TEST_F(OrchestratorTest, InputOutsideTheSchemaIsRefusedAndCounted) {
  Value bad = J(R"({"name": 7})");
  EXPECT_STATUS(orchestrator_.Decide(*pack_, bad, basic_).status(),
                ErrorCode::kInputSchemaViolation, "name");
  EXPECT_EQ(metrics_.Render().find("adapt_selection_failures_total 1") != std::string::npos, true)
      << metrics_.Render();
  DecideOptions unchecked;
  unchecked.validate_input = false;
  EXPECT_TRUE(orchestrator_.Decide(*pack_, bad, basic_, unchecked).ok());
}

TEST_F(OrchestratorTest, RecordsTheAdaptMetrics) {
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(orchestrator_.MakePlan(*pack_, input_, basic_).ok());
  ASSERT_TRUE(orchestrator_.MakePlan(*pack_, input_, ExhaustiveSelector()).ok());
  EXPECT_FALSE(orchestrator_.MakePlan(*pack_, J(R"({"gate": 1})"), basic_).ok());
  std::string text = metrics_.Render();
  EXPECT_NE(text.find("adapt_plans_total{selector=\"basic\"} 3"), std::string::npos) << text;
  EXPECT_NE(text.find("adapt_plans_total{selector=\"all\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("adapt_selected_rules_total 21"), std::string::npos) << text;  // 3*5 + 6
  EXPECT_NE(text.find("adapt_selection_failures_total 1"), std::string::npos) << text;
  // Input validation is not selection: the refused input was counted but not timed.
  EXPECT_NE(text.find("adapt_selection_latency_seconds_count 4"), std::string::npos) << text;
}

TEST_F(OrchestratorTest, LatencyIsMeasuredOnTheInjectedClock) {
  ASSERT_TRUE(orchestrator_.MakePlan(*pack_, input_, basic_).ok());
  std::string text = metrics_.Render();
  // The fake clock does not move, so the one observation is 0 s and lands in the first bucket.
  EXPECT_NE(text.find("adapt_selection_latency_seconds_sum 0"), std::string::npos) << text;
}

TEST_F(OrchestratorTest, LogsNamePackHashAndRulesButNeverContextValues) {
  ASSERT_TRUE(orchestrator_.Decide(*pack_, input_, basic_).ok());
  EXPECT_FALSE(orchestrator_.MakePlan(*pack_, J(R"({"name": ["s3cr3t-list"]})"), basic_).ok());
  ASSERT_EQ(logger_.lines.size(), 2u);
  EXPECT_NE(logger_.lines[0].find("adapt_plan "), std::string::npos);
  EXPECT_NE(logger_.lines[0].find(pack_->hash()), std::string::npos);
  EXPECT_NE(logger_.lines[0].find("\"is_false\""), std::string::npos);
  EXPECT_NE(logger_.lines[1].find("adapt_selection_failed "), std::string::npos);
  EXPECT_NE(logger_.lines[1].find("input_schema_violation"), std::string::npos);
  for (const std::string& line : logger_.lines) {
    EXPECT_EQ(line.find("s3cr3t"), std::string::npos) << line;
  }
}

TEST_F(OrchestratorTest, EvaluatesARecordedPlanOnlyForItsPack) {
  Plan plan = orchestrator_.MakePlan(*pack_, input_, basic_).value();
  Decision d = orchestrator_.Evaluate(*pack_, plan, input_).value();
  EXPECT_EQ(d.plan.plan_hash, plan.plan_hash);
  EXPECT_EQ(d.violations.size(), 4u);
  std::unique_ptr<CompiledPack> other = MustCompile(SimplePack(
      "id: ok.v1\nversion: \"1\"\nrules:\n  - {id: a, ref: data.t.yes, cost: 1, severity: low, "
      "reason: r}\n",
      kRego));
  EXPECT_EQ(orchestrator_.Evaluate(*other, plan, input_).status().code(),
            ErrorCode::kInvalidArgument);
}

TEST_F(OrchestratorTest, InputWithoutCanonicalFormIsRefused) {
  DecideOptions unchecked;
  unchecked.validate_input = false;
  Value huge = J(R"({"name": 1e400})");
  EXPECT_EQ(orchestrator_.Decide(*pack_, huge, basic_, unchecked).status().code(),
            ErrorCode::kInvalidArgument);
}

TEST_F(OrchestratorTest, ConcurrentDecisionsAgree) {
  Decision expected = orchestrator_.Decide(*pack_, input_, basic_).value();
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        Result<Decision> d = orchestrator_.Decide(*pack_, input_, basic_);
        if (!d.ok() || DecisionToValue(*d) != DecisionToValue(expected)) ++mismatches[t];
      }
    });
  }
  for (std::thread& t : threads)
    t.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace tf::policy
