#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(AggregateBuiltinsTest, CountsElementsEntriesAndCodePoints) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "count", {J("[1,2,3,4]")}), J("4"));
  EXPECT_EQ(CallOk(h, "count", {J(R"({"a":1,"b":2})")}), J("2"));
  EXPECT_EQ(CallOk(h, "count", {JSet("[1,2,2]")}), J("2"));
  EXPECT_EQ(CallOk(h, "count", {S("åäö")}), J("3"));
  EXPECT_EQ(CallOk(h, "count", {S("a\xff\xfe")}), J("3"));  // invalid bytes count one each
  ExpectTypeError(h, "count", {J("1")},
                  "count: operand 1 must be one of {array, object, set, string} but got number");
}

TEST(AggregateBuiltinsTest, SumAndProductAreExact) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "sum", {J("[1,2,3,4]")}), J("10"));
  EXPECT_EQ(CallOk(h, "sum", {JSet("[1,2,3,4]")}), J("10"));
  EXPECT_EQ(CallOk(h, "sum", {J("[0.1,0.2]")}), J("0.3"));
  EXPECT_EQ(CallOk(h, "sum", {J("[9223372036854775807,1]")}), J("9223372036854775808"));
  EXPECT_EQ(CallOk(h, "sum", {J("[]")}), J("0"));
  EXPECT_EQ(CallOk(h, "product", {J("[1,2,3,4]")}), J("24"));
  EXPECT_EQ(CallOk(h, "product", {J("[]")}), J("1"));
  EXPECT_EQ(CallOk(h, "product", {J("[1.5,2]")}), J("3"));
}

TEST(AggregateBuiltinsTest, SumRejectsNonNumbersWithElementError) {
  BuiltinHarness h;
  ExpectTypeError(h, "sum", {J(R"([1,"a"])")},
                  "sum: operand 1 must be array of numbers but got array containing string");
  ExpectTypeError(h, "product", {Value::Set({J("1"), J("null")})},
                  "product: operand 1 must be set of numbers but got set containing null");
  ExpectTypeError(h, "sum", {J("{}")}, "sum: operand 1 must be one of {set, array} but got object");
}

TEST(AggregateBuiltinsTest, MaxMinOfEmptyCollectionIsUndefined) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "max", {J("[1,4,2]")}), J("4"));
  EXPECT_EQ(CallOk(h, "min", {JSet("[3,1,2]")}), J("1"));
  EXPECT_EQ(CallOk(h, "max", {J(R"([1,"a",null])")}), J(R"("a")"));
  ExpectUndefined(h, "max", {J("[]")});
  ExpectUndefined(h, "min", {Value::EmptySet()});
}

TEST(AggregateBuiltinsTest, SortOrdersAcrossKinds) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "sort", {J(R"([4,"a",null,[1],false])")}), J(R"([null,false,4,"a",[1]])"));
  EXPECT_EQ(CallOk(h, "sort", {JSet("[3,1,2]")}), J("[1,2,3]"));
}

TEST(AggregateBuiltinsTest, DeprecatedAnyAndAll) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "all", {J("[true,true]")}), J("true"));
  EXPECT_EQ(CallOk(h, "all", {J("[true,1]")}), J("false"));
  EXPECT_EQ(CallOk(h, "all", {J("[]")}), J("true"));
  EXPECT_EQ(CallOk(h, "any", {JSet("[false,true]")}), J("true"));
  EXPECT_EQ(CallOk(h, "any", {J("[]")}), J("false"));
}

TEST(AggregateBuiltinsTest, MembershipOverEachCollectionKind) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "internal.member_2", {J("1"), JSet("[1]")}), J("true"));
  EXPECT_EQ(CallOk(h, "internal.member_2", {J("1"), J(R"({"foo":1})")}), J("true"));
  EXPECT_EQ(CallOk(h, "internal.member_2", {J("1"), J("[2]")}), J("false"));
  EXPECT_EQ(CallOk(h, "internal.member_2", {J("1"), S("foo")}), J("false"));
  EXPECT_EQ(CallOk(h, "internal.member_3", {J("1"), S("two"), J(R"(["one","two"])")}), J("true"));
  EXPECT_EQ(CallOk(h, "internal.member_3", {S("foo"), J("1"), J(R"({"foo":1})")}), J("true"));
  EXPECT_EQ(CallOk(h, "internal.member_3", {J("1"), J("1"), JSet("[1]")}), J("true"));
  EXPECT_EQ(CallOk(h, "internal.member_3", {J("1"), S("foo"), J("1")}), J("false"));
}

}  // namespace
}  // namespace tf::rego::testing
