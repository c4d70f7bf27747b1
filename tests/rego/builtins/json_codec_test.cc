#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(JsonCodecBuiltinsTest, MarshalIsCompactGoJson) {
  BuiltinHarness h;
  EXPECT_EQ(
      CallOk(h, "json.marshal", {Value::Array({Value::Object({{S("foo"), JSet("[1,2,3]")}})})}),
      S(R"([{"foo":[1,2,3]}])"));
  EXPECT_EQ(CallOk(h, "json.marshal", {S("<a&b>")}), S(R"("\u003ca\u0026b\u003e")"));
  EXPECT_EQ(CallOk(h, "json.marshal", {J("[1234567890, 2000000, 1e9]")}),
            S("[1234567890,2000000,1000000000]"));
}

TEST(JsonCodecBuiltinsTest, MarshalWithOptions) {
  BuiltinHarness h;
  Value arr = J("[1, 2]");
  EXPECT_EQ(CallOk(h, "json.marshal_with_options", {arr, J(R"({"indent":"  "})")}),
            S("[\n  1,\n  2\n]"));
  EXPECT_EQ(CallOk(h, "json.marshal_with_options", {arr, J("{}")}), S("[1,2]"));
  EXPECT_EQ(CallOk(h, "json.marshal_with_options", {arr, J(R"({"pretty":true})")}),
            S("[\n\t1,\n\t2\n]"));
  EXPECT_EQ(CallOk(h, "json.marshal_with_options",
                   {arr, J(R"({"pretty":false,"prefix":"NO!","indent":"BAD!"})")}),
            S("[1,2]"));
  EXPECT_EQ(CallOk(h, "json.marshal_with_options",
                   {J(R"({"foo":"bar","bar":"baz"})"), J(R"({"prefix":"J "})")}),
            S("J {\nJ \t\"bar\": \"baz\",\nJ \t\"foo\": \"bar\"\nJ }"));
  EXPECT_EQ(
      CallOk(h, "json.marshal_with_options", {J("[]"), J(R"({"indent":"    ","prefix":"---"})")}),
      S("---[]"));
  EXPECT_EQ(CallOk(h, "json.marshal_with_options", {J("[[[]]]"), J(R"({"indent":" "})")}),
            S("[\n [\n  []\n ]\n]"));
  ExpectTypeError(h, "json.marshal_with_options", {J("[]"), J(R"({"indent":" ","x":true})")},
                  R"(json.marshal_with_options: operand 2 object contained unknown key "x")");
}

TEST(JsonCodecBuiltinsTest, UnmarshalAndIsValid) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "json.unmarshal", {S(R"([{"foo":[1,2,3]}])")}), J(R"([{"foo":[1,2,3]}])"));
  Result<Value> bad = h.Call("json.unmarshal", {S("{")});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kEvalBuiltinError);
  ExpectTypeError(h, "json.unmarshal", {J("1")},
                  "json.unmarshal: operand 1 must be string but got number");
  EXPECT_EQ(CallOk(h, "json.is_valid", {S("plainstring")}), J("false"));
  EXPECT_EQ(CallOk(h, "json.is_valid", {S(R"({"json": "ok"})")}), J("true"));
  EXPECT_EQ(CallOk(h, "json.is_valid", {J("1")}), J("false"));
}

}  // namespace
}  // namespace tf::rego::testing
