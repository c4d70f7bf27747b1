// The OpenAPI document and the server's routes describe the same API, in both directions.
#include <gtest/gtest.h>

#include <set>

#include "core/yaml.h"
#include "server/auth_config.h"
#include "server/system_routes.h"
#include "testing/test_server.h"

namespace tf::server {
namespace {

std::string Upper(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApiTest, EveryRouteIsDocumentedAndEveryDocumentedRouteExists) {
  testing::TestServer server;
  Result<testing::HttpResult> served = server.Client()->Get("/v1/openapi.yaml");
  ASSERT_EQ(served->status, 200);
  EXPECT_EQ(served->Header("content-type"), "application/yaml");
  Result<Value> doc = ParseYaml(served->body);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->Find("openapi")->string(), "3.1.0");
  std::set<std::string> documented;
  for (const auto& [path, item] : doc->Find("paths")->object()) {
    for (const auto& [method, op] : item.object()) {
      if (method.string() == "parameters") continue;
      documented.insert(Upper(method.string()) + " " + path.string());
    }
  }
  const std::vector<std::string> keys = server.app().route_keys();
  const std::set<std::string> routes(keys.begin(), keys.end());
  EXPECT_EQ(routes, documented);
  // The shipped scope map covers the same routes.
  std::set<std::string> scoped;
  for (const auto& [k, v] : DefaultRouteScopes())
    scoped.insert(k);
  EXPECT_EQ(routes, scoped);
}

TEST(OpenApiTest, OperationsNameTheScopeTheServerRequires) {
  Result<Value> doc = ParseYaml(OpenApiDocument());
  ASSERT_TRUE(doc.ok());
  for (const auto& [route, scope] : DefaultRouteScopes()) {
    const std::string method = route.substr(0, route.find(' '));
    const std::string path = route.substr(route.find(' ') + 1);
    std::string lower = method;
    for (char& c : lower)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const Value* op = doc->Find("paths")->Find(path)->Find(lower);
    ASSERT_NE(op, nullptr) << route;
    const Value* security = op->Find("security");
    ASSERT_NE(security, nullptr) << route;
    if (scope == kPublicScope) {
      EXPECT_EQ(security->size(), 0u) << route;
    } else {
      ASSERT_EQ(security->size(), 1u) << route;
      EXPECT_EQ(security->array()[0].Find("bearerAuth")->array()[0].string(), scope) << route;
    }
  }
}

}  // namespace
}  // namespace tf::server
