// File: rego/builtins/time_layout.h
//
// Go's reference-time layouts ("2006-01-02T15:04:05Z07:00", "Mon Jan _2 15:04:05 MST 2006", ...)
// for time.format and time.parse_ns, and Go's duration syntax ("1h30m", "-1.5ms") for
// time.parse_duration_ns. Behaviour and error texts follow Go's time package (format.go), which
// OPA exposes directly.
#ifndef TF_REGO_BUILTINS_TIME_LAYOUT_H_
#define TF_REGO_BUILTINS_TIME_LAYOUT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "rego/builtins/civil_time.h"
#include "rego/builtins/time_zone.h"

namespace tf::rego::builtins {

// The layout elements Go recognises, named after how they print the reference time.
enum class LayoutElem : uint8_t {
  kNone,
  kLongMonth,      // January
  kMonth,          // Jan
  kNumMonth,       // 1
  kZeroMonth,      // 01
  kLongWeekDay,    // Monday
  kWeekDay,        // Mon
  kDay,            // 2
  kUnderDay,       // _2
  kZeroDay,        // 02
  kUnderYearDay,   // __2
  kZeroYearDay,    // 002
  kHour,           // 15
  kHour12,         // 3
  kZeroHour12,     // 03
  kMinute,         // 4
  kZeroMinute,     // 04
  kSecond,         // 5
  kZeroSecond,     // 05
  kLongYear,       // 2006
  kYear,           // 06
  kUpperPM,        // PM
  kLowerPM,        // pm
  kZoneName,       // MST
  kIsoTZ,          // Z0700
  kIsoSecondsTZ,   // Z070000
  kIsoShortTZ,     // Z07
  kIsoColonTZ,     // Z07:00
  kIsoColonSecTZ,  // Z07:00:00
  kNumTZ,          // -0700
  kNumSecondsTZ,   // -070000
  kNumShortTZ,     // -07
  kNumColonTZ,     // -07:00
  kNumColonSecTZ,  // -07:00:00
  kFracSecond0,    // .000 (fixed digits)
  kFracSecond9,    // .999 (trailing zeros dropped)
};

// The next element of a layout: the literal text before it, the element and what follows.
struct LayoutChunk {
  std::string_view prefix;
  LayoutElem elem = LayoutElem::kNone;
  std::string_view elem_text;
  std::string_view rest;
  int frac_digits = 0;  // kFracSecond0/9 only
  char frac_separator = '.';
};

LayoutChunk NextLayoutChunk(std::string_view layout);

// The layout for one of Go's named constants ("RFC3339", "RFC822Z", "ANSIC", ...) that OPA
// accepts in place of a layout, or the argument itself.
std::string_view ResolveNamedLayout(std::string_view layout);

// Go's Time.Format.
std::string FormatTime(Instant t, const TimeZone& tz, std::string_view layout);

// Go's time.Parse. Times without a zone are UTC. A zone abbreviation other than UTC does not
// move the instant (Go looks such names up in its Local zone, which is UTC here).
Result<Instant> ParseTime(std::string_view layout, std::string_view value);

// Go's time.ParseDuration, in nanoseconds.
Result<int64_t> ParseDuration(std::string_view text);

// Go's time-package quoting of values inside error messages.
std::string QuoteForTimeError(std::string_view s);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_TIME_LAYOUT_H_
