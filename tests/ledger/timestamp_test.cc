#include "ledger/timestamp.h"

#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdio>
#include <limits>
#include <random>
#include <vector>

namespace tf::ledger {
namespace {

TEST(TimestampTest, FormatsUtcWithNineFractionalDigits) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00.000000000Z");
  EXPECT_EQ(FormatTimestamp(1'700'000'000'123'456'789), "2023-11-14T22:13:20.123456789Z");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59.999999999Z");
  EXPECT_EQ(FormatTimestamp(951'782'400 * kNanosPerSecond), "2000-02-29T00:00:00.000000000Z");
}

// The digits are written by hand for speed; printf over the proleptic Gregorian calendar (via
// gmtime_r) is the independent reference.
std::string PrintfTimestamp(int64_t unix_nanos) {
  int64_t secs = unix_nanos / kNanosPerSecond;
  int64_t frac = unix_nanos % kNanosPerSecond;
  if (frac < 0) {
    frac += kNanosPerSecond;
    --secs;
  }
  time_t t = static_cast<time_t>(secs);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%09" PRId64 "Z", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
  return buf;
}

TEST(TimestampTest, FormatsEveryRepresentableTimeLikePrintf) {
  constexpr uint64_t kSeed = 3;
  std::mt19937_64 rng(kSeed);
  // int64 nanoseconds span the years 1677 to 2262: the extremes, around the epoch, and random.
  std::vector<int64_t> times = {0,
                                -1,
                                1,
                                1'307'526'243'273'450'000,
                                std::numeric_limits<int64_t>::max(),
                                std::numeric_limits<int64_t>::min()};
  for (int i = 0; i < 100'000; ++i)
    times.push_back(static_cast<int64_t>(rng()));
  for (int64_t t : times) {
    std::string appended = "x";
    AppendTimestamp(appended, t);
    ASSERT_EQ(appended, "x" + PrintfTimestamp(t)) << t << " (seed " << kSeed << ")";
    ASSERT_EQ(FormatTimestamp(t), PrintfTimestamp(t)) << t;
  }
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
