#include "rego/builtins/builtin_test_util.h"

namespace tf::rego::testing {
namespace {

Value S(std::string_view s) {
  return Value::String(s);
}
Value B(bool b) {
  return Value::Bool(b);
}

std::string ErrorOf(BuiltinHarness& h, std::string_view name, std::vector<Value> args) {
  Result<Value> r = h.Call(name, std::move(args));
  EXPECT_FALSE(r.ok()) << name << " unexpectedly returned " << (r.ok() ? ToJson(*r) : "");
  return r.ok() ? "" : std::string(r.status().message());
}

TEST(NetBuiltinsTest, CidrContainsAddressesAndSubnets) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "net.cidr_contains", {S("10.0.0.0/8"), S("10.1.0.0/24")}), B(true));
  EXPECT_EQ(CallOk(h, "net.cidr_contains", {S("172.17.0.0/24"), S("172.17.0.0/16")}), B(false));
  EXPECT_EQ(CallOk(h, "net.cidr_contains", {S("10.0.0.0/8"), S("10.1.2.3")}), B(true));
  EXPECT_EQ(CallOk(h, "net.cidr_contains", {S("10.0.0.0/8"), S("192.168.1.1")}), B(false));
  EXPECT_EQ(
      CallOk(h, "net.cidr_contains",
             {S("2001:4860:4860::8888/32"), S("2001:4860:4860:1234:5678:1234:5678:8888/128")}),
      B(true));
  EXPECT_EQ(CallOk(h, "net.cidr_contains", {S("2001:4860::/96"), S("2001:4860::/32")}), B(false));
  // An IPv4-mapped IPv6 address is the IPv4 address.
  EXPECT_EQ(CallOk(h, "net.cidr_contains", {S("10.0.0.0/8"), S("::ffff:10.1.2.3")}), B(true));
}

TEST(NetBuiltinsTest, MalformedInputsUseGoErrorTexts) {
  BuiltinHarness h;
  EXPECT_EQ(ErrorOf(h, "net.cidr_contains", {S("not-a-cidr"), S("192.168.1.67")}),
            "net.cidr_contains: invalid CIDR address: not-a-cidr");
  EXPECT_EQ(ErrorOf(h, "net.cidr_contains", {S("192.168.1.0/28"), S("not-a-cidr")}),
            "net.cidr_contains: not a valid textual representation of an IP address or CIDR: "
            "not-a-cidr");
  EXPECT_EQ(ErrorOf(h, "net.cidr_expand", {S("192.168.1.1/33")}),
            "net.cidr_expand: invalid CIDR address: 192.168.1.1/33");
  // Go's netip rejects leading zeros in IPv4 fields.
  EXPECT_EQ(CallOk(h, "net.cidr_is_valid", {S("010.0.0.0/8")}), B(false));
}

TEST(NetBuiltinsTest, CidrIntersects) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "net.cidr_intersects", {S("192.168.1.0/25"), S("192.168.1.64/25")}), B(true));
  EXPECT_EQ(CallOk(h, "net.cidr_intersects", {S("192.168.1.0/24"), S("192.168.2.0/24")}), B(false));
  EXPECT_EQ(CallOk(h, "net.cidr_intersects",
                   {S("fd1e:5bfe:8af3:9ddc::/64"), S("fd1e:5bfe:8af3:9ddc:1111::/72")}),
            B(true));
}

TEST(NetBuiltinsTest, CidrIsValid) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "net.cidr_is_valid", {S("192.168.1.0/24")}), B(true));
  EXPECT_EQ(CallOk(h, "net.cidr_is_valid", {S("2002::1234:abcd:ffff:c0a8:101/64")}), B(true));
  EXPECT_EQ(CallOk(h, "net.cidr_is_valid", {S("192.168.1.2")}), B(false));
  EXPECT_EQ(CallOk(h, "net.cidr_is_valid", {S("")}), B(false));
  EXPECT_EQ(CallOk(h, "net.cidr_is_valid", {S("fe80::1%eth0/64")}), B(false));
  EXPECT_EQ(CallOk(h, "net.cidr_is_valid", {S("1::2::3/64")}), B(false));
}

TEST(NetBuiltinsTest, CidrExpandListsEveryAddress) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "net.cidr_expand", {S("192.168.1.1/30")}),
            JSet(R"(["192.168.1.0", "192.168.1.1", "192.168.1.2", "192.168.1.3"])"));
  EXPECT_EQ(CallOk(h, "net.cidr_expand", {S("255.255.255.255/32")}),
            JSet(R"(["255.255.255.255"])"));
  EXPECT_EQ(CallOk(h, "net.cidr_expand", {S("2001:db8::/127")}),
            JSet(R"(["2001:db8::", "2001:db8::1"])"));
  EXPECT_FALSE(h.Call("net.cidr_expand", {S("::/0")}).ok());
}

TEST(NetBuiltinsTest, CidrContainsMatchesCollections) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "net.cidr_contains_matches", {S("1.1.1.0/24"), S("1.1.1.1")}),
            JSet(R"([["1.1.1.0/24", "1.1.1.1"]])"));
  EXPECT_EQ(CallOk(h, "net.cidr_contains_matches",
                   {J(R"([["1.1.2.0/24", 1], "1.1.1.0/24"])"), J(R"(["1.1.1.1", "1.1.2.1"])")}),
            JSet("[[0, 1], [1, 0]]"));
  EXPECT_EQ(CallOk(h, "net.cidr_contains_matches",
                   {J(R"({"k1": "1.1.1.1/24", "k2": ["1.1.1.2/24", 1]})"), S("1.1.1.128")}),
            JSet(R"([["k1", "1.1.1.128"], ["k2", "1.1.1.128"]])"));
  EXPECT_EQ(ErrorOf(h, "net.cidr_contains_matches", {J(R"(["1.1.2.0/24"])"), J("[[]]")}),
            "net.cidr_contains_matches: operand 2: element must be string or non-empty array");
}

TEST(NetBuiltinsTest, CidrMergeCombinesAdjacentAndContainedRanges) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "net.cidr_merge", {J(R"(["192.0.128.0/24", "192.0.129.0/24"])")}),
            JSet(R"(["192.0.128.0/23"])"));
  EXPECT_EQ(CallOk(h, "net.cidr_merge", {J(R"(["10.0.0.0/8", "10.1.0.0/16", "11.0.0.0/8"])")}),
            JSet(R"(["10.0.0.0/7"])"));
  EXPECT_EQ(CallOk(h, "net.cidr_merge", {J(R"(["10.0.0.1/32", "10.0.0.2/32", "10.0.0.3/32"])")}),
            JSet(R"(["10.0.0.1/32", "10.0.0.2/31"])"));
  EXPECT_EQ(CallOk(h, "net.cidr_merge", {J(R"(["2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64",
                          "2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"])")}),
            JSet(R"(["2601:600:8a80:207e::/64"])"));
  EXPECT_EQ(CallOk(h, "net.cidr_merge", {JSet(R"(["::/1", "8000::/1"])")}), JSet(R"(["::/0"])"));
  EXPECT_EQ(ErrorOf(h, "net.cidr_merge", {J(R"(["2601:600:8a80:207e:a57d:7567:e2c9:e7b3"])")}),
            "net.cidr_merge: IPv6 invalid: needs prefix length");
  EXPECT_EQ(ErrorOf(h, "net.cidr_merge", {J("[1]")}), "net.cidr_merge: element must be string");
}

TEST(NetBuiltinsTest, LookupIpAddrOfLiteralsAndLocalhost) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "net.lookup_ip_addr", {S("10.0.0.0")}), JSet(R"(["10.0.0.0"])"));
  EXPECT_EQ(CallOk(h, "net.lookup_ip_addr", {S("::")}), JSet(R"(["::"])"));
  Value local = CallOk(h, "net.lookup_ip_addr", {S("localhost")});
  EXPECT_TRUE(local == JSet(R"(["127.0.0.1"])") || local == JSet(R"(["127.0.0.1", "::1"])") ||
              local == JSet(R"(["::1"])"))
      << ToJson(local);
}

}  // namespace
}  // namespace tf::rego::testing
