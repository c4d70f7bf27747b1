#include "rego/builtins/builtin_test_util.h"

namespace tf::rego::testing {
namespace {

TEST(ArithmeticBuiltinsTest, AddsExactly) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "plus", {J("0.1"), J("0.2")}), J("0.3"));
  EXPECT_EQ(CallOk(h, "plus", {J("9223372036854775807"), J("1")}), J("9223372036854775808"));
}

TEST(ArithmeticBuiltinsTest, MinusIsAlsoSetDifference) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "minus", {JSet("[1,2,3]"), JSet("[2]")}), JSet("[1,3]"));
  Result<Value> r = h.Call("minus", {J("1"), JSet("[1]")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kEvalTypeError);
  EXPECT_EQ(r.status().message(), "minus: operand 2 must be number but got set");
}

TEST(ArithmeticBuiltinsTest, DivisionByZeroIsABuiltinError) {
  BuiltinHarness h;
  Result<Value> r = h.Call("div", {J("1"), J("0")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kEvalBuiltinError);
  EXPECT_EQ(r.status().message(), "div: divide by zero");
}

TEST(ArithmeticBuiltinsTest, ArgumentCheckerNamesTheOperand) {
  BuiltinHarness h;
  Result<Value> r = h.Call("plus", {J("1"), J(R"("a")")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "plus: operand 2 must be number but got string");
}

TEST(SetBuiltinsTest, IntersectionAndUnionOfSets) {
  BuiltinHarness h;
  Value sets = Value::Set({JSet("[1,2]"), JSet("[2,3]")});
  EXPECT_EQ(CallOk(h, "intersection", {sets}), JSet("[2]"));
  EXPECT_EQ(CallOk(h, "union", {sets}), JSet("[1,2,3]"));
  EXPECT_EQ(CallOk(h, "and", {JSet("[1,2]"), JSet("[2,3]")}), JSet("[2]"));
}

}  // namespace
}  // namespace tf::rego::testing
