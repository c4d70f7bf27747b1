#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

TEST(EncodingBuiltinsTest, Base64RoundTrips) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "base64.encode", {S("hello")}), S("aGVsbG8="));
  EXPECT_EQ(CallOk(h, "base64.encode", {S("subjects?_d")}), S("c3ViamVjdHM/X2Q="));
  EXPECT_EQ(CallOk(h, "base64.decode", {S("aGVsbG8=")}), S("hello"));
  EXPECT_EQ(CallOk(h, "base64.decode", {S("aGVs\nbG8=")}), S("hello"));  // line breaks skipped
  EXPECT_EQ(CallOk(h, "base64.decode", {S("")}), S(""));
  EXPECT_EQ(CallOk(h, "base64.is_valid", {S("aGVsbG8=")}), J("true"));
  EXPECT_EQ(CallOk(h, "base64.is_valid", {S("{'not':'base64'}")}), J("false"));
  EXPECT_EQ(CallOk(h, "base64.is_valid", {J("1")}), J("false"));
}

TEST(EncodingBuiltinsTest, Base64ErrorsNameTheByte) {
  BuiltinHarness h;
  ExpectBuiltinError(h, "base64.decode", {S("aGVsbG8")},
                     "base64.decode: illegal base64 data at input byte 4");
  ExpectBuiltinError(h, "base64.decode", {S("aG!s")},
                     "base64.decode: illegal base64 data at input byte 2");
  ExpectBuiltinError(h, "base64.decode", {S("aGVsbG8=x")},
                     "base64.decode: illegal base64 data at input byte 8");
  ExpectBuiltinError(h, "base64.decode", {S("a===")},
                     "base64.decode: illegal base64 data at input byte 1");
}

TEST(EncodingBuiltinsTest, Base64UrlPadsWhenNeeded) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "base64url.encode", {S("\xfb\xff")}), S("-_8="));
  EXPECT_EQ(CallOk(h, "base64url.encode_no_pad", {S("hello")}), S("aGVsbG8"));
  EXPECT_EQ(CallOk(h, "base64url.decode", {S("aGVsbG8")}), S("hello"));
  EXPECT_EQ(CallOk(h, "base64url.decode", {S("aGVsbG8=")}), S("hello"));
  ExpectBuiltinError(h, "base64url.decode", {S("aGVsb")},
                     "base64url.decode: illegal base64url string: aGVsb");
}

TEST(EncodingBuiltinsTest, Hex) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "hex.encode", {S("lorem ipsum")}), S("6c6f72656d20697073756d"));
  EXPECT_EQ(CallOk(h, "hex.decode", {S("6C6f")}), S("lo"));
  ExpectBuiltinError(h, "hex.decode", {S("fghijkl")},
                     "hex.decode: encoding/hex: invalid byte: U+0067 'g'");
  ExpectBuiltinError(h, "hex.decode", {S("abc")},
                     "hex.decode: encoding/hex: odd length hex string");
}

TEST(UrlQueryBuiltinsTest, EscapeAndUnescape) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "urlquery.encode", {S("a=b+1 ~x/é")}), S("a%3Db%2B1+~x%2F%C3%A9"));
  EXPECT_EQ(CallOk(h, "urlquery.decode", {S("a%3Db%2B1+c")}), S("a=b+1 c"));
  ExpectBuiltinError(h, "urlquery.decode", {S("a%zzb")},
                     R"(urlquery.decode: invalid URL escape "%zz")");
  ExpectBuiltinError(h, "urlquery.decode", {S("a%2")},
                     R"(urlquery.decode: invalid URL escape "%2")");
}

TEST(UrlQueryBuiltinsTest, Objects) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "urlquery.encode_object", {J(R"({"c":"d","a":"b"})")}), S("a=b&c=d"));
  EXPECT_EQ(CallOk(h, "urlquery.encode_object", {J(R"({"a":["b+1","c+2"]})")}),
            S("a=b%2B1&a=c%2B2"));
  EXPECT_EQ(CallOk(h, "urlquery.encode_object", {Value::Object({{S("a"), JSet(R"(["b+1"])")}})}),
            S("a=b%2B1"));
  EXPECT_EQ(CallOk(h, "urlquery.encode_object", {J("{}")}), S(""));
  ExpectTypeError(h, "urlquery.encode_object", {J(R"({"a":1})")},
                  "urlquery.encode_object: operand 1 values must be string, array[string], or "
                  "set[string]");
  EXPECT_EQ(CallOk(h, "urlquery.decode_object", {S("a=1&b=2&a=3&c&&d=x%20y")}),
            J(R"({"a":["1","3"],"b":["2"],"c":[""],"d":["x y"]})"));
  ExpectBuiltinError(h, "urlquery.decode_object", {S("a=1;b=2")},
                     "urlquery.decode_object: invalid semicolon separator in query");
}

}  // namespace
}  // namespace tf::rego::testing
