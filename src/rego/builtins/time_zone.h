// File: rego/builtins/time_zone.h
//
// Time zones for the time.* builtins, read from the system's TZif files (RFC 8536) under
// /usr/share/zoneinfo (Debian package tzdata) by a small reader of our own. Lookups follow Go's
// time.Location, which OPA uses. A TimeZone is an immutable value: nothing here touches the
// process-wide TZ setting or any other global state.
//
//   TF_ASSIGN_OR_RETURN(TimeZone tz, TimeZone::Load("America/New_York"));
//   CivilTime local = ToZonedTime(Instant::FromUnixNanos(ns), tz).civil;
#ifndef TF_REGO_BUILTINS_TIME_ZONE_H_
#define TF_REGO_BUILTINS_TIME_ZONE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "rego/builtins/civil_time.h"
#include "rego/builtins/posix_tz_rule.h"

namespace tf::rego::builtins {

class TimeZone {
 public:
  static TimeZone Utc();
  // A zone with one fixed offset (seconds east of UTC) and abbreviation.
  static TimeZone Fixed(std::string name, int32_t offset);
  // "" and "UTC" are UTC; "Local" is /etc/localtime (UTC when absent); anything else is an IANA
  // name under /usr/share/zoneinfo. Fails "unknown time zone <name>" as Go's LoadLocation does.
  static Result<TimeZone> Load(std::string_view name);
  // Parses TZif data (RFC 8536 §3, versions 1 to 4).
  static Result<TimeZone> FromTzif(std::string name, std::string_view data);

  // The zone in effect at `unix_seconds`.
  ZoneAt Lookup(int64_t unix_seconds) const;
  const std::string& name() const { return name_; }

 private:
  struct LocalType {
    std::string abbreviation;
    int32_t offset = 0;
    bool is_dst = false;
  };
  struct Transition {
    int64_t when = 0;
    uint8_t type = 0;
  };

  // The type in effect before the first transition (Go's lookupFirstZone).
  size_t FirstType() const;

  std::string name_;
  std::vector<LocalType> types_;
  std::vector<Transition> transitions_;
  std::optional<PosixTzRule> extend_;  // rule for times after the last transition
};

// An instant seen in a time zone.
struct ZonedTime {
  CivilTime civil;
  std::string abbreviation;
  int32_t offset = 0;
};

ZonedTime ToZonedTime(Instant t, const TimeZone& tz);

// The instant of a local date and time in `tz`, fields normalised as Go's time.Date does
// (including its choice of offset around daylight-saving transitions). nullopt on overflow.
// REQUIRES: 0 <= nanos < 1e9.
std::optional<Instant> FromZonedCivil(int64_t year, int64_t month, int64_t day, int64_t hour,
                                      int64_t minute, int64_t second, int32_t nanos,
                                      const TimeZone& tz);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_TIME_ZONE_H_
