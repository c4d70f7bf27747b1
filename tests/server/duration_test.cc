#include "server/duration.h"

#include <gtest/gtest.h>

namespace tf::server {
namespace {

TEST(DurationTest, ParsesEveryUnit) {
  EXPECT_EQ(*ParseDurationNanos("500ms"), 500 * kNanosPerMilli);
  EXPECT_EQ(*ParseDurationNanos("30s"), 30 * kNanosPerSecond);
  EXPECT_EQ(*ParseDurationNanos("30"), 30 * kNanosPerSecond);
  EXPECT_EQ(*ParseDurationNanos("5m"), 300 * kNanosPerSecond);
  EXPECT_EQ(*ParseDurationNanos("2h"), 7200 * kNanosPerSecond);
  EXPECT_EQ(*ParseDurationNanos("1d"), 86400 * kNanosPerSecond);
}

TEST(DurationTest, RejectsSignsSpacesUnknownUnitsAndOverflow) {
  for (const char* bad : {"", "-1s", " 1s", "1 s", "1w", "1.5s", "s", "999999999999d", "1sm"}) {
    EXPECT_FALSE(ParseDurationNanos(bad).ok()) << bad;
  }
}

TEST(DurationTest, ReadsYamlNumbersAsSeconds) {
  EXPECT_EQ(*DurationFromValue(Value::Int(7)), 7 * kNanosPerSecond);
  EXPECT_FALSE(DurationFromValue(Value::Int(-7)).ok());
  EXPECT_FALSE(DurationFromValue(Value::Bool(true)).ok());
}

}  // namespace
}  // namespace tf::server
