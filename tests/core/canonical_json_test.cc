#include "core/canonical_json.h"

#include <gtest/gtest.h>

#include "core/json.h"
#include "core/sha256.h"

namespace tf {
namespace {

std::string Canon(std::string_view json) {
  Result<Value> v = ParseJson(json);
  EXPECT_TRUE(v.ok()) << json;
  Result<std::string> c = CanonicalJson(*v);
  EXPECT_TRUE(c.ok());
  return c.ok() ? *c : "";
}

// RFC 8785 §3.2.2.3 / Appendix B: ECMAScript number formatting.
TEST(CanonicalJsonTest, FormatsNumbersAsEcmaScript) {
  EXPECT_EQ(FormatEcmaScriptNumber(0), "0");
  EXPECT_EQ(FormatEcmaScriptNumber(-0.0), "0");
  EXPECT_EQ(FormatEcmaScriptNumber(1e21), "1e+21");
  EXPECT_EQ(FormatEcmaScriptNumber(1e20), "100000000000000000000");
  EXPECT_EQ(FormatEcmaScriptNumber(1e-6), "0.000001");
  EXPECT_EQ(FormatEcmaScriptNumber(1e-7), "1e-7");
  EXPECT_EQ(FormatEcmaScriptNumber(4.50), "4.5");
  EXPECT_EQ(FormatEcmaScriptNumber(2e-3), "0.002");
  EXPECT_EQ(FormatEcmaScriptNumber(9007199254740992.0), "9007199254740992");
  EXPECT_EQ(FormatEcmaScriptNumber(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(FormatEcmaScriptNumber(5e-324), "5e-324");
  EXPECT_EQ(FormatEcmaScriptNumber(-1.5e-9), "-1.5e-9");
  EXPECT_EQ(FormatEcmaScriptNumber(333333333.33333329), "333333333.3333333");
  EXPECT_EQ(FormatEcmaScriptNumber(1424727123), "1424727123");
}

// RFC 8785 §3.2.3: member order is by UTF-16 code units, not UTF-8 bytes.
TEST(CanonicalJsonTest, SortsKeysByUtf16CodeUnits) {
  // U+20AC (€) is one UTF-16 unit 0x20AC; U+1F600 is the surrogate pair D83D DE00; "\r" is 0x000D.
  std::string input = "{\"\xE2\x82\xAC\":1,\"\xF0\x9F\x98\x80\":2,\"\\r\":3,\"\xEF\xAC\x80\":4}";
  EXPECT_EQ(Canon(input),
            "{\"\\r\":3,\"\xE2\x82\xAC\":1,\"\xF0\x9F\x98\x80\":2,\"\xEF\xAC\x80\":4}");
}

// ASCII keys take a byte-order sort and integers a decimal fast path; both must agree with
// the general rules (ECMAScript form beyond 2^53, escapes inside plain runs).
TEST(CanonicalJsonTest, AsciiKeysAndIntegersMatchTheGeneralForm) {
  EXPECT_EQ(Canon(R"({"b":1,"a_b":2,"a":3,"B":4,"a\"q":5})"),
            R"({"B":4,"a":3,"a\"q":5,"a_b":2,"b":1})");
  EXPECT_EQ(Canon("[0,-1,9007199254740991,-9007199254740991,9007199254740993,1.0]"),
            "[0,-1,9007199254740991,-9007199254740991,9007199254740992,1]");
  EXPECT_EQ(*CanonicalJson(Value::Int(int64_t{1} << 62)), "4611686018427388000");
  EXPECT_EQ(*CanonicalJson(Value::String("ab\ncd\x01"
                                         "ef\"")),
            R"("ab\ncd\u0001ef\"")");
}

TEST(CanonicalJsonTest, MatchesTheRfcExample) {
  // RFC 8785 §3.2.2 example input, canonical output.
  std::string input =
      R"({"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],
    "string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]})";
  EXPECT_EQ(Canon(input),
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST(CanonicalJsonTest, RefusesValuesWithoutAJsonForm) {
  EXPECT_FALSE(CanonicalJson(Value::Object({{Value::Int(1), Value::Null()}})).ok());
  EXPECT_FALSE(CanonicalJson(Value::FromNumber(*Number::Parse("1e400"))).ok());
}

TEST(CanonicalJsonTest, HashesKnownAnswer) {
  EXPECT_EQ(DigestHex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256Hasher h;
  h.Update("a");
  h.Update("bc");
  EXPECT_EQ(DigestHex(h.Finish()), DigestHex(Sha256("abc")));
}

}  // namespace
}  // namespace tf
