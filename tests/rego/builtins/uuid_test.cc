#include "rego/builtins/builtin_test_util.h"

namespace tf::rego::testing {
namespace {

Value S(std::string_view s) {
  return Value::String(s);
}

TEST(UuidBuiltinsTest, Rfc4122IsVersion4AndStableWithinAQuery) {
  BuiltinHarness h;
  Value a = CallOk(h, "uuid.rfc4122", {S("key")});
  ASSERT_TRUE(a.is_string());
  const std::string& s = a.string();
  ASSERT_EQ(s.size(), 36u);
  EXPECT_EQ(s[14], '4');
  EXPECT_TRUE(s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b') << s;
  EXPECT_EQ(CallOk(h, "uuid.rfc4122", {S("key")}), a);
  EXPECT_NE(CallOk(h, "uuid.rfc4122", {S("other")}), a);
  EXPECT_EQ(CallOk(h, "uuid.parse", {a}), J(R"({"variant": "RFC4122", "version": 4})"));
}

TEST(UuidBuiltinsTest, ParseDecodesTimeBasedUuids) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "uuid.parse", {S("urn:uuid:000003e8-48b9-21ee-b200-325096b39f47")}),
            J(R"({"clocksequence": 12800, "domain": "Person", "id": 1000,
                  "macvariables": "local:unicast", "nodeid": "32-50-96-b3-9f-47",
                  "time": 1693566990121469600, "variant": "RFC4122", "version": 2})"));
  EXPECT_EQ(CallOk(h, "uuid.parse", {S("{00000000-0000-4000-8000-000000000000}")}),
            J(R"({"variant": "RFC4122", "version": 4})"));
  EXPECT_EQ(CallOk(h, "uuid.parse", {S("6bea8ef2d3d33cd184e09bab06a52ece")}),
            J(R"({"variant": "RFC4122", "version": 3})"));
}

TEST(UuidBuiltinsTest, MalformedUuidIsUndefined) {
  BuiltinHarness h;
  for (std::string_view bad : {"", "not-a-uuid", "00000000-0000-4000-8000_000000000000",
                               "0000000g-0000-4000-8000-000000000000"}) {
    Result<Value> r = h.Call("uuid.parse", {S(bad)});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(IsBuiltinUndefined(r.status())) << bad;
  }
}

}  // namespace
}  // namespace tf::rego::testing
