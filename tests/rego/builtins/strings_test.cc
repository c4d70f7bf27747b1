#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(StringBuiltinsTest, ConcatJoinsArraysAndSets) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "concat", {S("/"), J(R"(["","foo","bar"])")}), S("/foo/bar"));
  EXPECT_EQ(CallOk(h, "concat", {S(","), JSet(R"(["b","a"])")}), S("a,b"));
  EXPECT_EQ(CallOk(h, "concat", {S(","), J("[]")}), S(""));
  ExpectTypeError(h, "concat", {S(","), J(R"(["a",1])")},
                  "concat: operand 2 must be array of strings but got array containing number");
  ExpectTypeError(h, "concat", {S(","), S("a")},
                  "concat: operand 2 must be one of {set, array} but got string");
}

TEST(StringBuiltinsTest, SearchPredicates) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "contains", {S("abcdefgh"), S("defg")}), J("true"));
  EXPECT_EQ(CallOk(h, "contains", {S("abcdefgh"), S("ac")}), J("false"));
  EXPECT_EQ(CallOk(h, "startswith", {S("abcdefgh"), S("abcd")}), J("true"));
  EXPECT_EQ(CallOk(h, "endswith", {S("abcdefgh"), S("fg")}), J("false"));
}

TEST(StringBuiltinsTest, IndexOfCountsCodePoints) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "indexof", {S("abcabcabcdefgh"), S("cde")}), J("8"));
  EXPECT_EQ(CallOk(h, "indexof", {S("skön var våren"), S("vår")}), J("9"));
  EXPECT_EQ(CallOk(h, "indexof", {S("μ"), S("μμ")}), J("-1"));
  EXPECT_EQ(CallOk(h, "indexof_n", {S("😇😀😇😀😇😀"), S("😀")}), J("[1,3,5]"));
  EXPECT_EQ(CallOk(h, "indexof_n", {S("aaa"), S("aa")}), J("[0,1]"));
  ExpectBuiltinError(h, "indexof", {S("abc"), S("")}, "indexof: empty search character");
}

TEST(StringBuiltinsTest, CaseMappingIsUnicodeAware) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "lower", {S("AbCdEf")}), S("abcdef"));
  EXPECT_EQ(CallOk(h, "upper", {S("AbCdEf")}), S("ABCDEF"));
  EXPECT_EQ(CallOk(h, "upper", {S("åäö")}), S("ÅÄÖ"));
  EXPECT_EQ(CallOk(h, "lower", {S("ΑΒΓ")}), S("αβγ"));
}

TEST(StringBuiltinsTest, SplitFollowsGo) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "split", {S("foo.bar.baz"), S(".")}), J(R"(["foo","bar","baz"])"));
  EXPECT_EQ(CallOk(h, "split", {S(""), S(".")}), J(R"([""])"));
  EXPECT_EQ(CallOk(h, "split", {S("test"), S("")}), J(R"(["t","e","s","t"])"));
  EXPECT_EQ(CallOk(h, "split", {S(""), S("")}), J("[]"));
  EXPECT_EQ(CallOk(h, "split", {S("a..b."), S(".")}), J(R"(["a","","b",""])"));
}

TEST(StringBuiltinsTest, ReplaceIsNonOverlapping) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "replace", {S("foo...bar"), S(".."), S(",,")}), S("foo,,.bar"));
  EXPECT_EQ(CallOk(h, "replace", {S(""), S("hi"), S("bye")}), S(""));
  EXPECT_EQ(CallOk(h, "replace", {S("abc"), S(""), S("-")}), S("-a-b-c-"));
}

TEST(StringBuiltinsTest, ReplaceNAppliesPatternsInKeyOrder) {
  BuiltinHarness h;
  EXPECT_EQ(
      CallOk(h, "strings.replace_n", {J(R"({"<":"&lt;",">":"&gt;"})"), S("This is <b>HTML</b>!")}),
      S("This is &lt;b&gt;HTML&lt;/b&gt;!"));
  EXPECT_EQ(CallOk(h, "strings.replace_n", {J(R"({"f":"x","foo":"xxx"})"), S("foobar")}),
            S("xoobar"));
  ExpectTypeError(h, "strings.replace_n", {Value::Object({{J("2"), S("x")}}), S("foo")},
                  "strings.replace_n: operand 1 non-string key found in pattern object");
  ExpectTypeError(h, "strings.replace_n", {J(R"({"f":100})"), S("foo")},
                  "strings.replace_n: operand 1 non-string value found in pattern object");
  ExpectTypeError(h, "strings.replace_n", {J(R"({"f":"g"})"), J("100")},
                  "strings.replace_n: operand 2 must be string but got number");
}

TEST(StringBuiltinsTest, CountReverseAndFormatInt) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "strings.count", {S("cheese"), S("e")}), J("3"));
  EXPECT_EQ(CallOk(h, "strings.count", {S("11111"), S("11")}), J("2"));
  EXPECT_EQ(CallOk(h, "strings.count", {S("dummy"), S("")}), J("6"));
  EXPECT_EQ(CallOk(h, "strings.count", {S(""), S("")}), J("1"));
  EXPECT_EQ(CallOk(h, "strings.reverse", {S("åbc😀")}), S("😀cbå"));
  EXPECT_EQ(CallOk(h, "format_int", {J("15.5"), J("16")}), S("f"));
  EXPECT_EQ(CallOk(h, "format_int", {J("-10"), J("2")}), S("-1010"));
  EXPECT_EQ(CallOk(h, "format_int", {J("4.9"), J("10")}), S("4"));
  EXPECT_EQ(CallOk(h, "format_int", {J("64"), J("8")}), S("100"));
  EXPECT_EQ(CallOk(h, "format_int", {J("18446744073709551616"), J("16")}), S("10000000000000000"));
  ExpectTypeError(h, "format_int", {J("4.1"), J("199")},
                  "format_int: operand 2 must be one of {2, 8, 10, 16}");
}

TEST(StringBuiltinsTest, AnyPrefixAndSuffixMatch) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "strings.any_prefix_match", {J(R"(["a/b/c","e/f/g"])"), J(R"(["d/","a/"])")}),
            J("true"));
  EXPECT_EQ(CallOk(h, "strings.any_prefix_match", {S("a/b/c"), JSet(R"(["g/","d/"])")}),
            J("false"));
  EXPECT_EQ(CallOk(h, "strings.any_suffix_match", {J(R"(["a/b/c"])"), S("/c")}), J("true"));
  EXPECT_EQ(CallOk(h, "strings.any_suffix_match", {J("[]"), J("[]")}), J("false"));
  ExpectTypeError(h, "strings.any_prefix_match", {J("[1,2,3]"), J(R"(["f/"])")},
                  "strings.any_prefix_match: operand 1 must be array of strings but got array "
                  "containing number");
  ExpectTypeError(h, "strings.any_suffix_match", {J(R"(["a"])"), J("1")},
                  "strings.any_suffix_match: operand 2 must be one of {string, set, array} but "
                  "got number");
}

}  // namespace
}  // namespace tf::rego::testing
