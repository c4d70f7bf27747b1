#include "server/request_target.h"

#include <gtest/gtest.h>

namespace tf::server {
namespace {

TEST(RequestTargetTest, SplitsAndDecodesPathAndQuery) {
  HttpRequest r;
  ASSERT_TRUE(ParseRequestTarget("/v1/packs/a%2Eb?leaf=3&size=8&q=a+b%21&flag", r).ok());
  EXPECT_EQ(r.path, "/v1/packs/a.b");
  ASSERT_EQ(r.query.size(), 4u);
  EXPECT_EQ(*r.Query("leaf"), "3");
  EXPECT_EQ(*r.Query("q"), "a b!");
  EXPECT_EQ(*r.Query("flag"), "");
}

TEST(RequestTargetTest, RefusesWhatShouldNeverBeRouted) {
  HttpRequest r;
  for (const char* bad : {"", "*", "http://x/y", "/a/../b", "/a/./b", "/..", "/a%2Fb", "/a%00",
                          "/a%zz", "/a%4", "/a b"}) {
    EXPECT_EQ(ParseRequestTarget(bad, r).code(), ErrorCode::kBadRequest) << bad;
  }
}

TEST(RequestTargetTest, FormatsImfFixdate) {
  EXPECT_EQ(FormatHttpDate(int64_t{784111777} * 1'000'000'000), "Sun, 06 Nov 1994 08:49:37 GMT");
}

}  // namespace
}  // namespace tf::server
