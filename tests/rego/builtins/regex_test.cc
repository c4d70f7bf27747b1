#include <thread>

#include <re2/re2.h>

#include "rego/builtins/call_error_util.h"
#include "rego/regex_cache.h"

namespace tf::rego::testing {
namespace {

TEST(RegexBuiltinsTest, MatchAndIsValid) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "regex.match", {S(R"(^[a-z]+\[[0-9]+\]$)"), S("foo[1]")}), J("true"));
  EXPECT_EQ(CallOk(h, "regex.match", {S("^$"), S("")}), J("true"));
  EXPECT_EQ(CallOk(h, "regex.match", {S(""), S("x")}), J("true"));
  EXPECT_EQ(CallOk(h, "regex.match", {S("^$"), S("something")}), J("false"));
  EXPECT_EQ(CallOk(h, "re_match", {S("b+"), S("abbc")}), J("true"));
  EXPECT_EQ(CallOk(h, "regex.is_valid", {S(".+")}), J("true"));
  EXPECT_EQ(CallOk(h, "regex.is_valid", {S("++")}), J("false"));
  EXPECT_EQ(CallOk(h, "regex.is_valid", {J("1")}), J("false"));
  ExpectBuiltinError(h, "regex.match", {S("[a"), S("x")},
                     "regex.match: error parsing regexp: missing closing ]: `[a`");
  ExpectBuiltinError(h, "regex.match", {S("a**"), S("x")},
                     "regex.match: error parsing regexp: invalid nested repetition operator: `**`");
}

TEST(RegexBuiltinsTest, SplitLikeGo) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "regex.split", {S("a"), S("banana")}), J(R"(["b","n","n",""])"));
  EXPECT_EQ(CallOk(h, "regex.split", {S("z+"), S("pizza")}), J(R"(["pi","a"])"));
  EXPECT_EQ(CallOk(h, "regex.split", {S("^[a-z]+"), S("foobar baz")}), J(R"(["", " baz"])"));
  EXPECT_EQ(CallOk(h, "regex.split", {S("[a-z]+$"), S("foobar baz")}), J(R"(["foobar ", ""])"));
  EXPECT_EQ(CallOk(h, "regex.split", {S("^[a-z ]+$"), S("foobar baz")}), J(R"(["", ""])"));
  EXPECT_EQ(CallOk(h, "regex.split", {S("x"), S("")}), J(R"([""])"));
  EXPECT_EQ(CallOk(h, "regex.split", {S(""), S("abc")}), J(R"(["a","b","c"])"));
}

TEST(RegexBuiltinsTest, FindNAndSubmatches) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "regex.find_n", {S("a."), S("paranormal"), J("-1")}),
            J(R"(["ar","an","al"])"));
  EXPECT_EQ(CallOk(h, "regex.find_n", {S("a."), S("paranormal"), J("2")}), J(R"(["ar","an"])"));
  EXPECT_EQ(CallOk(h, "regex.find_n", {S("a."), S("paranormal"), J("0")}), J("[]"));
  EXPECT_EQ(CallOk(h, "regex.find_n", {S("x*"), S("abc"), J("-1")}), J(R"(["","","",""])"));
  EXPECT_EQ(CallOk(h, "regex.find_all_string_submatch_n", {S("a(x*)b"), S("-ab-axb-"), J("-1")}),
            J(R"([["ab",""],["axb","x"]])"));
  EXPECT_EQ(CallOk(h, "regex.find_all_string_submatch_n",
                   {S("[^aouiye]([aouiye])([^aouiye])?"), S("somestri"), J("1")}),
            J(R"([["som","o","m"]])"));
  EXPECT_EQ(CallOk(h, "regex.find_all_string_submatch_n", {S("a(x*)b"), S("-"), J("-1")}), J("[]"));
  ExpectTypeError(h, "regex.find_n", {S("a"), S("a"), J("1.5")},
                  "regex.find_n: operand 3 must be integer number but got floating-point number");
}

TEST(RegexBuiltinsTest, ReplaceExpandsGroups) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "regex.replace", {S("-wy-wxxy-"), S("w(x*)y"), S("0")}), S("-0-0-"));
  EXPECT_EQ(CallOk(h, "regex.replace", {S("foo"), S("(foo)"), S("$1$1")}), S("foofoo"));
  EXPECT_EQ(CallOk(h, "regex.replace", {S("foo"), S("^[a-z]"), S("F")}), S("Foo"));
  EXPECT_EQ(CallOk(h, "regex.replace", {S("foo barx"), S("[a-z]{2}"), S("_")}), S("_o __"));
  EXPECT_EQ(CallOk(h, "regex.replace", {S("abc"), S("x*"), S("-")}), S("-a-b-c-"));
  EXPECT_EQ(CallOk(h, "regex.replace", {S("ab"), S("(?P<x>a)"), S("[${x}$x1$$]")}), S("[a$]b"));
  ExpectBuiltinError(h, "regex.replace", {S("foo"), S("["), S("x")},
                     "regex.replace: error parsing regexp: missing closing ]: `[`");
}

TEST(RegexBuiltinsTest, TemplateMatch) {
  BuiltinHarness h;
  EXPECT_EQ(
      CallOk(h, "regex.template_match", {S("urn:foo:{.*}"), S("urn:foo:bar:baz"), S("{"), S("}")}),
      J("true"));
  EXPECT_EQ(
      CallOk(h, "regex.template_match", {S("urn:foo.<[0-9]{2}>"), S("urn:foo.42"), S("<"), S(">")}),
      J("true"));
  EXPECT_EQ(
      CallOk(h, "regex.template_match", {S("urn:foo.<[0-9]{2}>"), S("urn:fooX42"), S("<"), S(">")}),
      J("false"));
  ExpectBuiltinError(h, "regex.template_match", {S("a{b"), S("x"), S("{"), S("}")},
                     R"(regex.template_match: unbalanced braces in "a{b")");
  ExpectBuiltinError(h, "regex.template_match", {S("a"), S("x"), S("{{"), S("}")},
                     "regex.template_match: start delimiter has to be exactly one character long "
                     "but is 2 long");
}

TEST(RegexGlobsBuiltinTest, IntersectionOfGlobs) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "regex.globs_match", {S("a.a.[0-9]+z"), S(".b.b2359825792*594823z")}),
            J("true"));
  EXPECT_EQ(CallOk(h, "regex.globs_match", {S("b.*"), S("bar")}), J("true"));
  EXPECT_EQ(CallOk(h, "regex.globs_match", {S(R"([a-z]+\[[0-9]+\])"), S(R"(foo\[1\])")}),
            J("true"));
  EXPECT_EQ(CallOk(h, "regex.globs_match", {S(R"([a-z]+\[[0-9]+\])"), S(R"(foo["bar"])")}),
            J("false"));
  EXPECT_EQ(CallOk(h, "regex.globs_match", {S("[a-z]*"), S("[0-9]+")}), J("false"));
  EXPECT_EQ(CallOk(h, "regex.globs_match", {S("a*"), S("b*")}), J("false"));  // only "" is common
  ExpectBuiltinError(h, "regex.globs_match", {S("pqrs]"), S("[a-b]+")},
                     "regex.globs_match: input:pqrs], pos:5, set-close ']' with no preceding '[': "
                     "the input provided is invalid");
  ExpectBuiltinError(h, "regex.globs_match", {S("+a"), S("a")},
                     "regex.globs_match: input:+a, pos:1, flag '+' must be preceded by a non-flag: "
                     "the input provided is invalid");
}

TEST(GlobBuiltinsTest, MatchWithDelimiters) {
  BuiltinHarness h;
  auto match = [&](const char* pattern, Value delimiters, const char* s) {
    return CallOk(h, "glob.match", {S(pattern), std::move(delimiters), S(s)});
  };
  EXPECT_EQ(match("api.**.com", J(R"(["."])"), "api.cdn.github.com"), J("true"));
  EXPECT_EQ(match("*:github:com", J(R"([":"])"), "api:github:com"), J("true"));
  EXPECT_EQ(match("*.github.com", J(R"(["."])"), "api.not-github.com"), J("false"));
  EXPECT_EQ(match("[abc]at", J("[]"), "fat"), J("false"));
  EXPECT_EQ(match("[!abc]at", J("[]"), "fat"), J("true"));
  EXPECT_EQ(match("[a-c]at", J("[]"), "bat"), J("true"));
  EXPECT_EQ(match("[!a-c]at", J("[]"), "cat"), J("false"));
  EXPECT_EQ(match("?at", J("[]"), "at"), J("false"));
  EXPECT_EQ(match("?at", J(R"(["f"])"), "fat"), J("false"));
  EXPECT_EQ(match("{cat,bat,[fr]at}", J("[]"), "rat"), J("true"));
  EXPECT_EQ(match("{cat,bat,[fr]at}", J("[]"), "at"), J("false"));
  EXPECT_EQ(match("*", J("[]"), "foo.bar"), J("false"));
  EXPECT_EQ(match("*", J("null"), "foo.bar"), J("true"));
  EXPECT_EQ(match("foo*", J("null"), "foo.bar"), J("true"));
  EXPECT_EQ(match(R"(\*.a)", J("null"), "*.a"), J("true"));
  EXPECT_EQ(match("a(b)+c", J("null"), "a(b)+c"), J("true"));
}

TEST(GlobBuiltinsTest, OperandErrorsAndQuoteMeta) {
  BuiltinHarness h;
  ExpectTypeError(h, "glob.match", {S("*"), S("."), S("x")},
                  "glob.match: operand 2 must be one of {array, null} but got string");
  ExpectTypeError(h, "glob.match", {S("*"), J(R"(["ab"])"), S("x")},
                  "glob.match: operand 2 must be array of runes but got array containing string");
  ExpectBuiltinError(h, "glob.match", {S("[abc"), J("null"), S("x")},
                     "glob.match: unexpected end of input");
  EXPECT_EQ(CallOk(h, "glob.quote_meta", {S("*.github.com")}), S(R"(\*.github.com)"));
  EXPECT_EQ(CallOk(h, "glob.quote_meta", {S("{a,[b]}?")}), S(R"(\{a,\[b\]\}\?)"));
}

TEST(RegexCacheTest, EvictsLeastRecentlyUsedAndSharesAcrossThreads) {
  RegexCache cache(2);
  ASSERT_TRUE(cache.Get("a").ok());
  ASSERT_TRUE(cache.Get("b").ok());
  std::shared_ptr<const re2::RE2> a = *cache.Get("a");
  ASSERT_TRUE(cache.Get("c").ok());  // evicts "b"
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(*cache.Get("a"), a);  // still cached
  EXPECT_FALSE(cache.Get("(").ok());
  EXPECT_EQ(cache.size(), 2u);

  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 200; ++i) {
        auto re = cache.Get("x" + std::to_string((i + t) % 7));
        EXPECT_TRUE(re.ok());
      }
    });
  }
  for (std::thread& th : threads)
    th.join();
  EXPECT_LE(cache.size(), 2u);
}

TEST(RegexCacheTest, BuiltinsUseTheContextCache) {
  BuiltinHarness h;
  RegexCache cache;
  h.ctx.regexes = &cache;
  EXPECT_EQ(CallOk(h, "regex.match", {S("^a+$"), S("aaa")}), J("true"));
  EXPECT_EQ(CallOk(h, "glob.match", {S("*.com"), J("[]"), S("x.com")}), J("true"));
  EXPECT_EQ(cache.size(), 2u);
}

}  // namespace
}  // namespace tf::rego::testing
