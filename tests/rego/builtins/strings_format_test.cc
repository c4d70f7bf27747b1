#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

Value Fmt(BuiltinHarness& h, std::string_view format, std::string_view args_json) {
  return CallOk(h, "sprintf", {S(format), J(args_json)});
}

TEST(SprintfBuiltinTest, ConformanceExamples) {
  BuiltinHarness h;
  EXPECT_EQ(Fmt(h, "hi", "[]"), S("hi"));
  EXPECT_EQ(Fmt(h, "hi %s", R"(["there"])"), S("hi there"));
  EXPECT_EQ(Fmt(h, "hi %02d", "[5]"), S("hi 05"));
  EXPECT_EQ(Fmt(h, "hi %02X.%02X", "[127, 1]"), S("hi 7F.01"));
  EXPECT_EQ(Fmt(h, "hi %.2f", "[3.1415]"), S("hi 3.14"));
  EXPECT_EQ(Fmt(h, "hi %v", "[2e308]"), S("hi 2e308"));
  EXPECT_EQ(Fmt(h, "hi %s", "[true]"), S("hi true"));
  EXPECT_EQ(Fmt(h, "hi %v", R"([["there", 5, 3.14]])"), S(R"(hi ["there", 5, 3.14])"));
  EXPECT_EQ(Fmt(h, "%s", "[123456789123456789123]"), S("123456789123456789123"));
}

TEST(SprintfBuiltinTest, CompositeValuesPrintAsRegoText) {
  BuiltinHarness h;
  EXPECT_EQ(Fmt(h, "%v", R"([{"a": [1, null]}])"), S(R"({"a": [1, null]})"));
  EXPECT_EQ(CallOk(h, "sprintf", {S("%v %v"), Value::Array({JSet("[2,1]"), Value::EmptySet()})}),
            S("{1, 2} set()"));
  EXPECT_EQ(Fmt(h, "%v", R"(["tab\there"])"), S("tab\there"));
  EXPECT_EQ(Fmt(h, "%v", R"([["tab\there"]])"), S(R"(["tab\there"])"));
}

TEST(SprintfBuiltinTest, IntegerVerbsAndFlags) {
  BuiltinHarness h;
  EXPECT_EQ(Fmt(h, "%d|%+d|% d|%5d|%-5d|%05d", "[-7, 7, 7, 42, 42, -42]"),
            S("-7|+7| 7|   42|42   |-0042"));
  EXPECT_EQ(Fmt(h, "%b %o %O %x %X %#x %#o", "[5, 8, 8, 255, 255, 255, 8]"),
            S("101 10 0o10 ff FF 0xff 010"));
  EXPECT_EQ(Fmt(h, "%c %q %U %#U", "[65, 65, 65, 65]"), S("A 'A' U+0041 U+0041 'A'"));
  EXPECT_EQ(Fmt(h, "%.3d|%.0d|", "[7, 0]"), S("007||"));
  EXPECT_EQ(Fmt(h, "%x", "[18446744073709551616]"), S("10000000000000000"));
  EXPECT_EQ(Fmt(h, "%08d", "[-18446744073709551616]"), S("-18446744073709551616"));
}

TEST(SprintfBuiltinTest, FloatVerbs) {
  BuiltinHarness h;
  EXPECT_EQ(Fmt(h, "%v %v %v %v", "[3.14, 1000000.5, 0.00001, 123456.5]"),
            S("3.14 1.0000005e+06 1e-05 123456.5"));
  EXPECT_EQ(Fmt(h, "%e %E %.2e", "[1234.5678, 0.5, 1234.5678]"),
            S("1.234568e+03 5.000000E-01 1.23e+03"));
  EXPECT_EQ(Fmt(h, "%f %.1f %8.3f %-8.2f|", "[1.5, 2.25, 3.14159, 2.5]"),
            S("1.500000 2.2    3.142 2.50    |"));
  EXPECT_EQ(Fmt(h, "%g %.3g %G", "[0.5, 1234.5678, 1e-7]"), S("0.5 1.23e+03 1E-07"));
  EXPECT_EQ(Fmt(h, "%+.1f %08.2f", "[2.5, -3.5]"), S("+2.5 -0003.50"));
}

TEST(SprintfBuiltinTest, StringVerbs) {
  BuiltinHarness h;
  EXPECT_EQ(
      Fmt(h, "%q|%x|%X|% x|%.2s|%6s|%-6s|", R"(["a\"b", "hi", "hi", "hi", "åäö", "ab", "ab"])"),
      S(R"("a\"b"|6869|6869|68 69|åä|    ab|ab    |)"));
  EXPECT_EQ(Fmt(h, "%#q", R"(["raw"])"), S("`raw`"));
}

TEST(SprintfBuiltinTest, GoInBandErrors) {
  BuiltinHarness h;
  EXPECT_EQ(Fmt(h, "%d", R"(["x"])"), S("%!d(string=x)"));
  // Go prints the bad value with the directive's own flags.
  EXPECT_EQ(Fmt(h, "%.2f", "[5]"), S("%!f(int=05)"));
  EXPECT_EQ(Fmt(h, "%d %d", "[1]"), S("1 %!d(MISSING)"));
  EXPECT_EQ(Fmt(h, "%d", R"([1, "a", 2.5])"), S("1%!(EXTRA string=a, float64=2.5)"));
  EXPECT_EQ(Fmt(h, "%", "[]"), S("%!(NOVERB)"));
  EXPECT_EQ(Fmt(h, "%z", "[1]"), S("%!z(int=1)"));
  EXPECT_EQ(Fmt(h, "%f", "[123456789012345678901234]"), S("%!f(big.Int=123456789012345678901234)"));
  EXPECT_EQ(Fmt(h, "100%%", "[]"), S("100%"));
}

TEST(SprintfBuiltinTest, ArgumentIndexesAndStars) {
  BuiltinHarness h;
  EXPECT_EQ(Fmt(h, "%[2]d %[1]d", "[1, 2]"), S("2 1"));
  EXPECT_EQ(Fmt(h, "%[3]d", "[1]"), S("%!d(BADINDEX)"));
  EXPECT_EQ(Fmt(h, "%*d|%-*d|%.*f", "[4, 7, 3, 7, 2, 3.14159]"), S("   7|7  |3.14"));
  EXPECT_EQ(Fmt(h, "%*d", R"(["x", 7])"), S("%!(BADWIDTH)7"));
}

TEST(SprintfBuiltinTest, ValuesOperandMustBeArray) {
  BuiltinHarness h;
  ExpectTypeError(h, "sprintf", {S("%v"), J("{}")},
                  "sprintf: operand 2 must be array but got object");
}

}  // namespace
}  // namespace tf::rego::testing
