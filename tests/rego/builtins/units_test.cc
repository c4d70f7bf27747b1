#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(UnitBuiltinsTest, ParseDecimalAndBinaryUnits) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "units.parse", {S("500m")}), J("0.5"));
  EXPECT_EQ(CallOk(h, "units.parse", {S("1.1Ki")}), J("1126.4"));
  EXPECT_EQ(CallOk(h, "units.parse", {S("10Ei")}), J("11529215046068469760"));
  EXPECT_EQ(CallOk(h, "units.parse", {S("10E")}), J("10000000000000000000"));
  EXPECT_EQ(CallOk(h, "units.parse", {S("\"100TI\"")}), J("109951162777600"));
  EXPECT_EQ(CallOk(h, "units.parse", {S("-3.5E2m")}), J("-0.35"));
  EXPECT_EQ(CallOk(h, "units.parse", {S(".5K")}), J("500"));
  EXPECT_EQ(CallOk(h, "units.parse", {S("2.5e3K")}), J("2500000"));
  EXPECT_EQ(CallOk(h, "units.parse", {S("1m")}), J("0.001"));
  EXPECT_EQ(CallOk(h, "units.parse", {S("1mi")}), J("1048576"));
  EXPECT_EQ(CallOk(h, "units.parse", {S("5E")}), J("5000000000000000000"));
}

TEST(UnitBuiltinsTest, ParseRejectsMalformedAmounts) {
  BuiltinHarness h;
  ExpectBuiltinError(h, "units.parse", {S("")}, "units.parse: units.parse: no amount provided");
  ExpectBuiltinError(h, "units.parse", {S("foo")}, "units.parse: units.parse: no amount provided");
  ExpectBuiltinError(h, "units.parse", {S("0.0.0")},
                     "units.parse: units.parse: could not parse amount to a number");
  ExpectBuiltinError(h, "units.parse", {S(" 327Mi ")},
                     "units.parse: units.parse: spaces not allowed in resource strings");
  ExpectBuiltinError(h, "units.parse", {S("10Mb")},
                     "units.parse: units.parse: unit Mb not recognized");
  ExpectBuiltinError(h, "units.parse", {S("1e1234567K")},
                     "units.parse: units.parse: exponent too large");
}

TEST(UnitBuiltinsTest, ParseBytesTruncatesToWholeBytes) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "units.parse_bytes", {S("1.1KiB")}), J("1126"));
  EXPECT_EQ(CallOk(h, "units.parse_bytes", {S("10eib")}), J("11529215046068469760"));
  EXPECT_EQ(CallOk(h, "units.parse_bytes", {S("\"100TIB\"")}), J("109951162777600"));
  EXPECT_EQ(CallOk(h, "units.parse_bytes", {S("1e-2KB")}), J("10"));
  EXPECT_EQ(CallOk(h, "units.parse_bytes", {S("3.2E2MiB")}), J("335544320"));
  EXPECT_EQ(CallOk(h, "units.parse_bytes", {S(".0")}), J("0"));
  EXPECT_EQ(CallOk(h, "units.parse_bytes", {S("5E")}), J("5000000000000000000"));
  ExpectBuiltinError(h, "units.parse_bytes", {S("10xb")},
                     "units.parse_bytes: units.parse_bytes: byte unit xb not recognized");
  ExpectBuiltinError(h, "units.parse_bytes", {S("kb")},
                     "units.parse_bytes: units.parse_bytes: no byte amount provided");
}

}  // namespace
}  // namespace tf::rego::testing
