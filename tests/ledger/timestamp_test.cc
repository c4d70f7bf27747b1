#include "ledger/timestamp.h"

#include <gtest/gtest.h>

namespace tf::ledger {
namespace {

TEST(TimestampTest, FormatsUtcWithNineFractionalDigits) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00.000000000Z");
  EXPECT_EQ(FormatTimestamp(1'700'000'000'123'456'789), "2023-11-14T22:13:20.123456789Z");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59.999999999Z");
  EXPECT_EQ(FormatTimestamp(951'782'400 * kNanosPerSecond), "2000-02-29T00:00:00.000000000Z");
}

TEST(TimestampTest, CanonicalFormRoundTrips) {
  for (int64_t t : {int64_t{0}, int64_t{-1}, int64_t{1'700'000'000'123'456'789},
                    int64_t{4'102'444'800} * kNanosPerSecond + 7}) {
    Result<int64_t> back = ParseCanonicalTimestamp(FormatTimestamp(t));
    ASSERT_TRUE(back.ok()) << FormatTimestamp(t);
    EXPECT_EQ(*back, t);
  }
}

TEST(TimestampTest, CanonicalParserRejectsOtherSpellings) {
  for (const char* s : {"2023-11-14T22:13:20Z", "2023-11-14T22:13:20.123Z",
                        "2023-11-14t22:13:20.000000000Z", "2023-11-14T22:13:20.000000000+00:00",
                        "2023-02-29T00:00:00.000000000Z", "2023-11-14T22:13:20.000000000Zx"}) {
    EXPECT_FALSE(ParseCanonicalTimestamp(s).ok()) << s;
  }
}

TEST(TimestampTest, HumanParserAcceptsRfc3339WithOffsets) {
  EXPECT_EQ(*ParseTimestamp("2027-01-01T00:00:00Z"), int64_t{1'798'761'600} * kNanosPerSecond);
  EXPECT_EQ(*ParseTimestamp("2027-01-01T01:00:00.5+01:00"),
            int64_t{1'798'761'600} * kNanosPerSecond + 500'000'000);
  EXPECT_FALSE(ParseTimestamp("2027-01-01").ok());
  EXPECT_FALSE(ParseTimestamp("2027-13-01T00:00:00Z").ok());
  EXPECT_FALSE(ParseTimestamp("3000-01-01T00:00:00Z").ok());
}

}  // namespace
}  // namespace tf::ledger
