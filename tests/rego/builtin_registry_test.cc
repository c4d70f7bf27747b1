// The builtin table is data: each name declared once, each with an implementation.
#include <gtest/gtest.h>

#include <set>

#include "rego/builtin.h"

namespace tf::rego {
namespace {

TEST(BuiltinRegistryTest, EveryNameIsDeclaredOnce) {
  std::set<std::string_view> names;
  for (const BuiltinDecl& d : BuiltinRegistry::Default().all()) {
    EXPECT_TRUE(names.insert(d.name).second) << "builtin declared twice: " << d.name;
    EXPECT_NE(d.fn, nullptr) << d.name;
  }
}

}  // namespace
}  // namespace tf::rego
