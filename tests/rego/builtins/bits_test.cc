#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(BitsBuiltinsTest, BitwiseOperationsOnSmallIntegers) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "bits.and", {J("7"), J("9")}), J("1"));
  EXPECT_EQ(CallOk(h, "bits.or", {J("7"), J("9")}), J("15"));
  EXPECT_EQ(CallOk(h, "bits.xor", {J("42"), J("3")}), J("41"));
  EXPECT_EQ(CallOk(h, "bits.negate", {J("42")}), J("-43"));
  EXPECT_EQ(CallOk(h, "bits.and", {J("-8"), J("12")}), J("8"));
  EXPECT_EQ(CallOk(h, "bits.lsh", {J("2147483647"), J("1")}), J("4294967294"));
  EXPECT_EQ(CallOk(h, "bits.rsh", {J("8"), J("3")}), J("1"));
  EXPECT_EQ(CallOk(h, "bits.rsh", {J("-9"), J("1")}), J("-5"));  // rounds toward -infinity
}

TEST(BitsBuiltinsTest, BigIntegersUseTwosComplement) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "bits.lsh", {J("1"), J("100")}), J("1267650600228229401496703205376"));
  EXPECT_EQ(CallOk(h, "bits.rsh", {J("1267650600228229401496703205376"), J("99")}), J("2"));
  EXPECT_EQ(CallOk(h, "bits.and", {J("1267650600228229401496703205377"), J("-1")}),
            J("1267650600228229401496703205377"));
  EXPECT_EQ(CallOk(h, "bits.or", {J("-1267650600228229401496703205376"), J("1")}),
            J("-1267650600228229401496703205375"));
  EXPECT_EQ(CallOk(h, "bits.xor", {J("18446744073709551616"), J("-1")}),
            J("-18446744073709551617"));
  EXPECT_EQ(CallOk(h, "bits.negate", {J("18446744073709551616")}), J("-18446744073709551617"));
}

TEST(BitsBuiltinsTest, OperandErrors) {
  BuiltinHarness h;
  ExpectTypeError(h, "bits.negate", {J("7.2")},
                  "bits.negate: operand 1 must be integer number but got floating-point number");
  ExpectTypeError(h, "bits.lsh", {J("7"), J("-1")},
                  "bits.lsh: operand 2 must be an unsigned integer number but got a negative "
                  "integer");
  ExpectBuiltinError(h, "bits.lsh", {J("1"), J("100000000000")},
                     "bits.lsh: shift exceeds 1048576 bits");
}

}  // namespace
}  // namespace tf::rego::testing
