#include "rego/builtins/builtin_test_util.h"

namespace tf::rego::testing {
namespace {

Value S(std::string_view s) {
  return Value::String(s);
}

TEST(CryptoBuiltinsTest, HashesAreLowerCaseHex) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "crypto.md5", {S("lorem ipsum")}), S("80a751fde577028640c419000e33eba6"));
  EXPECT_EQ(CallOk(h, "crypto.sha1", {S("lorem ipsum")}),
            S("bfb7759a67daeb65410490b4d98bb9da7d1ea2ce"));
  EXPECT_EQ(CallOk(h, "crypto.sha256", {S("lorem ipsum")}),
            S("5e2bf57d3f40c4b6df69daf1936cb766f832374b4fc0259a7cbff06e2f70f269"));
}

TEST(CryptoBuiltinsTest, HmacTakesMessageThenKey) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "crypto.hmac.md5", {S("foo"), S("bar")}),
            S("31b6db9e5eb4addb42f1a6ca07367adc"));
  EXPECT_EQ(CallOk(h, "crypto.hmac.sha1", {S("foo"), S("bar")}),
            S("85d155c55ed286a300bd1cf124de08d87e914f3a"));
  EXPECT_EQ(CallOk(h, "crypto.hmac.sha256", {S("foo"), S("bar")}),
            S("147933218aaabc0b8b10a2b3a5c34684c8d94341bcf10a4736dc7270f7741851"));
  EXPECT_EQ(CallOk(h, "crypto.hmac.sha512", {S("foo"), S("bar")}),
            S("24257d7210582a65c731ec55159c8184cc24c02489453e58587f71f44c23a2d61b4b72154a89d17b2d4"
              "9448a8452ea066f4fc56a2bcead45c088572ffccdb3d8"));
  // RFC 4231 test case 2.
  EXPECT_EQ(CallOk(h, "crypto.hmac.sha256", {S("what do ya want for nothing?"), S("Jefe")}),
            S("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
}

TEST(CryptoBuiltinsTest, HmacEqualComparesWholeStrings) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "crypto.hmac.equal", {S("abc"), S("abc")}), Value::Bool(true));
  EXPECT_EQ(CallOk(h, "crypto.hmac.equal", {S("abc"), S("abd")}), Value::Bool(false));
  EXPECT_EQ(CallOk(h, "crypto.hmac.equal", {S("abc"), S("ab")}), Value::Bool(false));
  EXPECT_EQ(CallOk(h, "crypto.hmac.equal", {S(""), S("")}), Value::Bool(true));
}

}  // namespace
}  // namespace tf::rego::testing
