#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(JsonPathBuiltinsTest, FilterKeepsNamedPaths) {
  BuiltinHarness h;
  Value doc = J(R"({"a":{"b":{"c":7,"d":8}},"e":9})");
  EXPECT_EQ(CallOk(h, "json.filter", {doc, JSet(R"(["a/b/c"])")}), J(R"({"a":{"b":{"c":7}}})"));
  EXPECT_EQ(CallOk(h, "json.filter", {doc, J(R"(["a/b/c","e"])")}),
            J(R"({"a":{"b":{"c":7}},"e":9})"));
  EXPECT_EQ(CallOk(h, "json.filter", {doc, Value::Set({J(R"(["a","b","c"])"), J(R"(["e"])")})}),
            J(R"({"a":{"b":{"c":7}},"e":9})"));
  EXPECT_EQ(CallOk(h, "json.filter", {J(R"({"a":{"b":7}})"), JSet(R"(["a","a/b"])")}),
            J(R"({"a":{"b":7}})"));
  EXPECT_EQ(
      CallOk(h, "json.filter", {J(R"({"a":[{"b":7,"c":8},{"d":9}]})"), JSet(R"(["a/0/b","a/1"])")}),
      J(R"({"a":[{"b":7},{"d":9}]})"));
  EXPECT_EQ(CallOk(h, "json.filter",
                   {J(R"({"a":[{"1":["b","c","d"]},{"x":"y"}]})"), JSet(R"(["a/0/1/2"])")}),
            J(R"({"a":[{"1":["d"]}]})"));
  EXPECT_EQ(CallOk(h, "json.filter", {J(R"({"a/b":1,"c~d":2})"), J(R"(["a~1b","/c~0d"])")}),
            J(R"({"a/b":1,"c~d":2})"));
}

TEST(JsonPathBuiltinsTest, RemoveDropsNamedPaths) {
  BuiltinHarness h;
  EXPECT_EQ(
      CallOk(h, "json.remove", {J(R"({"a":{"b":{"c":7,"d":8}},"e":9})"), J(R"(["a/b/c","e"])")}),
      J(R"({"a":{"b":{"d":8}}})"));
  EXPECT_EQ(CallOk(h, "json.remove", {J(R"({"a":{"b":7},"c":1})"), JSet(R"(["a","a/b"])")}),
            J(R"({"c":1})"));
  EXPECT_EQ(CallOk(h, "json.remove", {J(R"({"a":7})"), Value::EmptySet()}), J(R"({"a":7})"));
  EXPECT_EQ(CallOk(h, "json.remove", {J(R"({"a":{"b":7},"c":1})"), JSet(R"(["a/b","c"])")}),
            J(R"({"a":{}})"));
  EXPECT_EQ(
      CallOk(h, "json.remove", {J(R"({"a":[{"b":7,"c":8},{"d":9}]})"), JSet(R"(["a/0/b","a/1"])")}),
      J(R"({"a":[{"c":8}]})"));
}

TEST(JsonPathBuiltinsTest, OperandErrors) {
  BuiltinHarness h;
  ExpectTypeError(h, "json.remove", {J("22"), JSet(R"(["a"])")},
                  "json.remove: operand 1 must be object but got number");
  ExpectTypeError(h, "json.remove", {J("{}"), S("foo")},
                  "json.remove: operand 2 must be one of {set, array} but got string");
  ExpectTypeError(h, "json.remove", {J("{}"), J(R"(["a",1])")},
                  "json.remove: operand 2 must be one of {set, array} containing string paths or "
                  "array of path segments but got number");
  ExpectTypeError(h, "json.filter", {J("{}"), Value::Set({S("a"), J(R"({"x":1})")})},
                  "json.filter: operand 2 must be one of {set, array} containing string paths or "
                  "array of path segments but got object");
}

TEST(JsonPatchBuiltinTest, AppliesOperationsInOrder) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "json.patch",
                   {J(R"({"a":{"foo":1}})"), J(R"([{"op":"add","path":"/a/bar","value":2}])")}),
            J(R"({"a":{"foo":1,"bar":2}})"));
  EXPECT_EQ(CallOk(h, "json.patch", {J(R"({"a":[1,3]})"), J(R"([{"op":"add","path":"a/1","value":2},
                                                {"op":"add","path":"a/-","value":4},
                                                {"op":"remove","path":"a/0"},
                                                {"op":"replace","path":"a/0","value":9},
                                                {"op":"copy","from":"a/0","path":"b"},
                                                {"op":"move","from":"a","path":"c"},
                                                {"op":"test","path":"b","value":9}])")}),
            J(R"({"b":9,"c":[9,3,4]})"));
  EXPECT_EQ(CallOk(h, "json.patch", {J("1"), J(R"([{"op":"replace","path":"","value":2}])")}),
            J("2"));
}

TEST(JsonPatchBuiltinTest, PatchesSets) {
  BuiltinHarness h;
  Value doc = Value::Object({{S("foo"), JSet(R"(["a","b","c"])")}});
  EXPECT_EQ(CallOk(h, "json.patch", {doc, J(R"([{"op":"remove","path":"foo/b"}])")}),
            Value::Object({{S("foo"), JSet(R"(["a","c"])")}}));
  EXPECT_EQ(CallOk(h, "json.patch", {doc, J(R"([{"op":"add","path":"foo/d","value":"d"}])")}),
            Value::Object({{S("foo"), JSet(R"(["a","b","c","d"])")}}));
  ExpectUndefined(h, "json.patch", {doc, J(R"([{"op":"add","path":"foo/d","value":"e"}])")});
  EXPECT_EQ(CallOk(h, "json.patch",
                   {Value::Set({J("[1]")}), J(R"([{"op":"add","path":[[1],1],"value":2}])")}),
            Value::Set({J("[1,2]")}));
}

TEST(JsonPatchBuiltinTest, FailedPatchesAreUndefined) {
  BuiltinHarness h;
  ExpectUndefined(h, "json.patch", {J("[1,2,3]"), J(R"([{"op":"add","path":"1.2","value":"x"}])")});
  ExpectUndefined(h, "json.patch", {J("{}"), J(R"([{"op":"remove","path":"a"}])")});
  ExpectUndefined(h, "json.patch", {J("{}"), J(R"([{"op":"jump","path":"a"}])")});
  ExpectUndefined(h, "json.patch", {J(R"({"a":1})"), J(R"([{"op":"test","path":"a","value":2}])")});
  ExpectUndefined(h, "json.patch", {J("[]"), J(R"([{"op":"add","path":"5","value":1}])")});
  ExpectUndefined(h, "json.patch", {J("{}"), J("[1]")});
  ExpectTypeError(h, "json.patch", {J("{}"), J("{}")},
                  "json.patch: operand 2 must be array but got object");
}

TEST(WalkBuiltinTest, YieldsEveryPathInPreOrder) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "walk", {J("1")}), J("[[[],1]]"));
  EXPECT_EQ(CallOk(h, "walk", {J(R"({"b":[true],"a":null})")}),
            J(R"([[[],{"a":null,"b":[true]}],[["a"],null],[["b"],[true]],[["b",0],true]])"));
  EXPECT_EQ(CallOk(h, "walk", {JSet(R"(["x"])")}),
            Value::Array({Value::Array({J("[]"), JSet(R"(["x"])")}), J(R"([["x"],"x"])")}));
  const BuiltinDecl* decl = BuiltinRegistry::Default().Find("walk");
  ASSERT_NE(decl, nullptr);
  EXPECT_EQ(decl->flags, BuiltinFlags::kRelation);
}

}  // namespace
}  // namespace tf::rego::testing
