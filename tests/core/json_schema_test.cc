#include "core/json_schema.h"

#include <gtest/gtest.h>

#include "core/json.h"

namespace tf {
namespace {

std::vector<std::string> Errors(std::string_view schema, std::string_view doc) {
  Result<JsonSchema> s = JsonSchema::Compile(*ParseJson(schema));
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  std::vector<std::string> out;
  if (!s.ok()) return out;
  for (const SchemaViolation& v : s->Validate(*ParseJson(doc)))
    out.push_back(v.field + ": " + v.message);
  return out;
}

TEST(JsonSchemaTest, AcceptsValidDocuments) {
  const char* schema = R"({"type": "object", "required": ["id"], "additionalProperties": false,
    "properties": {"id": {"type": "string", "pattern": "^[a-z]+$"},
                   "age": {"type": "integer", "minimum": 0, "maximum": 150},
                   "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}}})";
  EXPECT_TRUE(Errors(schema, R"({"id": "abc", "age": 3, "tags": ["x", "y"]})").empty());
}

TEST(JsonSchemaTest, ReportsEachViolationWithItsPath) {
  const char* schema = R"({"type": "object", "required": ["id"], "additionalProperties": false,
    "properties": {"age": {"type": "integer", "minimum": 0}, "tags": {"items": {"type": "string"}}}})";
  std::vector<std::string> e = Errors(schema, R"({"age": -1.5, "tags": ["a", 1], "extra": true})");
  std::vector<std::string> want = {
      "id: id is required",
      "age: Invalid type. Expected: integer, given: number",
      "age: Must be greater than or equal to 0",
      "extra: Additional property extra is not allowed",
      "tags.1: Invalid type. Expected: string, given: integer",
  };
  std::sort(e.begin(), e.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(e, want);
}

TEST(JsonSchemaTest, FollowsLocalReferencesAndCombinators) {
  const char* schema = R"({"definitions": {"pos": {"type": "number", "exclusiveMinimum": 0}},
    "anyOf": [{"$ref": "#/definitions/pos"}, {"type": "string"}], "not": {"const": "no"}})";
  EXPECT_TRUE(Errors(schema, "5").empty());
  EXPECT_TRUE(Errors(schema, R"("yes")").empty());
  EXPECT_EQ(Errors(schema, "0").size(), 1u);
  EXPECT_EQ(Errors(schema, R"("no")").size(), 1u);
}

TEST(JsonSchemaTest, RefusesInvalidSchemas) {
  Result<JsonSchema> s = JsonSchema::Compile(*ParseJson(R"({"type": "unknown_type"})"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "has a primitive type that is NOT VALID -- given: /unknown_type/ Expected valid values "
            "are:[array boolean integer number null object string]");
  EXPECT_FALSE(JsonSchema::Compile(*ParseJson(R"({"$ref": "#/nowhere"})")).ok());
  EXPECT_FALSE(JsonSchema::Compile(*ParseJson(R"({"pattern": "("})")).ok());
}

TEST(JsonSchemaTest, StopsSelfReferentialSchemas) {
  EXPECT_FALSE(Errors(R"({"$ref": "#"})", "1").empty());
}

}  // namespace
}  // namespace tf
