#include "core/yaml.h"

#include <gtest/gtest.h>

#include "core/json.h"

namespace tf {
namespace {

std::string Y(std::string_view yaml) {
  Result<Value> v = ParseYaml(yaml);
  return v.ok() ? ToJson(*v) : v.status().ToString();
}

TEST(YamlTest, ResolvesPlainScalarsByTheCoreSchema) {
  EXPECT_EQ(
      Y("a: 1\nb: 2.5\nc: true\nd: ~\ne: hello\nf: '1'\ng: 0x1F\nh: -007\ni: 1e3\nj: .5"),
      R"({"a":1,"b":2.5,"c":true,"d":null,"e":"hello","f":"1","g":31,"h":-7,"i":1000,"j":0.5})");
}

TEST(YamlTest, ParsesNestedCollections) {
  EXPECT_EQ(Y("rules:\n  - id: x\n    cost: 3\n  - id: y\n"),
            R"({"rules":[{"cost":3,"id":"x"},{"id":"y"}]})");
  EXPECT_EQ(Y(""), "null");
}

TEST(YamlTest, ReportsErrorsWithTheirPosition) {
  Result<Value> v = ParseYaml("a: [1, 2\nb: 3\n");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), ErrorCode::kYamlParseError);
  EXPECT_NE(v.status().message().find(":"), std::string::npos);
  EXPECT_FALSE(ParseYaml("a: .inf").ok());
  EXPECT_FALSE(ParseYaml("a: 1\n---\nb: 2\n").ok());
  EXPECT_FALSE(ParseYaml("? [a]\n: 1\n").ok());
}

TEST(YamlTest, CountsDocuments) {
  EXPECT_EQ(Y("--- \na: 1\n...\n"), R"({"a":1})");
  EXPECT_EQ(Y("a: 1\n---\nb: 2\n"), "yaml_parse_error: invalid YAML: more than one document");
  EXPECT_EQ(Y("a: 1\n---\nb: 2\n---\nc: 3\n"),
            "yaml_parse_error: invalid YAML: more than one document");
}

// yaml-cpp 0.7 loops for ever on these (a fuzz timeout on a METADATA comment).
TEST(YamlTest, RefusesACommaOutsideAFlowCollection) {
  for (const char* text : {",", ", x", "\"a\", x", " , ]", "a\n...\n,"}) {
    Result<Value> v = ParseYaml(text);
    ASSERT_FALSE(v.ok()) << text;
    EXPECT_EQ(v.status().code(), ErrorCode::kYamlParseError) << text;
  }
  EXPECT_EQ(Y("a, x"), R"("a, x")");
  EXPECT_EQ(Y("[a, x]"), R"(["a","x"])");
}

TEST(YamlTest, RefusesExcessiveNesting) {
  std::string deep(2000, '[');
  deep += std::string(2000, ']');
  EXPECT_FALSE(ParseYaml(deep).ok());
}

}  // namespace
}  // namespace tf
