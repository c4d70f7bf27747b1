#include "server/rate_limiter.h"

#include <algorithm>
#include <cmath>

#include "server/duration.h"

namespace tf::server {
namespace {

constexpr int64_t kNanosPerDay = 86400 * kNanosPerSecond;

int64_t DayOf(int64_t nanos) {
  return nanos >= 0 ? nanos / kNanosPerDay : -1 - (-nanos - 1) / kNanosPerDay;
}

int64_t CeilSeconds(int64_t nanos) {
  return std::max<int64_t>(1, (nanos + kNanosPerSecond - 1) / kNanosPerSecond);
}

}  // namespace

RateLimiter::RateLimiter(TenantLimits defaults,
                         std::map<std::string, TenantLimits, std::less<>> per_tenant,
                         const Clock& clock)
    : defaults_(defaults), per_tenant_(std::move(per_tenant)), clock_(clock) {}

const TenantLimits& RateLimiter::LimitsFor(std::string_view tenant) const {
  auto it = per_tenant_.find(tenant);
  return it == per_tenant_.end() ? defaults_ : it->second;
}

Admission RateLimiter::Admit(std::string_view tenant) {
  const TenantLimits& limits = LimitsFor(tenant);
  const int64_t now = clock_.NowNanos();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = states_.find(tenant);
  if (it == states_.end()) {
    it = states_.emplace(std::string(tenant), State{limits.burst, now, DayOf(now), 0}).first;
  }
  State& s = it->second;
  Admission a;
  // Daily quota: a calendar day in UTC, so "resets at" is the same instant for every tenant.
  const int64_t day = DayOf(now);
  if (day != s.day) {
    s.day = day;
    s.used_today = 0;
  }
  if (s.used_today >= limits.daily_requests) {
    a.allowed = false;
    a.limit = "daily_quota";
    a.size = static_cast<double>(limits.daily_requests);
    a.reset_at_nanos = (day + 1) * kNanosPerDay;
    a.retry_after_seconds = CeilSeconds(a.reset_at_nanos - now);
    return a;
  }
  // Token bucket: refill for the time since the last request (never for time going backwards).
  const double elapsed =
      static_cast<double>(std::max<int64_t>(0, now - s.refilled_at)) / kNanosPerSecond;
  s.tokens = std::min(limits.burst, s.tokens + elapsed * limits.rate_per_second);
  s.refilled_at = now;
  if (s.tokens < 1.0) {
    a.allowed = false;
    a.limit = "rate";
    a.size = limits.rate_per_second;
    a.burst = limits.burst;
    const double wait_seconds =
        limits.rate_per_second > 0 ? (1.0 - s.tokens) / limits.rate_per_second : 86400.0;
    const auto wait_nanos = static_cast<int64_t>(std::ceil(wait_seconds * kNanosPerSecond));
    a.reset_at_nanos = now + wait_nanos;
    a.retry_after_seconds = CeilSeconds(wait_nanos);
    return a;
  }
  s.tokens -= 1.0;
  ++s.used_today;
  a.daily_remaining = limits.daily_requests - s.used_today;
  return a;
}

}  // namespace tf::server
