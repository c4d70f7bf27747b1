// File: server/duration.h
//
// Durations in configuration files: "500ms", "30s", "5m", "1h", "1d", or a bare number of
// seconds. Strict: no sign, no spaces, no mixed units.
//
//   TF_ASSIGN_OR_RETURN(int64_t ttl, ParseDurationNanos("5m"));  // 300'000'000'000
#ifndef TF_SERVER_DURATION_H_
#define TF_SERVER_DURATION_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/value.h"

namespace tf::server {

inline constexpr int64_t kNanosPerMilli = 1'000'000;
inline constexpr int64_t kNanosPerSecond = 1'000'000'000;

// kInvalidArgument naming the text when it is not a duration or overflows.
Result<int64_t> ParseDurationNanos(std::string_view text);
// A YAML value: a string as above or a non-negative integer of seconds.
Result<int64_t> DurationFromValue(const Value& value);
// "300s" style text for logs and documents.
std::string FormatDuration(int64_t nanos);

}  // namespace tf::server

#endif  // TF_SERVER_DURATION_H_
