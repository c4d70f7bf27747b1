// Which rule refs are boolean by definition, so that activation need not check their values.
#include "policy/internal/rule_lookup.h"

#include <gtest/gtest.h>

#include "testing/value_testing.h"

namespace tf::policy::internal {
namespace {

using ::tf::testing::J;

rego::CompiledPolicy Compile(const std::string& text) {
  Result<rego::CompiledPolicy> policy = rego::CompiledPolicy::Compile({{"t.rego", text}}, {});
  EXPECT_TRUE(policy.ok()) << policy.status().ToString();
  return std::move(*policy);
}

bool Boolean(const std::string& text, std::string_view ref, const Value& data = J("{}")) {
  return IsBooleanByDefinition(Compile(text), data, ref);
}

TEST(RuleLookupTest, RulesWithBooleanOrImplicitValuesAreBooleanByDefinition) {
  EXPECT_TRUE(Boolean("package t\np if input.x > 1\n", "data.t.p"));
  EXPECT_TRUE(Boolean("package t\ndefault p := false\np := true if input.x > 1\n", "data.t.p"));
  EXPECT_TRUE(Boolean("package t\np if { input.x > 1 } else := false\n", "data.t.p"));
}

TEST(RuleLookupTest, ComputedOrNonBooleanValuesAreNot) {
  EXPECT_FALSE(Boolean("package t\np := input.x\n", "data.t.p"));
  EXPECT_FALSE(Boolean("package t\np if { input.x > 1 } else := input.y\n", "data.t.p"));
  EXPECT_FALSE(Boolean("package t\np := 1\n", "data.t.p"));
}

TEST(RuleLookupTest, OtherContributorsToThePathAreNot) {
  // Base data at the path, or a non-object on its way.
  EXPECT_FALSE(Boolean("package t\np if true\n", "data.t.p", J(R"({"t": {"p": "x"}})")));
  EXPECT_FALSE(Boolean("package t\np if true\n", "data.t.p", J(R"({"t": 1})")));
  EXPECT_TRUE(Boolean("package t\np if true\n", "data.t.p", J(R"({"t": {"q": "x"}})")));
  // Not a complete rule, or not a rule at all.
  EXPECT_FALSE(Boolean("package t\np contains 1 if true\n", "data.t.p"));
  EXPECT_FALSE(Boolean("package t\np.q if true\n", "data.t.p"));
  EXPECT_FALSE(Boolean("package t\np if true\n", "data.t.missing"));
  EXPECT_FALSE(Boolean("package t\nf(x) if x > 1\n", "data.t.f"));
}

}  // namespace
}  // namespace tf::policy::internal
