#include "policy/reason_template.h"

#include <gtest/gtest.h>

#include "testing/value_testing.h"

namespace tf::policy {
namespace {

using ::tf::testing::J;

TEST(ReasonTemplateTest, SplitsLiteralsAndPlaceholders) {
  Result<ReasonTemplate> t = ReasonTemplate::Parse("supplier {input.id} is on {data.x[\"}\"]}!");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->segments().size(), 5u);
  EXPECT_EQ(t->num_placeholders(), 2u);
  EXPECT_EQ(t->segments()[1].text, "input.id");
  EXPECT_EQ(t->segments()[3].text, "data.x[\"}\"]");
  std::vector<std::string> values = {"S-1", "the list"};
  EXPECT_EQ(t->Render(values), "supplier S-1 is on the list!");
}

TEST(ReasonTemplateTest, DoubledBracesAreLiteral) {
  Result<ReasonTemplate> t = ReasonTemplate::Parse("{{literal}} and {{{input.x}}}");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->num_placeholders(), 1u);
  std::vector<std::string> values = {"v"};
  EXPECT_EQ(t->Render(values), "{literal} and {v}");
}

TEST(ReasonTemplateTest, NestedBracesStayInsideThePlaceholder) {
  Result<ReasonTemplate> t = ReasonTemplate::Parse("{count({x | some x in input.a})} items");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->segments()[0].text, "count({x | some x in input.a})");
}

TEST(ReasonTemplateTest, MalformedTemplatesAreRefusedWithTheirOffset) {
  EXPECT_EQ(ReasonTemplate::Parse("a {input.x").status().message(),
            "reason template, byte 2: unterminated placeholder");
  EXPECT_EQ(ReasonTemplate::Parse("a {  } b").status().message(),
            "reason template, byte 2: empty placeholder");
  EXPECT_EQ(ReasonTemplate::Parse("a } b").status().message(),
            "reason template, byte 2: '}' without '{' (write '}}' for a brace)");
}

TEST(ReasonTemplateTest, ValuesAreWrittenForPeople) {
  auto render = [](const Value& v) {
    std::string out;
    AppendReasonValue(out, v);
    return out;
  };
  EXPECT_EQ(render(J(R"("plain")")), "plain");
  EXPECT_EQ(render(J("12.5")), "12.5");
  EXPECT_EQ(render(J("true")), "true");
  EXPECT_EQ(render(J(R"(["a", 1, ["b"]])")), "a, 1, b");
  EXPECT_EQ(render(::tf::testing::JSet(R"(["y", "x"])")), "x, y");
  EXPECT_EQ(render(J(R"({"k": "v"})")), R"({"k":"v"})");
}

}  // namespace
}  // namespace tf::policy
