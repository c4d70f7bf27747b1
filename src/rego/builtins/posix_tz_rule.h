// File: rego/builtins/posix_tz_rule.h
//
// A POSIX TZ rule such as "PST8PDT,M3.2.0,M11.1.0" (POSIX.1-2017 §8.3, as extended by tzcode):
// the footer of a version 2+ TZif file, which describes local time after the file's last
// transition. Parsing and evaluation follow Go's time package, which OPA uses.
#ifndef TF_REGO_BUILTINS_POSIX_TZ_RULE_H_
#define TF_REGO_BUILTINS_POSIX_TZ_RULE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tf::rego::builtins {

// The zone in effect at some instant and the window [start, end) in which it is known to hold.
struct ZoneAt {
  std::string_view abbreviation;  // borrowed from the owning TimeZone / rule
  int32_t offset = 0;             // seconds east of UTC
  bool is_dst = false;
  int64_t start = 0;
  int64_t end = 0;
};

class PosixTzRule {
 public:
  // Parses a TZ string; nullopt when it is malformed.
  static std::optional<PosixTzRule> Parse(std::string_view spec);

  // The zone at `unix_seconds`. `last_transition` is the start of the rule's validity (the TZif
  // file's last transition), reported as the window start when the rule has no daylight time.
  ZoneAt Lookup(int64_t unix_seconds, int64_t last_transition) const;

 private:
  // When in the year daylight time starts or ends.
  struct DateRule {
    enum class Kind { kJulian, kDayOfYear, kMonthWeekDay };
    Kind kind = Kind::kMonthWeekDay;
    int day = 0;
    int week = 0;
    int month = 0;
    int32_t time = 2 * 3600;  // seconds after local midnight, default 02:00
  };

  static bool ParseDateRule(std::string_view& s, DateRule* rule);
  // Seconds from the start of `year` (UTC) to the moment the rule fires, given the offset in
  // effect before it.
  static int64_t RuleTime(int64_t year, const DateRule& rule, int32_t offset);

  std::string std_name_;
  std::string dst_name_;
  int32_t std_offset_ = 0;
  int32_t dst_offset_ = 0;
  bool has_dst_ = false;
  DateRule start_;
  DateRule end_;
};

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_POSIX_TZ_RULE_H_
