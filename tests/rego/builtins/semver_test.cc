#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(SemVerBuiltinsTest, ValidatesVersions) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "semver.is_valid", {S("1.0.0")}), J("true"));
  EXPECT_EQ(CallOk(h, "semver.is_valid", {S("1.0.0-rc.1+build.5")}), J("true"));
  EXPECT_EQ(CallOk(h, "semver.is_valid", {S("1")}), J("false"));
  EXPECT_EQ(CallOk(h, "semver.is_valid", {S("1.0.0.0")}), J("false"));
  EXPECT_EQ(CallOk(h, "semver.is_valid", {S("1.0.0-rc..1")}), J("false"));
  EXPECT_EQ(CallOk(h, "semver.is_valid", {J("1")}), J("false"));
}

TEST(SemVerBuiltinsTest, ComparesByPrecedence) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "semver.compare", {S("1.0.0"), S("2.0.0")}), J("-1"));
  EXPECT_EQ(CallOk(h, "semver.compare", {S("2.0.0"), S("1.0.0")}), J("1"));
  EXPECT_EQ(CallOk(h, "semver.compare", {S("1.0.0+a"), S("1.0.0+b")}), J("0"));
  EXPECT_EQ(CallOk(h, "semver.compare", {S("1.0.0-alpha"), S("1.0.0")}), J("-1"));
  EXPECT_EQ(CallOk(h, "semver.compare", {S("1.0.0-alpha.1"), S("1.0.0-alpha.beta")}), J("-1"));
  EXPECT_EQ(CallOk(h, "semver.compare", {S("1.0.0-rc.11"), S("1.0.0-rc.2")}), J("1"));
  EXPECT_EQ(CallOk(h, "semver.compare", {S("1.0.0-alpha.1"), S("1.0.0-alpha")}), J("1"));
}

TEST(SemVerBuiltinsTest, InvalidVersionsNameTheOperand) {
  BuiltinHarness h;
  ExpectBuiltinError(h, "semver.compare", {S("1"), S("1.0.0")},
                     R"(semver.compare: operand 1: string "1" is not a valid SemVer)");
  ExpectBuiltinError(h, "semver.compare", {S("1.0.0"), S("x")},
                     R"(semver.compare: operand 2: string "x" is not a valid SemVer)");
}

}  // namespace
}  // namespace tf::rego::testing
