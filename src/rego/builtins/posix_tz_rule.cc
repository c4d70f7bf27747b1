#include "rego/builtins/posix_tz_rule.h"

#include <limits>
#include <utility>

#include "rego/builtins/civil_time.h"

namespace tf::rego::builtins {
namespace {

constexpr int64_t kEndOfTime = std::numeric_limits<int64_t>::max();
constexpr int kMaxOffsetHours = 24 * 7;  // tzcode accepts up to a week
constexpr int kMaxMinutesOrSeconds = 59;
constexpr int kMinNameLength = 3;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// A decimal number in [min, max] at the front of `s`.
bool ParseNumber(std::string_view& s, int min, int max, int* out) {
  size_t i = 0;
  int n = 0;
  for (; i < s.size() && IsDigit(s[i]); ++i) {
    n = n * 10 + (s[i] - '0');
    if (n > max) return false;
  }
  if (i == 0 || n < min) return false;
  s.remove_prefix(i);
  *out = n;
  return true;
}

// A zone abbreviation: alphabetic ("PST") or quoted in angle brackets ("<+0530>").
bool ParseName(std::string_view& s, std::string* name) {
  if (s.empty()) return false;
  if (s[0] == '<') {
    size_t close = s.find('>');
    if (close == std::string_view::npos) return false;
    *name = std::string(s.substr(1, close - 1));
    s.remove_prefix(close + 1);
    return true;
  }
  size_t i = 0;
  while (i < s.size() && !IsDigit(s[i]) && s[i] != ',' && s[i] != '-' && s[i] != '+')
    ++i;
  if (i < kMinNameLength) return false;
  *name = std::string(s.substr(0, i));
  s.remove_prefix(i);
  return true;
}

// [+-]hh[:mm[:ss]], in seconds as written (POSIX offsets are positive west of Greenwich).
bool ParseOffset(std::string_view& s, int32_t* out) {
  if (s.empty()) return false;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  if (!ParseNumber(s, 0, kMaxOffsetHours, &hours)) return false;
  if (!s.empty() && s[0] == ':') {
    s.remove_prefix(1);
    if (!ParseNumber(s, 0, kMaxMinutesOrSeconds, &minutes)) return false;
    if (!s.empty() && s[0] == ':') {
      s.remove_prefix(1);
      if (!ParseNumber(s, 0, kMaxMinutesOrSeconds, &seconds)) return false;
    }
  }
  int32_t total =
      static_cast<int32_t>(hours * kSecondsPerHour + minutes * kSecondsPerMinute + seconds);
  *out = negative ? -total : total;
  return true;
}

}  // namespace

bool PosixTzRule::ParseDateRule(std::string_view& s, DateRule* rule) {
  if (s.empty()) return false;
  if (s[0] == 'J') {
    s.remove_prefix(1);
    rule->kind = DateRule::Kind::kJulian;
    if (!ParseNumber(s, 1, 365, &rule->day)) return false;
  } else if (s[0] == 'M') {
    s.remove_prefix(1);
    rule->kind = DateRule::Kind::kMonthWeekDay;
    if (!ParseNumber(s, 1, 12, &rule->month) || s.empty() || s[0] != '.') return false;
    s.remove_prefix(1);
    if (!ParseNumber(s, 1, 5, &rule->week) || s.empty() || s[0] != '.') return false;
    s.remove_prefix(1);
    if (!ParseNumber(s, 0, 6, &rule->day)) return false;
  } else {
    rule->kind = DateRule::Kind::kDayOfYear;
    if (!ParseNumber(s, 0, 365, &rule->day)) return false;
  }
  if (s.empty() || s[0] != '/') return true;
  s.remove_prefix(1);
  return ParseOffset(s, &rule->time);
}

std::optional<PosixTzRule> PosixTzRule::Parse(std::string_view s) {
  PosixTzRule r;
  int32_t offset = 0;
  if (!ParseName(s, &r.std_name_) || !ParseOffset(s, &offset)) return std::nullopt;
  r.std_offset_ = -offset;  // east of UTC, as everywhere else
  if (s.empty() || s[0] == ',') return r;
  if (!ParseName(s, &r.dst_name_)) return std::nullopt;
  r.has_dst_ = true;
  if (s.empty() || s[0] == ',') {
    r.dst_offset_ = r.std_offset_ + static_cast<int32_t>(kSecondsPerHour);
  } else {
    if (!ParseOffset(s, &offset)) return std::nullopt;
    r.dst_offset_ = -offset;
  }
  // tzcode's default rules (US, since 2007) when the string names daylight time but no dates.
  std::string_view rules = s.empty() ? std::string_view(",M3.2.0,M11.1.0") : s;
  if (rules[0] != ',' && rules[0] != ';') return std::nullopt;
  rules.remove_prefix(1);
  if (!ParseDateRule(rules, &r.start_) || rules.empty() || rules[0] != ',') return std::nullopt;
  rules.remove_prefix(1);
  if (!ParseDateRule(rules, &r.end_) || !rules.empty()) return std::nullopt;
  return r;
}

int64_t PosixTzRule::RuleTime(int64_t year, const DateRule& rule, int32_t offset) {
  int64_t day_of_year = 0;  // 0-based
  switch (rule.kind) {
    case DateRule::Kind::kJulian:  // Jn: 1..365, February 29 never counted
      day_of_year = rule.day - 1 + (IsLeapYear(year) && rule.day >= 60 ? 1 : 0);
      break;
    case DateRule::Kind::kDayOfYear:  // n: 0..365, February 29 counted
      day_of_year = rule.day;
      break;
    case DateRule::Kind::kMonthWeekDay: {  // Mm.w.d: day d of week w (5 = last) of month m
      const int64_t first = DaysFromCivil(year, rule.month, 1);
      const int first_weekday = static_cast<int>(((first + 4) % 7 + 7) % 7);
      int day = rule.day - first_weekday;
      if (day < 0) day += 7;
      for (int week = 1; week < rule.week && day + 7 < DaysInMonth(rule.month, year); ++week) {
        day += 7;
      }
      day_of_year = first - DaysFromCivil(year, 1, 1) + day;
      break;
    }
  }
  return day_of_year * kSecondsPerDay + rule.time - offset;
}

ZoneAt PosixTzRule::Lookup(int64_t unix_seconds, int64_t last_transition) const {
  if (!has_dst_) return ZoneAt{std_name_, std_offset_, false, last_transition, kEndOfTime};
  const CivilTime utc = CivilFromLocalSeconds(unix_seconds, 0);
  const int64_t year_start = DaysFromCivil(utc.year, 1, 1) * kSecondsPerDay;
  const int64_t seconds_into_year = unix_seconds - year_start;
  int64_t start = RuleTime(utc.year, start_, std_offset_);
  int64_t end = RuleTime(utc.year, end_, dst_offset_);
  ZoneAt standard{std_name_, std_offset_, false, 0, 0};
  ZoneAt daylight{dst_name_, dst_offset_, true, 0, 0};
  if (end < start) {  // southern hemisphere: the "daylight" period wraps the year end
    std::swap(start, end);
    std::swap(standard, daylight);
  }
  // Windows are exact near a transition and otherwise clipped to the year, which is all that
  // converting a civil time back to an instant needs.
  if (seconds_into_year < start) {
    standard.start = year_start;
    standard.end = year_start + start;
    return standard;
  }
  if (seconds_into_year >= end) {
    standard.start = year_start + end;
    standard.end = year_start + 365 * kSecondsPerDay;
    return standard;
  }
  daylight.start = year_start + start;
  daylight.end = year_start + end;
  return daylight;
}

}  // namespace tf::rego::builtins
