#include "core/json.h"

#include <gtest/gtest.h>

namespace tf {
namespace {

TEST(JsonTest, RoundTripsDocuments) {
  const char* text = R"({"a":[1,2.5,"x",null,true],"b":{"c":-3}})";
  Result<Value> v = ParseJson(text);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(ToJson(*v), text);
}

TEST(JsonTest, KeepsNumbersExact) {
  Result<Value> v = ParseJson("[0.1, 123456789012345678901234567890, 1e400, -0.0]");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(ToJson(*v), "[0.1,123456789012345678901234567890,1e+400,0]");
}

TEST(JsonTest, ParsesScalarDocuments) {
  EXPECT_EQ(*ParseJson("\"hi\""), Value::String("hi"));
  EXPECT_EQ(*ParseJson(" 42 "), Value::Int(42));
  EXPECT_EQ(*ParseJson("true"), Value::Bool(true));
  EXPECT_TRUE(ParseJson("null")->is_null());
}

TEST(JsonTest, RejectsInvalidDocuments) {
  for (std::string_view bad :
       {"", "{", "[1,]", "{\"a\" 1}", "01", "[1] x", "\"\xff\"", "nul", "{\"a\":1,}", "[-]"}) {
    Result<Value> v = ParseJson(bad);
    EXPECT_FALSE(v.ok()) << bad;
    if (!v.ok()) EXPECT_EQ(v.status().code(), ErrorCode::kJsonParseError) << bad;
  }
}

TEST(JsonTest, RejectsExcessiveNesting) {
  std::string deep(5000, '[');
  deep += std::string(5000, ']');
  EXPECT_FALSE(ParseJson(deep).ok());
}

TEST(JsonTest, EscapesStrings) {
  std::string out;
  AppendJsonString(out, "a\"b\\c\n\x01<");
  EXPECT_EQ(out, R"("a\"b\\c\n\u0001<")");
  out.clear();
  AppendJsonString(out, "<&>", /*escape_html=*/true);
  EXPECT_EQ(out, R"("\u003c\u0026\u003e")");
  out.clear();
  AppendJsonString(out, "bad\xff");
  EXPECT_EQ(out, "\"bad\xEF\xBF\xBD\"");
}

TEST(JsonTest, PrettyPrintsLikeGo) {
  Value v = *ParseJson(R"({"a":[1,2],"b":{},"c":[]})");
  JsonWriteOptions opts;
  opts.pretty = true;
  opts.indent = "\t";
  EXPECT_EQ(ToJson(v, opts), "{\n\t\"a\": [\n\t\t1,\n\t\t2\n\t],\n\t\"b\": {},\n\t\"c\": []\n}");
}

TEST(JsonTest, WritesSetsAsArraysAndNonStringKeysAsText) {
  Value v = Value::Object({{Value::Int(1), Value::Set({Value::Int(2), Value::Int(1)})}});
  EXPECT_EQ(ToJson(v), R"({"1":[1,2]})");
}

}  // namespace
}  // namespace tf
