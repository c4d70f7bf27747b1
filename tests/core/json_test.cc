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

// Keys are interned per parse in a table that grows and bounds its probes: many distinct keys,
// and the same keys in every element, must all come back as written.
TEST(JsonTest, ParsesManyDistinctAndRepeatedKeys) {
  std::string text = "{";
  for (int i = 0; i < 5000; ++i) {
    if (i > 0) text += ',';
    text += "\"key" + std::to_string(i) + "\":" + std::to_string(i);
  }
  text += ",\"rows\":[";
  for (int i = 0; i < 100; ++i) {
    if (i > 0) text += ',';
    text += "{\"id\":" + std::to_string(i) + ",\"key7\":\"x\"}";
  }
  text += "]}";
  Result<Value> doc = ParseJson(text);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->size(), 5001u);
  for (int i = 0; i < 5000; i += 499) {
    const Value* v = doc->Find("key" + std::to_string(i));
    ASSERT_NE(v, nullptr) << i;
    EXPECT_EQ(*v, Value::Int(i));
  }
  const Value* rows = doc->Find("rows");
  ASSERT_NE(rows, nullptr);
  ASSERT_EQ(rows->size(), 100u);
  EXPECT_EQ(*rows->array()[99].Find("id"), Value::Int(99));
  EXPECT_EQ(*rows->array()[99].Find("key7"), Value::String("x"));
  Result<Value> again = ParseJson(ToJson(*doc));  // objects come back sorted by key
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *doc);
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
