#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(CastBuiltinsTest, ToNumberConvertsScalars) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "to_number", {S("-42.0")}), J("-42"));
  EXPECT_EQ(CallOk(h, "to_number", {J("false")}), J("0"));
  EXPECT_EQ(CallOk(h, "to_number", {J("true")}), J("1"));
  EXPECT_EQ(CallOk(h, "to_number", {J("null")}), J("0"));
  EXPECT_EQ(CallOk(h, "to_number", {J("100.1")}), J("100.1"));
  EXPECT_EQ(CallOk(h, "to_number", {S("+.5")}), J("0.5"));
  EXPECT_EQ(CallOk(h, "to_number", {S("1e3")}), J("1000"));
  EXPECT_EQ(CallOk(h, "to_number", {S("0x1p-2")}), J("0.25"));
  EXPECT_EQ(CallOk(h, "to_number", {S("12345678901234567890123")}), J("12345678901234567890123"));
}

TEST(CastBuiltinsTest, ToNumberRejectsBadStrings) {
  BuiltinHarness h;
  ExpectBuiltinError(h, "to_number", {S("broken")},
                     R"(to_number: strconv.ParseFloat: parsing "broken": invalid syntax)");
  ExpectBuiltinError(h, "to_number", {S(" 1")},
                     R"(to_number: strconv.ParseFloat: parsing " 1": invalid syntax)");
  ExpectBuiltinError(h, "to_number", {S("1e400")},
                     R"(to_number: strconv.ParseFloat: parsing "1e400": value out of range)");
  for (const char* s : {"nan", "-NaN", "inf", "-Infinity", "iNf"}) {
    ExpectTypeError(h, "to_number", {S(s)},
                    "to_number: operand 1 must be valid number string but got string");
  }
  ExpectTypeError(h, "to_number", {J("[]")},
                  "to_number: operand 1 must be one of {null, boolean, number, string} but got "
                  "array");
}

TEST(CastBuiltinsTest, DeprecatedCastsCheckTheirKind) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "cast_array", {JSet("[2,1]")}), J("[1,2]"));
  EXPECT_EQ(CallOk(h, "cast_set", {J("[2,1,2]")}), JSet("[1,2]"));
  EXPECT_EQ(CallOk(h, "cast_string", {S("x")}), S("x"));
  ExpectTypeError(h, "cast_boolean", {S("x")},
                  "cast_boolean: operand 1 must be boolean but got string");
  ExpectTypeError(h, "cast_array", {J("1")},
                  "cast_array: operand 1 must be one of {array, set} but got number");
}

}  // namespace
}  // namespace tf::rego::testing
