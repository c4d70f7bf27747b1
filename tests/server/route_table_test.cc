#include "server/route_table.h"

#include <gtest/gtest.h>

namespace tf::server {
namespace {

RouteTable Table() {
  RouteTable t;
  auto noop = [](Exchange&, Responder respond) { respond(HttpResponse{}); };
  t.Add({"GET", "/v1/packs", "listPacks", noop});
  t.Add({"GET", "/v1/packs/{id}", "getPack", noop});
  t.Add({"PUT", "/v1/packs/{id}", "putPack", noop});
  return t;
}

TEST(RouteTableTest, MatchesLiteralAndParameterSegments) {
  RouteTable t = Table();
  RouteMatch m = t.Match("GET", "/v1/packs/lksg.v1");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.route->operation_id, "getPack");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0], std::make_pair(std::string("id"), std::string("lksg.v1")));
  EXPECT_EQ(t.Match("GET", "/v1/packs").route->operation_id, "listPacks");
}

TEST(RouteTableTest, DistinguishesUnknownPathsFromUnknownMethods) {
  RouteTable t = Table();
  EXPECT_EQ(t.Match("GET", "/v1/nothing").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(t.Match("GET", "/v1/packs/").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(t.Match("GET", "/v1/packs/a/b").kind, RouteMatch::Kind::kNotFound);
  RouteMatch m = t.Match("DELETE", "/v1/packs/x");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allowed_methods, (std::vector<std::string>{"GET", "PUT"}));
}

}  // namespace
}  // namespace tf::server
