#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

std::string Yaml(BuiltinHarness& h, const Value& v) {
  Value out = CallOk(h, "yaml.marshal", {v});
  return out.is_string() ? out.string() : "";
}

TEST(YamlBuiltinsTest, MarshalsInGoYamlBlockStyle) {
  BuiltinHarness h;
  EXPECT_EQ(Yaml(h, Value::Array({Value::Object({{S("foo"), JSet("[1,2,3]")}})})),
            "- foo:\n  - 1\n  - 2\n  - 3\n");
  EXPECT_EQ(Yaml(h, J(R"({"b":{"c":true,"d":null},"a":[],"e":{}})")),
            "a: []\nb:\n  c: true\n  d: null\ne: {}\n");
  EXPECT_EQ(Yaml(h, J(R"({"a10":1,"a2":2})")), "a2: 2\na10: 1\n");
  EXPECT_EQ(Yaml(h, J("[[1,2],[]]")), "- - 1\n  - 2\n- []\n");
  EXPECT_EQ(Yaml(h, S("plain text")), "plain text\n");
  EXPECT_EQ(Yaml(h, J("1.5")), "1.5\n");
}

TEST(YamlBuiltinsTest, QuotesStringsThatWouldReadBackDifferently) {
  BuiltinHarness h;
  EXPECT_EQ(Yaml(h, J(R"(["true","yes","123","1.5","","null","a: b","- x","it's #1"," pad"])")),
            "- \"true\"\n- \"yes\"\n- \"123\"\n- \"1.5\"\n- \"\"\n- \"null\"\n- 'a: b'\n- '- x'\n"
            "- 'it''s #1'\n- ' pad'\n");
  EXPECT_EQ(Yaml(h, J(R"({"k":"line1\nline2"})")), "k: |-\n  line1\n  line2\n");
  EXPECT_EQ(Yaml(h, J(R"(["tab\there"])")), "- \"tab\\there\"\n");
}

TEST(YamlBuiltinsTest, UnmarshalResolvesLikeGoYaml) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "yaml.unmarshal", {S("foo:\n  - qux: bar\n  - baz: 2\n")}),
            J(R"({"foo":[{"qux":"bar"},{"baz":2}]})"));
  EXPECT_EQ(CallOk(h, "yaml.unmarshal", {S("[yes, No, on, ~, 0755, 0x1F, 1_000, 1e3, '1', 2.5]")}),
            J(R"([true,false,true,null,493,31,1000,1000,"1",2.5])"));
  EXPECT_EQ(CallOk(h, "yaml.unmarshal", {S("1: a\ntrue: b\n")}), J(R"({"1":"a","true":"b"})"));
  EXPECT_EQ(CallOk(h, "yaml.unmarshal", {S("base: &b {p: 1, q: 2}\nd:\n  <<: *b\n  q: 3\n")}),
            J(R"({"base":{"p":1,"q":2},"d":{"p":1,"q":3}})"));
  EXPECT_EQ(CallOk(h, "yaml.unmarshal", {S("y: 1")}), J(R"({"true":1})"));  // YAML 1.1
  EXPECT_EQ(CallOk(h, "yaml.unmarshal", {S("")}), J("null"));
  EXPECT_EQ(CallOk(h, "yaml.unmarshal", {S("a: 1\n---\nb: 2\n")}), J(R"({"a":1})"));
}

TEST(YamlBuiltinsTest, RoundTripsMarshalledValues) {
  BuiltinHarness h;
  Value v = J(R"({"s":["true","a: b","x\ny\n","it's",""],"n":[1,-2.5,1e100],"o":{"k":null}})");
  EXPECT_EQ(CallOk(h, "yaml.unmarshal", {CallOk(h, "yaml.marshal", {v})}), v);
}

TEST(YamlBuiltinsTest, Errors) {
  BuiltinHarness h;
  ExpectBuiltinError(h, "yaml.unmarshal", {S("[1,2,3")},
                     "yaml.unmarshal: yaml: line 1: did not find expected ',' or ']'");
  ExpectBuiltinError(h, "yaml.unmarshal", {S("a: .inf")},
                     "yaml.unmarshal: json: unsupported value: .inf");
  EXPECT_EQ(CallOk(h, "yaml.is_valid", {S("foo:\n  - qux: bar\n  - baz: {")}), J("false"));
  EXPECT_EQ(CallOk(h, "yaml.is_valid", {S(R"({"json": "ok"})")}), J("true"));
  EXPECT_EQ(CallOk(h, "yaml.is_valid", {J("1")}), J("false"));
}

TEST(YamlBuiltinsTest, AliasBombsFailInsteadOfExhaustingMemory) {
  BuiltinHarness h;
  std::string doc = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    doc += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev + ", " + prev + ", " +
           prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " +
           prev + ", " + prev + "]\n";
  }
  ExpectBuiltinError(h, "yaml.unmarshal", {S(doc)},
                     "yaml.unmarshal: yaml: document contains excessive aliasing");
}

}  // namespace
}  // namespace tf::rego::testing
