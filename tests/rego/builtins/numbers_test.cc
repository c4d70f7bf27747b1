#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(NumberBuiltinsTest, RangeAscendsOrDescendsInclusively) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "numbers.range", {J("-2"), J("3")}), J("[-2,-1,0,1,2,3]"));
  EXPECT_EQ(CallOk(h, "numbers.range", {J("2"), J("-3")}), J("[2,1,0,-1,-2,-3]"));
  EXPECT_EQ(CallOk(h, "numbers.range", {J("5"), J("5")}), J("[5]"));
  EXPECT_EQ(CallOk(h, "numbers.range", {J("9223372036854775806"), J("9223372036854775808")}),
            J("[9223372036854775806,9223372036854775807,9223372036854775808]"));
  ExpectTypeError(h, "numbers.range", {J("3.14"), J("4")},
                  "numbers.range: operand 1 must be integer number but got floating-point number");
}

TEST(NumberBuiltinsTest, RangeStepSkipsAndStopsBeforeTheEnd) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "numbers.range_step", {J("0"), J("10"), J("2")}), J("[0,2,4,6,8,10]"));
  EXPECT_EQ(CallOk(h, "numbers.range_step", {J("0"), J("-10"), J("2")}), J("[0,-2,-4,-6,-8,-10]"));
  EXPECT_EQ(CallOk(h, "numbers.range_step", {J("2"), J("5"), J("2")}), J("[2,4]"));
  EXPECT_EQ(CallOk(h, "numbers.range_step", {J("0"), J("10"), J("99999999999999999999")}),
            J("[0]"));
  ExpectBuiltinError(h, "numbers.range_step", {J("0"), J("10"), J("-2")},
                     "numbers.range_step: numbers.range_step: step must be a positive integer");
}

TEST(NumberBuiltinsTest, HugeRangesFailInsteadOfExhaustingMemory) {
  BuiltinHarness h;
  ExpectBuiltinError(h, "numbers.range", {J("0"), J("1000000000000")},
                     "numbers.range: range exceeds 16777216 numbers");
}

}  // namespace
}  // namespace tf::rego::testing
