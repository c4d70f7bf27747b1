#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(StringTrimBuiltinsTest, SubstringByCodePoints) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "substring", {S("abcdefgh"), J("2"), J("3")}), S("cde"));
  EXPECT_EQ(CallOk(h, "substring", {S("åäö"), J("0"), J("2")}), S("åä"));
  EXPECT_EQ(CallOk(h, "substring", {S("aåäö"), J("2"), J("-1")}), S("äö"));
  EXPECT_EQ(CallOk(h, "substring", {S("åäö"), J("3"), J("-1")}), S(""));
  EXPECT_EQ(CallOk(h, "substring", {S("aaa"), J("4"), J("-1")}), S(""));
  EXPECT_EQ(CallOk(h, "substring", {S("abc"), J("1"), J("100")}), S("bc"));
  ExpectBuiltinError(h, "substring", {S("aaa"), J("-1"), J("-1")}, "substring: negative offset");
  ExpectTypeError(h, "substring", {S("aaa"), J("1.5"), J("1")},
                  "substring: operand 2 must be integer number but got floating-point number");
}

TEST(StringTrimBuiltinsTest, TrimCutsetsAreRuneSets) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "trim", {S("...foo.bar..."), S(".fr")}), S("oo.ba"));
  EXPECT_EQ(CallOk(h, "trim", {S("¡¡¡foo, bar!!!"), S("!¡")}), S("foo, bar"));
  EXPECT_EQ(CallOk(h, "trim", {S(""), S(".")}), S(""));
  EXPECT_EQ(CallOk(h, "trim_left", {S("¡¡¡foo, bar!!!"), S("!¡")}), S("foo, bar!!!"));
  EXPECT_EQ(CallOk(h, "trim_right", {S("¡¡¡foo, bar!!!"), S("!¡")}), S("¡¡¡foo, bar"));
  EXPECT_EQ(CallOk(h, "trim_right", {S("!!!foo, bar¡¡¡"), S("!")}), S("!!!foo, bar¡¡¡"));
}

TEST(StringTrimBuiltinsTest, PrefixSuffixAndSpace) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "trim_prefix", {S("¡¡¡foo, bar!!!"), S("¡¡¡foo")}), S(", bar!!!"));
  EXPECT_EQ(CallOk(h, "trim_suffix", {S("¡¡¡foo, bar!!!"), S(", bar!!!")}), S("¡¡¡foo"));
  EXPECT_EQ(CallOk(h, "trim_suffix", {S("abc"), S("x")}), S("abc"));
  EXPECT_EQ(CallOk(h, "trim_space", {S(" \t\n foo, bar \n\t\r\n")}), S("foo, bar"));
  EXPECT_EQ(CallOk(h, "trim_space", {S("\u00a0x\u3000")}), S("x"));
}

}  // namespace
}  // namespace tf::rego::testing
