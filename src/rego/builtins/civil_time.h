// File: rego/builtins/civil_time.h
//
// Calendar arithmetic for the time.* builtins: the proleptic Gregorian calendar with the
// semantics of Go's `time` package (which OPA uses), on plain integers and without any global
// state. An `Instant` is seconds since the Unix epoch plus nanoseconds; a `CivilTime` is its
// broken-down local form once a UTC offset has been applied.
#ifndef TF_REGO_BUILTINS_CIVIL_TIME_H_
#define TF_REGO_BUILTINS_CIVIL_TIME_H_

#include <compare>
#include <cstdint>
#include <optional>

namespace tf::rego::builtins {

inline constexpr int64_t kSecondsPerMinute = 60;
inline constexpr int64_t kSecondsPerHour = 3600;
inline constexpr int64_t kSecondsPerDay = 86400;
inline constexpr int64_t kNanosPerSecond = 1'000'000'000;

// A point in time: seconds since 1970-01-01T00:00:00Z plus nanoseconds in [0, 1e9).
struct Instant {
  int64_t seconds = 0;
  int32_t nanos = 0;

  static Instant FromUnixNanos(int64_t unix_nanos);
  // Nanoseconds since the epoch, or nullopt when that does not fit in int64 (OPA's "time
  // outside of valid range").
  std::optional<int64_t> ToUnixNanos() const;

  friend auto operator<=>(const Instant&, const Instant&) = default;
};

// A broken-down local time.
struct CivilTime {
  int64_t year = 1970;
  int month = 1;    // 1..12
  int day = 1;      // 1..31
  int hour = 0;     // 0..23
  int minute = 0;   // 0..59
  int second = 0;   // 0..59
  int nanos = 0;    // 0..999999999
  int weekday = 4;  // 0 = Sunday
  int yday = 1;     // day of the year, 1..366
};

bool IsLeapYear(int64_t year);
// REQUIRES: 1 <= month <= 12.
int DaysInMonth(int month, int64_t year);
// Days from 1970-01-01 to the given date. REQUIRES: 1 <= month <= 12; |year| below about 1e12.
int64_t DaysFromCivil(int64_t year, int month, int day);

// Breaks down `local_seconds` (seconds since the epoch, already shifted by the UTC offset).
CivilTime CivilFromLocalSeconds(int64_t local_seconds, int32_t nanos);

// Local seconds since the epoch for a date whose fields may be out of range, normalised the way
// Go's time.Date does (month 13 is January of the next year, day 0 the last day of the previous
// month, and so on). Returns nullopt when the result cannot be represented in int64.
std::optional<int64_t> NormalizedLocalSeconds(int64_t year, int64_t month, int64_t day,
                                              int64_t hour, int64_t minute, int64_t second);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_CIVIL_TIME_H_
