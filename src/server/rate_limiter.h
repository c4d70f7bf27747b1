// File: server/rate_limiter.h
//
// `RateLimiter`: per-tenant admission. Each tenant has a token bucket (a sustained rate and a
// burst) and a daily quota that resets at 00:00 UTC. A refused request learns which limit
// refused it, the limit's size and when to retry, which the API returns as 429 with
// `Retry-After` (RFC 9110 §10.2.3) and a problem body.
//
//   RateLimiter limiter(defaults, overrides, clock);
//   Admission a = limiter.Admit("acme");
//   if (!a.allowed) return TooMany(a);
//
// Thread safety: Admit may be called concurrently. Time comes from the injected clock.
#ifndef TF_SERVER_RATE_LIMITER_H_
#define TF_SERVER_RATE_LIMITER_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace tf::server {

struct TenantLimits {
  double rate_per_second = 500;  // sustained requests per second
  double burst = 1000;           // bucket size
  uint64_t daily_requests = 10'000'000;
};

struct Admission {
  bool allowed = true;
  // Set when refused: "rate" (token bucket) or "daily_quota".
  std::string limit;
  double size = 0;             // rate: requests per second; daily_quota: requests per day
  double burst = 0;            // rate only
  int64_t reset_at_nanos = 0;  // when the limit allows a request again
  int64_t retry_after_seconds = 0;
  uint64_t daily_remaining = 0;
};

class RateLimiter {
 public:
  RateLimiter(TenantLimits defaults, std::map<std::string, TenantLimits, std::less<>> per_tenant,
              const Clock& clock);

  // Takes one request from `tenant`'s bucket and quota, or explains why not. A refused request
  // takes nothing.
  Admission Admit(std::string_view tenant);

  const TenantLimits& LimitsFor(std::string_view tenant) const;

 private:
  struct State {
    double tokens = 0;
    int64_t refilled_at = 0;
    int64_t day = -1;
    uint64_t used_today = 0;
  };

  const TenantLimits defaults_;
  const std::map<std::string, TenantLimits, std::less<>> per_tenant_;
  const Clock& clock_;
  std::mutex mu_;
  std::map<std::string, State, std::less<>> states_;  // guarded by mu_
};

}  // namespace tf::server

#endif  // TF_SERVER_RATE_LIMITER_H_
