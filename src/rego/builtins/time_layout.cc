// Go layout lexing and formatting (Go's time/format.go semantics).
#include "rego/builtins/time_layout.h"

#include <array>
#include <utility>

#include "core/utf8.h"

namespace tf::rego::builtins {
namespace {

using E = LayoutElem;

constexpr std::array<std::string_view, 7> kLongDayNames = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kLongMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr int kNanoDigits = 9;

bool StartsWithLower(std::string_view s) {
  return !s.empty() && s[0] >= 'a' && s[0] <= 'z';
}
bool IsDigitAt(std::string_view s, size_t i) {
  return i < s.size() && s[i] >= '0' && s[i] <= '9';
}

LayoutChunk Chunk(std::string_view layout, size_t at, size_t len, E elem) {
  return LayoutChunk{layout.substr(0, at), elem, layout.substr(at, len), layout.substr(at + len)};
}

// The zone elements: prefix character ('-' or 'Z') then the longest matching pattern.
std::optional<LayoutChunk> ZoneChunk(std::string_view layout, size_t i) {
  const bool iso = layout[i] == 'Z';
  const std::pair<std::string_view, std::pair<E, E>> kPatterns[] = {
      {"070000", {E::kIsoSecondsTZ, E::kNumSecondsTZ}},
      {"07:00:00", {E::kIsoColonSecTZ, E::kNumColonSecTZ}},
      {"0700", {E::kIsoTZ, E::kNumTZ}},
      {"07:00", {E::kIsoColonTZ, E::kNumColonTZ}},
      {"07", {E::kIsoShortTZ, E::kNumShortTZ}},
  };
  std::string_view after = layout.substr(i + 1);
  for (const auto& [pattern, elems] : kPatterns) {
    if (after.substr(0, pattern.size()) == pattern) {
      return Chunk(layout, i, pattern.size() + 1, iso ? elems.first : elems.second);
    }
  }
  return std::nullopt;
}

std::optional<LayoutChunk> FractionChunk(std::string_view layout, size_t i) {
  if (i + 1 >= layout.size() || (layout[i + 1] != '0' && layout[i + 1] != '9')) {
    return std::nullopt;
  }
  const char digit = layout[i + 1];
  size_t j = i + 1;
  while (j < layout.size() && layout[j] == digit)
    ++j;
  if (IsDigitAt(layout, j)) return std::nullopt;  // a fraction is all one repeated digit
  LayoutChunk c = Chunk(layout, i, j - i, digit == '0' ? E::kFracSecond0 : E::kFracSecond9);
  c.frac_digits = static_cast<int>(j - (i + 1));
  c.frac_separator = layout[i];
  return c;
}

// The element starting at layout[i], if any (Go's nextStdChunk, one position at a time).
std::optional<LayoutChunk> ElementAt(std::string_view layout, size_t i) {
  std::string_view s = layout.substr(i);
  auto has = [&](std::string_view p) { return s.substr(0, p.size()) == p; };
  switch (layout[i]) {
    case 'J':
      if (has("January")) return Chunk(layout, i, 7, E::kLongMonth);
      if (has("Jan") && !StartsWithLower(s.substr(3))) return Chunk(layout, i, 3, E::kMonth);
      return std::nullopt;
    case 'M':
      if (has("Monday")) return Chunk(layout, i, 6, E::kLongWeekDay);
      if (has("Mon") && !StartsWithLower(s.substr(3))) return Chunk(layout, i, 3, E::kWeekDay);
      if (has("MST")) return Chunk(layout, i, 3, E::kZoneName);
      return std::nullopt;
    case '0': {
      static constexpr E kZeroElems[] = {E::kZeroMonth,  E::kZeroDay,    E::kZeroHour12,
                                         E::kZeroMinute, E::kZeroSecond, E::kYear};
      if (s.size() >= 2 && s[1] >= '1' && s[1] <= '6')
        return Chunk(layout, i, 2, kZeroElems[s[1] - '1']);
      if (has("002")) return Chunk(layout, i, 3, E::kZeroYearDay);
      return std::nullopt;
    }
    case '1':
      return has("15") ? Chunk(layout, i, 2, E::kHour) : Chunk(layout, i, 1, E::kNumMonth);
    case '2':
      return has("2006") ? Chunk(layout, i, 4, E::kLongYear) : Chunk(layout, i, 1, E::kDay);
    case '_':
      if (has("_2006")) return Chunk(layout, i + 1, 4, E::kLongYear);  // literal '_' then year
      if (has("_2")) return Chunk(layout, i, 2, E::kUnderDay);
      if (has("__2")) return Chunk(layout, i, 3, E::kUnderYearDay);
      return std::nullopt;
    case '3':
      return Chunk(layout, i, 1, E::kHour12);
    case '4':
      return Chunk(layout, i, 1, E::kMinute);
    case '5':
      return Chunk(layout, i, 1, E::kSecond);
    case 'P':
      return has("PM") ? std::optional(Chunk(layout, i, 2, E::kUpperPM)) : std::nullopt;
    case 'p':
      return has("pm") ? std::optional(Chunk(layout, i, 2, E::kLowerPM)) : std::nullopt;
    case '-':
    case 'Z':
      return ZoneChunk(layout, i);
    case '.':
    case ',':
      return FractionChunk(layout, i);
    default:
      return std::nullopt;
  }
}

void AppendInt(std::string& out, int64_t x, int width) {
  uint64_t u = static_cast<uint64_t>(x);
  if (x < 0) {
    out += '-';
    u = 0 - u;
  }
  std::string digits = std::to_string(u);
  for (int pad = width - static_cast<int>(digits.size()); pad > 0; --pad)
    out += '0';
  out += digits;
}

void AppendFraction(std::string& out, int nanos, const LayoutChunk& c) {
  const bool trim = c.elem == E::kFracSecond9;
  if (trim && (c.frac_digits == 0 || nanos == 0)) return;
  std::string digits;
  AppendInt(digits, nanos, kNanoDigits);
  if (c.frac_digits < kNanoDigits) digits.resize(static_cast<size_t>(c.frac_digits));
  if (trim) {
    while (!digits.empty() && digits.back() == '0')
      digits.pop_back();
    if (digits.empty()) return;
  }
  out += c.frac_separator;
  out += digits;
}

void AppendZone(std::string& out, E elem, int32_t offset) {
  const bool iso = elem == E::kIsoTZ || elem == E::kIsoColonTZ || elem == E::kIsoSecondsTZ ||
                   elem == E::kIsoShortTZ || elem == E::kIsoColonSecTZ;
  if (offset == 0 && iso) {
    out += 'Z';
    return;
  }
  const bool colon = elem == E::kIsoColonTZ || elem == E::kNumColonTZ ||
                     elem == E::kIsoColonSecTZ || elem == E::kNumColonSecTZ;
  const bool seconds = elem == E::kIsoSecondsTZ || elem == E::kNumSecondsTZ ||
                       elem == E::kIsoColonSecTZ || elem == E::kNumColonSecTZ;
  const int32_t abs_offset = offset < 0 ? -offset : offset;
  const int32_t minutes = abs_offset / 60;
  out += offset < 0 ? '-' : '+';
  AppendInt(out, minutes / 60, 2);
  if (colon) out += ':';
  if (elem != E::kNumShortTZ && elem != E::kIsoShortTZ) AppendInt(out, minutes % 60, 2);
  if (seconds) {
    if (colon) out += ':';
    AppendInt(out, abs_offset % 60, 2);
  }
}

void AppendElement(std::string& out, const LayoutChunk& c, const ZonedTime& zt) {
  const CivilTime& t = zt.civil;
  const int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
  switch (c.elem) {
    case E::kYear:
      AppendInt(out, (t.year < 0 ? -t.year : t.year) % 100, 2);
      break;
    case E::kLongYear:
      AppendInt(out, t.year, 4);
      break;
    case E::kMonth:
      out += kLongMonthNames[t.month - 1].substr(0, 3);
      break;
    case E::kLongMonth:
      out += kLongMonthNames[t.month - 1];
      break;
    case E::kNumMonth:
      AppendInt(out, t.month, 0);
      break;
    case E::kZeroMonth:
      AppendInt(out, t.month, 2);
      break;
    case E::kWeekDay:
      out += kLongDayNames[t.weekday].substr(0, 3);
      break;
    case E::kLongWeekDay:
      out += kLongDayNames[t.weekday];
      break;
    case E::kDay:
      AppendInt(out, t.day, 0);
      break;
    case E::kUnderDay:
      out += t.day < 10 ? " " : "";
      AppendInt(out, t.day, 0);
      break;
    case E::kZeroDay:
      AppendInt(out, t.day, 2);
      break;
    case E::kUnderYearDay:
      out += t.yday < 10 ? "  " : t.yday < 100 ? " " : "";
      AppendInt(out, t.yday, 0);
      break;
    case E::kZeroYearDay:
      AppendInt(out, t.yday, 3);
      break;
    case E::kHour:
      AppendInt(out, t.hour, 2);
      break;
    case E::kHour12:
      AppendInt(out, hour12, 0);
      break;
    case E::kZeroHour12:
      AppendInt(out, hour12, 2);
      break;
    case E::kMinute:
      AppendInt(out, t.minute, 0);
      break;
    case E::kZeroMinute:
      AppendInt(out, t.minute, 2);
      break;
    case E::kSecond:
      AppendInt(out, t.second, 0);
      break;
    case E::kZeroSecond:
      AppendInt(out, t.second, 2);
      break;
    case E::kUpperPM:
      out += t.hour >= 12 ? "PM" : "AM";
      break;
    case E::kLowerPM:
      out += t.hour >= 12 ? "pm" : "am";
      break;
    case E::kZoneName:
      // Without an abbreviation Go prints the numeric offset.
      if (!zt.abbreviation.empty())
        out += zt.abbreviation;
      else
        AppendZone(out, E::kNumTZ, zt.offset);
      break;
    case E::kFracSecond0:
    case E::kFracSecond9:
      AppendFraction(out, t.nanos, c);
      break;
    case E::kNone:
      break;
    default:
      AppendZone(out, c.elem, zt.offset);
      break;
  }
}

}  // namespace

LayoutChunk NextLayoutChunk(std::string_view layout) {
  for (size_t i = 0; i < layout.size(); ++i) {
    if (std::optional<LayoutChunk> c = ElementAt(layout, i)) return *c;
  }
  return LayoutChunk{layout, E::kNone, {}, {}};
}

std::string_view ResolveNamedLayout(std::string_view layout) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"ANSIC", "Mon Jan _2 15:04:05 2006"},
      {"UnixDate", "Mon Jan _2 15:04:05 MST 2006"},
      {"RubyDate", "Mon Jan 02 15:04:05 -0700 2006"},
      {"RFC822", "02 Jan 06 15:04 MST"},
      {"RFC822Z", "02 Jan 06 15:04 -0700"},
      {"RFC850", "Monday, 02-Jan-06 15:04:05 MST"},
      {"RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"},
      {"RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"},
      {"RFC3339", "2006-01-02T15:04:05Z07:00"},
      {"RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"},
  };
  for (const auto& [name, value] : kNamed) {
    if (layout == name) return value;
  }
  return layout;
}

std::string FormatTime(Instant t, const TimeZone& tz, std::string_view layout) {
  const ZonedTime zt = ToZonedTime(t, tz);
  std::string out;
  while (!layout.empty()) {
    LayoutChunk c = NextLayoutChunk(layout);
    out += c.prefix;
    if (c.elem == E::kNone) break;
    AppendElement(out, c, zt);
    layout = c.rest;
  }
  return out;
}

std::string QuoteForTimeError(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp = 0;
    size_t width = DecodeUtf8(s, i, &cp);
    if (cp >= 0x80 || cp < 0x20) {
      // Non-ASCII and control characters are written byte by byte as \xNN.
      for (size_t j = 0; j < width; ++j) {
        const auto b = static_cast<uint8_t>(s[i + j]);
        out += "\\x";
        out += kHex[b >> 4];
        out += kHex[b & 0xF];
      }
    } else {
      if (cp == '"' || cp == '\\') out += '\\';
      out += static_cast<char>(cp);
    }
    i += width;
  }
  out += '"';
  return out;
}

}  // namespace tf::rego::builtins
