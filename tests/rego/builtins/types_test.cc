#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(TypeBuiltinsTest, PredicatesAreTrueOrFalseForEveryKind) {
  BuiltinHarness h;
  const std::vector<std::pair<std::string_view, Value>> cases = {
      {"is_null", J("null")},  {"is_boolean", J("false")}, {"is_number", J("-42.0")},
      {"is_string", S("x")},   {"is_array", J("[1]")},     {"is_object", J("{}")},
      {"is_set", JSet("[1]")},
  };
  for (const auto& [name, match] : cases) {
    for (const auto& [other, value] : cases) {
      EXPECT_EQ(CallOk(h, name, {value}), Value::Bool(name == other)) << name << " " << other;
    }
  }
}

TEST(TypeBuiltinsTest, TypeNameUsesOpaNames) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "type_name", {J("true")}), S("boolean"));
  EXPECT_EQ(CallOk(h, "type_name", {JSet("[]")}), S("set"));
  EXPECT_EQ(CallOk(h, "type_name", {J("{}")}), S("object"));
  EXPECT_EQ(CallOk(h, "type_name", {J("null")}), S("null"));
}

}  // namespace
}  // namespace tf::rego::testing
