// The broken variants under tests/smt/packs/broken: each breaks one property of its example
// pack; the prover must find a counterexample, and the interpreter, run here independently of
// the prover, must agree that the property does not hold for it.
#include <gtest/gtest.h>

#include "cli/pack_model.h"
#include "core/json.h"
#include "rego/compiled_policy.h"
#include "rego/evaluator.h"
#include "smt/prover.h"

namespace tf::smt {
namespace {

std::string BrokenDir(const std::string& id) {
  return std::string(TF_SOURCE_DIR) + "/tests/smt/packs/broken/" + id;
}

// What the interpreter says the property is for `input`.
std::string InterpretProperty(const PolicyModel& m, const std::string& ref, const Value& input) {
  Result<rego::CompiledPolicy> compiled =
      rego::CompiledPolicy::Compile(m.modules, {"[" + ref + "]"});
  if (!compiled.ok()) return "compile error";
  rego::Evaluator ev(*compiled);
  rego::EvalOptions opts;
  opts.input = &input;
  opts.data = &m.data;
  opts.strict_builtin_errors = true;
  Result<rego::QueryResult> r = ev.Eval(0, opts);
  if (!r.ok()) return "error";
  if (r->solutions.empty()) return "undefined";
  return ToJson(r->solutions[0].expressions[0].array()[0]);
}

void ExpectBroken(const std::string& id, const std::string& property) {
  Result<PolicyModel> m = cli::LoadPackModel(BrokenDir(id));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  Result<std::vector<Check>> checks = PropertyChecksNamed(*m, property);
  ASSERT_TRUE(checks.ok()) << checks.status().ToString();
  Result<std::vector<CheckResult>> r = Prove(*m, *checks, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const CheckResult& c = (*r)[0];
  ASSERT_EQ(c.verdict, Verdict::kCounterexample) << c.reason;
  ASSERT_FALSE(c.counterexample.interpreter.empty());
  EXPECT_NE(c.counterexample.interpreter[0].outcome, "true");
  std::string independent = InterpretProperty(*m, c.check.a, c.counterexample.input);
  EXPECT_NE(independent, "true") << ToJson(c.counterexample.input);
  std::cout << id << " " << c.name << ": counterexample " << ToJson(c.counterexample.input)
            << " interpreter: " << c.counterexample.interpreter[0].outcome << "\n";
}

TEST(BrokenPacksTest, RetentionFourEyesIsBroken) {
  ExpectBroken("retention.v1", "four_eyes_for_contracts");
}
TEST(BrokenPacksTest, ExportClassRestrictedLeaks) {
  ExpectBroken("export_class.v1", "restricted_stays_internal");
}
TEST(BrokenPacksTest, MinimizationSupportSeesIban) {
  ExpectBroken("minimization.v1", "support_never_sees_iban");
}

}  // namespace
}  // namespace tf::smt
