#include "rego/builtins/civil_time.h"

#include <limits>

namespace tf::rego::builtins {
namespace {

// Years beyond this are far outside any int64 nanosecond timestamp (about ±292 years around
// 1970) and are rejected before the day arithmetic could overflow.
constexpr int64_t kMaxAbsYear = 1'000'000'000;
constexpr int kMonthsPerYear = 12;
constexpr int64_t kThursday = 4;  // 1970-01-01
constexpr int kDaysPerWeek = 7;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

__int128 FloorDiv128(__int128 a, __int128 b) {
  __int128 q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

void CivilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  // Howard Hinnant's days_from_civil inverse, on 400-year eras of 146097 days.
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

}  // namespace

Instant Instant::FromUnixNanos(int64_t unix_nanos) {
  // Division and remainder, not seconds * 1e9, so that INT64_MIN cannot overflow.
  int64_t seconds = unix_nanos / kNanosPerSecond;
  int64_t nanos = unix_nanos % kNanosPerSecond;
  if (nanos < 0) {
    nanos += kNanosPerSecond;
    --seconds;
  }
  return Instant{seconds, static_cast<int32_t>(nanos)};
}

std::optional<int64_t> Instant::ToUnixNanos() const {
  __int128 ns = static_cast<__int128>(seconds) * kNanosPerSecond + nanos;
  if (ns < std::numeric_limits<int64_t>::min() || ns > std::numeric_limits<int64_t>::max()) {
    return std::nullopt;
  }
  return static_cast<int64_t>(ns);
}

bool IsLeapYear(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int DaysInMonth(int month, int64_t year) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

int64_t DaysFromCivil(int64_t year, int month, int day) {
  const int64_t y = year - (month <= 2 ? 1 : 0);
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilTime CivilFromLocalSeconds(int64_t local_seconds, int32_t nanos) {
  CivilTime c;
  const int64_t days = FloorDiv(local_seconds, kSecondsPerDay);
  const int64_t secs_of_day = local_seconds - days * kSecondsPerDay;
  CivilFromDays(days, &c.year, &c.month, &c.day);
  c.hour = static_cast<int>(secs_of_day / kSecondsPerHour);
  c.minute = static_cast<int>(secs_of_day % kSecondsPerHour / kSecondsPerMinute);
  c.second = static_cast<int>(secs_of_day % kSecondsPerMinute);
  c.nanos = nanos;
  const int64_t weekday = (days + kThursday) % kDaysPerWeek;
  c.weekday = static_cast<int>(weekday < 0 ? weekday + kDaysPerWeek : weekday);
  c.yday = static_cast<int>(days - DaysFromCivil(c.year, 1, 1) + 1);
  return c;
}

std::optional<int64_t> NormalizedLocalSeconds(int64_t year, int64_t month, int64_t day,
                                              int64_t hour, int64_t minute, int64_t second) {
  const __int128 total_months = static_cast<__int128>(year) * kMonthsPerYear + (month - 1);
  const __int128 norm_year = FloorDiv128(total_months, kMonthsPerYear);
  if (norm_year > kMaxAbsYear || norm_year < -kMaxAbsYear) return std::nullopt;
  const int norm_month = static_cast<int>(total_months - norm_year * kMonthsPerYear) + 1;
  const __int128 days =
      static_cast<__int128>(DaysFromCivil(static_cast<int64_t>(norm_year), norm_month, 1)) +
      (static_cast<__int128>(day) - 1);
  const __int128 seconds = days * kSecondsPerDay + static_cast<__int128>(hour) * kSecondsPerHour +
                           static_cast<__int128>(minute) * kSecondsPerMinute + second;
  if (seconds < std::numeric_limits<int64_t>::min() ||
      seconds > std::numeric_limits<int64_t>::max()) {
    return std::nullopt;
  }
  return static_cast<int64_t>(seconds);
}

}  // namespace tf::rego::builtins
