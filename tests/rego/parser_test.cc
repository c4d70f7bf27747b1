// The parser on deep nesting: each level parsed once (a level parsed twice costs 2^depth, and
// these tests would never finish), and nesting past the bound refused rather than overflowing
// the stack.
#include <gtest/gtest.h>

#include <string>

#include "rego/parser.h"

namespace tf::rego {
namespace {

constexpr int kDepth = 120;

// `open` + inner + `close`, `depth` times around `innermost`.
std::string Nest(int depth, const std::string& open, const std::string& close,
                 const std::string& innermost) {
  std::string text = innermost;
  for (int i = 0; i < depth; ++i)
    text = open + text + close;
  return text;
}

Result<Term> Parse(const std::string& text) {
  Source source{"nest.rego", text};
  return ParseTerm(source);
}

// Follows args[0] down through terms of `kind`, counting the levels.
int DepthOf(const Term& term, TermKind kind) {
  int depth = 0;
  const Term* t = &term;
  while (t->kind == kind && !t->args.empty()) {
    ++depth;
    t = &t->args[0];
  }
  return depth;
}

TEST(ParserNestingTest, ArraysWhoseFirstElementIsAnArray) {
  Result<Term> t = Parse(Nest(kDepth, "[", ", 1]", "0"));
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(DepthOf(*t, TermKind::kArray), kDepth);
  EXPECT_EQ(t->args.size(), 2u);
}

TEST(ParserNestingTest, SetsWhoseFirstElementIsASet) {
  Result<Term> t = Parse(Nest(kDepth, "{", ", 1}", "0"));
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(DepthOf(*t, TermKind::kSet), kDepth);
}

TEST(ParserNestingTest, ObjectsWhoseFirstValueIsAnObject) {
  Result<Term> t = Parse(Nest(kDepth, "{\"a\": ", ", \"b\": 1}", "0"));
  ASSERT_TRUE(t.ok()) << t.status().message();
  int depth = 0;
  for (const Term* o = &*t; o->kind == TermKind::kObject; o = &o->args[1]) {
    ASSERT_EQ(o->args.size(), 4u);
    ++depth;
  }
  EXPECT_EQ(depth, kDepth);
}

TEST(ParserNestingTest, AFirstElementThatContinuesIntoAnExpression) {
  // The first term is parsed once, then the expression continues from it.
  Result<Term> t = Parse(Nest(kDepth, "[", " + 1, 2]", "0"));
  ASSERT_TRUE(t.ok()) << t.status().message();
  ASSERT_EQ(t->kind, TermKind::kArray);
  ASSERT_EQ(t->args.size(), 2u);
  EXPECT_EQ(t->args[0].kind, TermKind::kCall);
  EXPECT_EQ(t->args[0].OperatorName(), "plus");

  Result<Term> object = Parse("{\"a\": [1] & [2], \"b\": {x | x := 1}}");
  ASSERT_TRUE(object.ok()) << object.status().message();
  EXPECT_EQ(object->kind, TermKind::kObject);
  EXPECT_EQ(object->args[1].OperatorName(), "and");
  EXPECT_EQ(object->args[3].kind, TermKind::kSetCompr);
}

TEST(ParserNestingTest, ComprehensionsAreStillRecognised) {
  Result<Term> array = Parse("[[x | x := 1] | y := 2]");
  ASSERT_TRUE(array.ok()) << array.status().message();
  EXPECT_EQ(array->kind, TermKind::kArrayCompr);
  EXPECT_EQ(array->args[0].kind, TermKind::kArrayCompr);

  Result<Term> object = Parse("{k: {v | v := 1} | k := 2}");
  ASSERT_TRUE(object.ok()) << object.status().message();
  EXPECT_EQ(object->kind, TermKind::kObjectCompr);
  EXPECT_EQ(object->args[1].kind, TermKind::kSetCompr);
}

TEST(ParserNestingTest, NestedSomeWithATermThatIsNotAVarFailsAtOnce) {
  std::string text =
      "package t\np if {\n" + Nest(kDepth / 3, "some a, [x | x := 1; ", "]", "some b, c") + "\n}\n";
  Source source{"some.rego", text};
  Result<Module> m = ParseModule(source);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("expected var or `x in xs` after some, got ["),
            std::string::npos)
      << m.status().message();
}

TEST(ParserNestingTest, SomeStillTakesVarsAndKeyValueMembership) {
  Source decl{"some.rego", "package t\np if {\nsome a, b, c\na := 1; b := 2; c := 3\n}\n"};
  Result<Module> m = ParseModule(decl);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->rules[0].body[0].terms.size(), 3u);

  Source member{"some.rego", "package t\np if {\nsome k, v in {\"a\": 1}\n}\n"};
  Result<Module> kv = ParseModule(member);
  ASSERT_TRUE(kv.ok()) << kv.status().message();
  EXPECT_EQ(kv->rules[0].body[0].kind, ExprKind::kSomeIn);
  EXPECT_TRUE(kv->rules[0].body[0].has_key);

  Source ref{"some.rego", "package t\np if {\nsome a, b.c\n}\n"};
  Result<Module> refused = ParseModule(ref);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("after some, got b."), std::string::npos)
      << refused.status().message();
}

TEST(ParserNestingTest, NestingPastTheBoundIsRefused) {
  for (const char* open : {"[", "{", "(", "x["}) {
    std::string text;
    for (int i = 0; i < 100000; ++i)
      text += open;
    Result<Term> t = Parse(text);
    ASSERT_FALSE(t.ok()) << open;
    EXPECT_NE(t.status().message().find("nesting too deep"), std::string::npos)
        << open << ": " << t.status().message();
  }
}

}  // namespace
}  // namespace tf::rego
