#include "server/duration.h"

#include <limits>

namespace tf::server {
namespace {

Status Bad(std::string_view text) {
  return InvalidArgument(
      "'" + std::string(text) +
      "' is not a duration (e.g. 500ms, 30s, 5m, 1h, 1d or a number of seconds)");
}

}  // namespace

Result<int64_t> ParseDurationNanos(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
    ++digits;
  if (digits == 0 || digits > 12) return Bad(text);
  int64_t n = 0;
  for (size_t i = 0; i < digits; ++i)
    n = n * 10 + (text[i] - '0');
  const std::string_view unit = text.substr(digits);
  int64_t scale = 0;
  if (unit.empty() || unit == "s") {
    scale = kNanosPerSecond;
  } else if (unit == "ms") {
    scale = kNanosPerMilli;
  } else if (unit == "m") {
    scale = 60 * kNanosPerSecond;
  } else if (unit == "h") {
    scale = 3600 * kNanosPerSecond;
  } else if (unit == "d") {
    scale = 86400 * kNanosPerSecond;
  } else {
    return Bad(text);
  }
  if (n > std::numeric_limits<int64_t>::max() / scale) return Bad(text);
  return n * scale;
}

Result<int64_t> DurationFromValue(const Value& value) {
  if (value.is_string()) return ParseDurationNanos(value.string());
  if (value.is_number()) {
    std::optional<int64_t> n = value.number().ToInt64();
    if (!n || *n < 0)
      return InvalidArgument("a duration in seconds must be a non-negative integer");
    return ParseDurationNanos(std::to_string(*n));
  }
  return InvalidArgument("a duration must be a string such as \"30s\" or a number of seconds");
}

std::string FormatDuration(int64_t nanos) {
  if (nanos % kNanosPerSecond == 0) return std::to_string(nanos / kNanosPerSecond) + "s";
  return std::to_string(nanos / kNanosPerMilli) + "ms";
}

}  // namespace tf::server
