#include "server/rate_limiter.h"

#include <gtest/gtest.h>

#include "server/duration.h"

namespace tf::server {
namespace {

// 2026-11-27T23:59:58Z: two seconds before a UTC day boundary.
constexpr int64_t kLateInTheDay = int64_t{1'795'823'998} * kNanosPerSecond;

TEST(RateLimiterTest, AllowsABurstThenRefusesWithRetryAfter) {
  FakeClock clock(kLateInTheDay - 3600 * kNanosPerSecond);
  RateLimiter limiter({/*rate_per_second=*/2, /*burst=*/3, /*daily_requests=*/100}, {}, clock);
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(limiter.Admit("acme").allowed) << i;
  Admission refused = limiter.Admit("acme");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.limit, "rate");
  EXPECT_EQ(refused.size, 2);
  EXPECT_EQ(refused.burst, 3);
  EXPECT_EQ(refused.retry_after_seconds, 1);
  EXPECT_EQ(refused.reset_at_nanos, clock.NowNanos() + 500'000'000);
  clock.Advance(500'000'000);  // one token at 2/s
  EXPECT_TRUE(limiter.Admit("acme").allowed);
  EXPECT_FALSE(limiter.Admit("acme").allowed);
}

TEST(RateLimiterTest, KeepsTenantsApart) {
  FakeClock clock(kLateInTheDay);
  RateLimiter limiter({1, 1, 100}, {}, clock);
  EXPECT_TRUE(limiter.Admit("acme").allowed);
  EXPECT_FALSE(limiter.Admit("acme").allowed);
  EXPECT_TRUE(limiter.Admit("globex").allowed);
}

TEST(RateLimiterTest, DailyQuotaResetsAtMidnightUtc) {
  FakeClock clock(kLateInTheDay);
  RateLimiter limiter({1000, 1000, 2}, {}, clock);
  EXPECT_TRUE(limiter.Admit("acme").allowed);
  Admission second = limiter.Admit("acme");
  EXPECT_TRUE(second.allowed);
  EXPECT_EQ(second.daily_remaining, 0u);
  Admission refused = limiter.Admit("acme");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.limit, "daily_quota");
  EXPECT_EQ(refused.size, 2);
  EXPECT_EQ(refused.reset_at_nanos, kLateInTheDay + 2 * kNanosPerSecond);
  EXPECT_EQ(refused.retry_after_seconds, 2);
  clock.Advance(2 * kNanosPerSecond);
  EXPECT_TRUE(limiter.Admit("acme").allowed);
}

TEST(RateLimiterTest, UsesPerTenantOverrides) {
  FakeClock clock(kLateInTheDay);
  RateLimiter limiter({1, 1, 100}, {{"big", {100, 5, 100}}}, clock);
  for (int i = 0; i < 5; ++i)
    EXPECT_TRUE(limiter.Admit("big").allowed);
  EXPECT_FALSE(limiter.Admit("big").allowed);
}

TEST(RateLimiterTest, ARefusedRequestTakesNothingFromTheQuota) {
  FakeClock clock(kLateInTheDay - 3600 * kNanosPerSecond);
  RateLimiter limiter({1, 1, 2}, {}, clock);
  EXPECT_TRUE(limiter.Admit("acme").allowed);
  for (int i = 0; i < 5; ++i)
    EXPECT_FALSE(limiter.Admit("acme").allowed);
  clock.Advance(kNanosPerSecond);
  Admission a = limiter.Admit("acme");
  EXPECT_TRUE(a.allowed);
  EXPECT_EQ(a.daily_remaining, 0u);
}

}  // namespace
}  // namespace tf::server
