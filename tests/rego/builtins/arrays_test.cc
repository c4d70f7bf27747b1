#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(ArrayBuiltinsTest, ConcatAndReverse) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "array.concat", {J("[1,2]"), J("[3]")}), J("[1,2,3]"));
  EXPECT_EQ(CallOk(h, "array.reverse", {J("[1,2,3]")}), J("[3,2,1]"));
  EXPECT_EQ(CallOk(h, "array.reverse", {J("[]")}), J("[]"));
  ExpectTypeError(h, "array.concat", {J("{}"), J("[3]")},
                  "array.concat: operand 1 must be array but got object");
}

TEST(ArrayBuiltinsTest, SliceClampsIndexes) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "array.slice", {J("[1,2,3,4,5]"), J("1"), J("3")}), J("[2,3]"));
  EXPECT_EQ(CallOk(h, "array.slice", {J("[1,2,3,4,5]"), J("-4"), J("-1")}), J("[]"));
  EXPECT_EQ(CallOk(h, "array.slice", {J("[1,2,3,4,5]"), J("4"), J("1")}), J("[]"));
  EXPECT_EQ(CallOk(h, "array.slice", {J("[1,2,3,4,5]"), J("3"), J("6")}), J("[4,5]"));
  EXPECT_EQ(CallOk(h, "array.slice", {J("[1,2,3]"), J("1000"), J("2000")}), J("[]"));
  ExpectTypeError(h, "array.slice", {J("[1]"), J("0.5"), J("1")},
                  "array.slice: operand 2 must be integer number but got floating-point number");
}

TEST(ArrayBuiltinsTest, FlattenOneLevel) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "array.flatten", {J(R"([[1,2],"s",[3,{"a":"b"}],4.5,[6,[7,8]]])")}),
            J(R"([1,2,"s",3,{"a":"b"},4.5,6,[7,8]])"));
  ExpectTypeError(h, "array.flatten", {J("42")},
                  "array.flatten: operand 1 must be array but got number");
}

}  // namespace
}  // namespace tf::rego::testing
