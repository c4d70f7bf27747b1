// Go's time.Parse (time/format.go semantics and error texts).
#include <array>
#include <optional>

#include "rego/builtins/time_layout.h"

namespace tf::rego::builtins {
namespace {

using E = LayoutElem;

constexpr std::array<std::string_view, 7> kDayNames = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 7> kShortDayNames = {"Sun", "Mon", "Tue", "Wed",
                                                            "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> kShortMonthNames = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr uint64_t kInt64Limit = uint64_t{1} << 63;  // |INT64_MIN|
constexpr int kTwoDigitYearPivot = 69;               // 69..99 -> 19xx, 00..68 -> 20xx

bool IsDigitAt(std::string_view s, size_t i) {
  return i < s.size() && s[i] >= '0' && s[i] <= '9';
}
bool IsFractionSeparator(char c) {
  return c == '.' || c == ',';
}

// Leading [0-9]* of s; false on overflow past 2^63.
bool LeadingInt(std::string_view& s, uint64_t* out) {
  uint64_t x = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (x > kInt64Limit / 10) return false;
    x = x * 10 + static_cast<uint64_t>(s[i] - '0');
    if (x > kInt64Limit) return false;
  }
  s.remove_prefix(i);
  *out = x;
  return true;
}

// Go's internal atoi: optional sign, then digits that must fill the whole string.
std::optional<int64_t> Atoi(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  uint64_t q = 0;
  if (!LeadingInt(s, &q) || !s.empty()) return std::nullopt;
  const auto x = static_cast<int64_t>(q);
  return negative ? -x : x;
}

// One or two digits (exactly two when fixed).
bool GetNum(std::string_view& s, bool fixed, int* out) {
  if (!IsDigitAt(s, 0)) return false;
  if (!IsDigitAt(s, 1)) {
    if (fixed) return false;
    *out = s[0] - '0';
    s.remove_prefix(1);
    return true;
  }
  *out = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return true;
}

bool GetNum3(std::string_view& s, bool fixed, int* out) {
  int n = 0;
  size_t i = 0;
  for (; i < 3 && IsDigitAt(s, i); ++i)
    n = n * 10 + (s[i] - '0');
  if (i == 0 || (fixed && i != 3)) return false;
  s.remove_prefix(i);
  *out = n;
  return true;
}

// Case-insensitive (ASCII letters only) prefix lookup in a name table.
template <size_t N>
bool LookupName(const std::array<std::string_view, N>& names, std::string_view& s, int* index) {
  for (size_t i = 0; i < N; ++i) {
    std::string_view name = names[i];
    if (s.size() < name.size()) continue;
    bool match = true;
    for (size_t j = 0; j < name.size() && match; ++j) {
      const char a = static_cast<char>(s[j] | 0x20);
      const char b = static_cast<char>(name[j] | 0x20);
      match = s[j] == name[j] || (a == b && a >= 'a' && a <= 'z');
    }
    if (match) {
      s.remove_prefix(name.size());
      *index = static_cast<int>(i);
      return true;
    }
  }
  return false;
}

// Removes `prefix` from `value`, a run of spaces matching any run of spaces.
bool SkipLiteral(std::string_view& value, std::string_view prefix) {
  auto cut_spaces = [](std::string_view& s) {
    while (!s.empty() && s[0] == ' ')
      s.remove_prefix(1);
  };
  while (!prefix.empty()) {
    if (prefix[0] == ' ') {
      if (!value.empty() && value[0] != ' ') return false;
      cut_spaces(prefix);
      cut_spaces(value);
      continue;
    }
    if (value.empty() || value[0] != prefix[0]) return false;
    prefix.remove_prefix(1);
    value.remove_prefix(1);
  }
  return true;
}

// "+hh" / "-hh" with hh in 1..23: the length consumed, or 0.
size_t SignedOffsetLength(std::string_view value) {
  if (value.empty() || (value[0] != '-' && value[0] != '+')) return 0;
  std::string_view rest = value.substr(1);
  uint64_t x = 0;
  if (!LeadingInt(rest, &x) || rest.size() == value.size() - 1 || x > 23) return 0;
  return value.size() - rest.size();
}

// Length of a zone abbreviation at the front of value (Go's parseTimeZone heuristics), or 0.
size_t ZoneNameLength(std::string_view value) {
  if (value.size() < 3) return 0;
  if (value.substr(0, 4) == "ChST" || value.substr(0, 4) == "MeST") return 4;
  if (value.substr(0, 3) == "GMT") return 3 + SignedOffsetLength(value.substr(3));
  if (value[0] == '+' || value[0] == '-') return SignedOffsetLength(value);
  size_t upper = 0;
  while (upper < 6 && upper < value.size() && value[upper] >= 'A' && value[upper] <= 'Z')
    ++upper;
  if (upper == 3) return 3;
  if (upper == 4 && (value[3] == 'T' || value.substr(0, 4) == "WITA")) return 4;
  if (upper == 5 && value[4] == 'T') return 5;
  return 0;
}

// A fraction ".ddd" of nbytes bytes (separator included), scaled to nanoseconds.
bool ParseNanos(std::string_view value, size_t nbytes, int* nanos, const char** range_error) {
  if (!IsFractionSeparator(value[0])) return false;
  if (nbytes > 10) nbytes = 10;
  std::optional<int64_t> ns = Atoi(value.substr(1, nbytes - 1));
  if (!ns) return false;
  if (*ns < 0) {
    *range_error = "fractional second";
    return true;
  }
  for (size_t i = nbytes; i < 10; ++i)
    *ns *= 10;
  *nanos = static_cast<int>(*ns);
  return true;
}

struct ParsedFields {
  int64_t year = 0;
  int month = -1, day = -1, yday = -1;
  int hour = 0, minute = 0, second = 0, nanos = 0;
  bool am = false, pm = false, utc = false;
  int32_t zone_offset = -1;
  bool has_zone_offset = false;
};

bool ParseSeconds(const LayoutChunk& c, std::string_view layout_rest, std::string_view& value,
                  ParsedFields& f, const char** range_error) {
  if (!GetNum(value, c.elem == E::kZeroSecond, &f.second)) return false;
  if (f.second >= 60) {
    *range_error = "second";
    return true;
  }
  if (value.size() < 2 || !IsFractionSeparator(value[0]) || !IsDigitAt(value, 1)) return true;
  // A fraction in the input but not in the layout is accepted after the seconds.
  const LayoutElem next = NextLayoutChunk(layout_rest).elem;
  if (next == E::kFracSecond0 || next == E::kFracSecond9) return true;
  size_t n = 2;
  while (IsDigitAt(value, n))
    ++n;
  const bool ok = ParseNanos(value, n, &f.nanos, range_error);
  value.remove_prefix(n);
  return ok;
}

// Numeric zone offsets: -0700, -07:00, -07, -070000, -07:00:00 and their Z forms.
bool ParseZoneOffset(E elem, std::string_view& value, ParsedFields& f, const char** range_error) {
  const bool iso = elem == E::kIsoTZ || elem == E::kIsoShortTZ || elem == E::kIsoColonTZ ||
                   elem == E::kIsoSecondsTZ || elem == E::kIsoColonSecTZ;
  if (iso && !value.empty() && value[0] == 'Z') {
    value.remove_prefix(1);
    f.utc = true;
    return true;
  }
  std::string_view v = value;
  std::string_view hh, mm = "00", ss = "00";
  if (elem == E::kIsoColonTZ || elem == E::kNumColonTZ) {
    if (v.size() < 6 || v[3] != ':') return false;
    hh = v.substr(1, 2), mm = v.substr(4, 2), value = v.substr(6);
  } else if (elem == E::kIsoShortTZ || elem == E::kNumShortTZ) {
    if (v.size() < 3) return false;
    hh = v.substr(1, 2), value = v.substr(3);
  } else if (elem == E::kIsoColonSecTZ || elem == E::kNumColonSecTZ) {
    if (v.size() < 9 || v[3] != ':' || v[6] != ':') return false;
    hh = v.substr(1, 2), mm = v.substr(4, 2), ss = v.substr(7, 2), value = v.substr(9);
  } else if (elem == E::kIsoSecondsTZ || elem == E::kNumSecondsTZ) {
    if (v.size() < 7) return false;
    hh = v.substr(1, 2), mm = v.substr(3, 2), ss = v.substr(5, 2), value = v.substr(7);
  } else {
    if (v.size() < 5) return false;
    hh = v.substr(1, 2), mm = v.substr(3, 2), value = v.substr(5);
  }
  int hours = 0, minutes = 0, seconds = 0;
  bool ok = GetNum(hh, true, &hours) && GetNum(mm, true, &minutes) && GetNum(ss, true, &seconds);
  // Go compares with > rather than >=: some people write offsets of 24 hours or 60 minutes.
  if (hours > 24) *range_error = "time zone offset hour";
  if (minutes > 60) *range_error = "time zone offset minute";
  if (seconds > 60) *range_error = "time zone offset second";
  f.zone_offset = static_cast<int32_t>((hours * 60 + minutes) * 60 + seconds);
  f.has_zone_offset = true;
  if (v[0] == '-') {
    f.zone_offset = -f.zone_offset;
  } else if (v[0] != '+') {
    ok = false;
  }
  return ok;
}

// Year, month, weekday and day elements. False is a syntax error (Go's errBad).
bool ParseDateElement(const LayoutChunk& c, std::string_view& value, ParsedFields& f,
                      const char** range_error) {
  int index = 0;
  switch (c.elem) {
    case E::kYear: {
      if (value.size() < 2) return false;
      std::optional<int64_t> y = Atoi(value.substr(0, 2));
      value.remove_prefix(2);
      if (!y) return false;
      f.year = *y + (*y >= kTwoDigitYearPivot ? 1900 : 2000);
      return true;
    }
    case E::kLongYear: {
      if (value.size() < 4 || !IsDigitAt(value, 0)) return false;
      std::optional<int64_t> y = Atoi(value.substr(0, 4));
      value.remove_prefix(4);
      if (!y) return false;
      f.year = *y;
      return true;
    }
    case E::kMonth:
    case E::kLongMonth:
      if (!(c.elem == E::kMonth ? LookupName(kShortMonthNames, value, &index)
                                : LookupName(kMonthNames, value, &index))) {
        return false;
      }
      f.month = index + 1;
      return true;
    case E::kNumMonth:
    case E::kZeroMonth:
      if (!GetNum(value, c.elem == E::kZeroMonth, &f.month)) return false;
      if (f.month <= 0 || f.month > 12) *range_error = "month";
      return true;
    case E::kWeekDay:
      return LookupName(kShortDayNames, value, &index);  // checked, then ignored
    case E::kLongWeekDay:
      return LookupName(kDayNames, value, &index);
    case E::kDay:
    case E::kUnderDay:
    case E::kZeroDay:
      if (c.elem == E::kUnderDay && !value.empty() && value[0] == ' ') value.remove_prefix(1);
      return GetNum(value, c.elem == E::kZeroDay, &f.day);
    case E::kUnderYearDay:
    case E::kZeroYearDay:
      for (int i = 0; i < 2 && c.elem == E::kUnderYearDay; ++i) {
        if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
      }
      return GetNum3(value, c.elem == E::kZeroYearDay, &f.yday);
    default:
      return false;
  }
}

// Hour, minute, second and AM/PM elements.
bool ParseClockElement(const LayoutChunk& c, std::string_view layout_rest, std::string_view& value,
                       ParsedFields& f, const char** range_error) {
  switch (c.elem) {
    case E::kHour:
      if (!GetNum(value, false, &f.hour)) return false;
      if (f.hour >= 24) *range_error = "hour";
      return true;
    case E::kHour12:
    case E::kZeroHour12:
      if (!GetNum(value, c.elem == E::kZeroHour12, &f.hour)) return false;
      if (f.hour > 12) *range_error = "hour";
      return true;
    case E::kMinute:
    case E::kZeroMinute:
      if (!GetNum(value, c.elem == E::kZeroMinute, &f.minute)) return false;
      if (f.minute >= 60) *range_error = "minute";
      return true;
    case E::kSecond:
    case E::kZeroSecond:
      return ParseSeconds(c, layout_rest, value, f, range_error);
    case E::kUpperPM:
    case E::kLowerPM: {
      if (value.size() < 2) return false;
      std::string_view p = value.substr(0, 2);
      value.remove_prefix(2);
      const bool upper = c.elem == E::kUpperPM;
      f.pm = p == (upper ? "PM" : "pm");
      f.am = p == (upper ? "AM" : "am");
      return f.pm || f.am;
    }
    default:
      return false;
  }
}

// Go's parse loop for one element: false is a syntax error (Go's errBad); an out-of-range field
// sets *range_error instead.
bool ParseElement(const LayoutChunk& c, std::string_view layout_rest, std::string_view& value,
                  ParsedFields& f, const char** range_error) {
  if (c.elem >= E::kLongMonth && c.elem <= E::kZeroYearDay) {
    return ParseDateElement(c, value, f, range_error);
  }
  if (c.elem == E::kLongYear || c.elem == E::kYear)
    return ParseDateElement(c, value, f, range_error);
  if ((c.elem >= E::kHour && c.elem <= E::kZeroSecond) || c.elem == E::kUpperPM ||
      c.elem == E::kLowerPM) {
    return ParseClockElement(c, layout_rest, value, f, range_error);
  }
  switch (c.elem) {
    case E::kZoneName: {
      if (value.substr(0, 3) == "UTC") {
        f.utc = true;
        value.remove_prefix(3);
        return true;
      }
      // Other abbreviations are recorded by Go without moving the instant.
      size_t n = ZoneNameLength(value);
      if (n == 0) return false;
      value.remove_prefix(n);
      return true;
    }
    case E::kFracSecond0: {
      const size_t ndigit = 1 + static_cast<size_t>(c.frac_digits);
      if (value.size() < ndigit) return false;
      bool ok = ParseNanos(value, ndigit, &f.nanos, range_error);
      value.remove_prefix(ndigit);
      return ok;
    }
    case E::kFracSecond9: {
      if (value.size() < 2 || !IsFractionSeparator(value[0]) || !IsDigitAt(value, 1)) return true;
      size_t i = 0;
      while (IsDigitAt(value, i + 1))
        ++i;
      bool ok = ParseNanos(value, 1 + i, &f.nanos, range_error);
      value.remove_prefix(1 + i);
      return ok;
    }
    case E::kNone:
      return true;
    default:
      return ParseZoneOffset(c.elem, value, f, range_error);
  }
}

Status ParseError(std::string_view layout, std::string_view value, std::string_view layout_elem,
                  std::string_view value_elem) {
  return InvalidArgument("parsing time " + QuoteForTimeError(value) + " as " +
                         QuoteForTimeError(layout) + ": cannot parse " +
                         QuoteForTimeError(value_elem) + " as " + QuoteForTimeError(layout_elem));
}

Status ParseErrorMessage(std::string_view value, std::string_view message) {
  return InvalidArgument("parsing time " + QuoteForTimeError(value) + std::string(message));
}

int DaysBeforeMonth(int month) {  // in a common year; month 13 gives 365
  static constexpr int kDaysBefore[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
  return kDaysBefore[month - 1];
}

// Resolves a day of the year into month and day, as Go does after the parse loop.
Status ApplyYearDay(ParsedFields& f, std::string_view value) {
  int month = 0;
  int day = 0;
  int yday = f.yday;
  if (IsLeapYear(f.year)) {
    if (yday == 31 + 29) {
      month = 2;
      day = 29;
    } else if (yday > 31 + 29) {
      --yday;
    }
  }
  if (yday < 1 || yday > 365) return ParseErrorMessage(value, ": day-of-year out of range");
  if (month == 0) {
    month = (yday - 1) / 31 + 1;
    if (DaysBeforeMonth(month + 1) < yday) ++month;
    day = yday - DaysBeforeMonth(month);
  }
  if (f.month >= 0 && f.month != month) {
    return ParseErrorMessage(value, ": day-of-year does not match month");
  }
  if (f.day >= 0 && f.day != day)
    return ParseErrorMessage(value, ": day-of-year does not match day");
  f.month = month;
  f.day = day;
  return Status();
}

}  // namespace

Result<Instant> ParseTime(std::string_view layout, std::string_view value) {
  const std::string_view full_layout = layout;
  const std::string_view full_value = value;
  ParsedFields f;
  while (true) {
    const LayoutChunk c = NextLayoutChunk(layout);
    if (!SkipLiteral(value, c.prefix)) return ParseError(full_layout, full_value, c.prefix, value);
    if (c.elem == E::kNone) {
      if (!value.empty()) {
        return ParseErrorMessage(full_value, ": extra text: " + QuoteForTimeError(value));
      }
      break;
    }
    layout = c.rest;
    const std::string_view hold = value;
    const char* range_error = nullptr;
    const bool ok = ParseElement(c, layout, value, f, &range_error);
    if (range_error != nullptr) {
      return ParseErrorMessage(full_value, ": " + std::string(range_error) + " out of range");
    }
    if (!ok) return ParseError(full_layout, full_value, c.elem_text, hold);
  }
  if (f.pm && f.hour < 12) {
    f.hour += 12;
  } else if (f.am && f.hour == 12) {
    f.hour = 0;
  }
  if (f.yday >= 0) {
    TF_RETURN_IF_ERROR(ApplyYearDay(f, full_value));
  } else {
    if (f.month < 0) f.month = 1;
    if (f.day < 0) f.day = 1;
  }
  if (f.day < 1 || f.day > DaysInMonth(f.month, f.year)) {
    return ParseErrorMessage(full_value, ": day out of range");
  }
  std::optional<Instant> t =
      FromZonedCivil(f.year, f.month, f.day, f.hour, f.minute, f.second, f.nanos, TimeZone::Utc());
  if (!t) return ParseErrorMessage(full_value, ": year out of range");
  if (f.has_zone_offset && !f.utc) t->seconds -= f.zone_offset;
  return *t;
}

}  // namespace tf::rego::builtins
