#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(ObjectBuiltinsTest, GetByKeyOrPath) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "object.get", {J(R"({"a":"b"})"), S("a"), S("c")}), S("b"));
  EXPECT_EQ(CallOk(h, "object.get", {J(R"({"a":"b"})"), S("c"), S("c")}), S("c"));
  EXPECT_EQ(CallOk(h, "object.get", {Value::Object({{J("1"), J("2")}}), J("1"), J("3")}), J("2"));
  EXPECT_EQ(CallOk(h, "object.get", {J(R"({"a":[{"b":true}]})"), J(R"(["a",0,"b"])"), J("false")}),
            J("true"));
  EXPECT_EQ(CallOk(h, "object.get", {J(R"({"a":[{"b":true}]})"), J(R"(["a","0","b"])"), J("7")}),
            J("7"));
  EXPECT_EQ(CallOk(h, "object.get", {J(R"({"a":1})"), J("[]"), J("7")}), J(R"({"a":1})"));
  EXPECT_EQ(CallOk(h, "object.get",
                   {Value::Object({{S("s"), JSet(R"(["x"])")}}), J(R"(["s","x"])"), J("0")}),
            S("x"));
}

TEST(ObjectBuiltinsTest, KeysRemoveAndFilter) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "object.keys", {J(R"({"a":1,"b":2})")}), JSet(R"(["a","b"])"));
  EXPECT_EQ(CallOk(h, "object.remove", {J(R"({"a":1,"b":2,"c":3})"), J(R"(["a","x"])")}),
            J(R"({"b":2,"c":3})"));
  EXPECT_EQ(CallOk(h, "object.remove", {J(R"({"a":1,"b":2})"), J(R"({"b":0})")}), J(R"({"a":1})"));
  EXPECT_EQ(CallOk(h, "object.filter", {J(R"({"a":{"x":1},"b":2})"), JSet(R"(["a"])")}),
            J(R"({"a":{"x":1}})"));
  ExpectTypeError(h, "object.remove", {J(R"({"a":1})"), S("a")},
                  "object.remove: operand 2 must be one of {object, set, array} but got string");
  ExpectTypeError(h, "object.filter", {J("[]"), J("[]")},
                  "object.filter: operand 1 must be object but got array");
  ExpectTypeError(h, "object.keys", {S("object")},
                  "object.keys: operand 1 must be object but got string");
}

TEST(ObjectBuiltinsTest, UnionMergesRecursivelyRightWins) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "object.union",
                   {J(R"({"a":1,"b":2,"c":{"d":3}})"), J(R"({"a":7,"c":{"d":4,"e":5}})")}),
            J(R"({"a":7,"b":2,"c":{"d":4,"e":5}})"));
  EXPECT_EQ(CallOk(h, "object.union_n", {J(R"([{"a":{"b":2}},{"a":4},{"a":{"c":3}}])")}),
            J(R"({"a":{"c":3}})"));
  EXPECT_EQ(CallOk(h, "object.union_n", {J("[]")}), J("{}"));
  ExpectTypeError(h, "object.union_n", {J(R"([{"foo":1},"baz"])")},
                  "object.union_n: operand 1 must be array of objects but got array containing "
                  "string");
  ExpectTypeError(h, "object.union", {J("[]"), J("{}")},
                  "object.union: operand 1 must be object but got array");
}

TEST(ObjectBuiltinsTest, SubsetPerKindPair) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "object.subset",
                   {J(R"({"a":5,"n":{"x":10,"s":[6,7,8]}})"), J(R"({"n":{"s":[7,8]}})")}),
            J("true"));
  EXPECT_EQ(CallOk(h, "object.subset", {J(R"({"a":5,"b":7})"), J(R"({"a":5,"b":10})")}),
            J("false"));
  EXPECT_EQ(CallOk(h, "object.subset", {JSet("[1,2,3]"), JSet("[3,2]")}), J("true"));
  EXPECT_EQ(CallOk(h, "object.subset", {J("[1,2,3,4,5,6]"), J("[3,4,5]")}), J("true"));
  EXPECT_EQ(CallOk(h, "object.subset", {J("[1,2,3,4,5,6]"), J("[4,5,6,8]")}), J("false"));
  EXPECT_EQ(CallOk(h, "object.subset", {J("[1,2,3,4,5,6]"), JSet("[4,3,2]")}), J("true"));
  EXPECT_EQ(CallOk(h, "object.subset", {J("[]"), Value::EmptySet()}), J("false"));
  ExpectTypeError(h, "object.subset", {JSet("[1]"), J("[1]")},
                  "object.subset: both arguments object.subset must be of the same type or array "
                  "and set");
}

}  // namespace
}  // namespace tf::rego::testing
