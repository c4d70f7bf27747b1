#include "graph/time_value.h"

#include <limits>

#include "ledger/timestamp.h"

namespace tf::graph {
namespace {

constexpr int kFractionDigits = 9;
constexpr int64_t kNanosPerSecond = 1'000'000'000;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// [-]digits[.digits]: exact nanoseconds; more than nine fraction digits are refused rather than
// rounded.
Result<int64_t> ParseUnixSeconds(std::string_view text) {
  std::string_view s = text;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  const size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  auto bad = [&] { return InvalidArgument("\"" + std::string(text) + "\" is not a time"); };
  if (whole.empty() || (dot != std::string_view::npos && frac.empty())) return bad();
  if (frac.size() > kFractionDigits) return bad();
  int64_t secs = 0;
  constexpr int64_t kMaxSeconds = std::numeric_limits<int64_t>::max() / kNanosPerSecond - 1;
  for (char c : whole) {
    if (!IsDigit(c)) return bad();
    secs = secs * 10 + (c - '0');
    if (secs > kMaxSeconds)
      return InvalidArgument("time \"" + std::string(text) + "\" is out of range");
  }
  int64_t nanos = 0;
  for (int i = 0; i < kFractionDigits; ++i) {
    char c = i < static_cast<int>(frac.size()) ? frac[i] : '0';
    if (!IsDigit(c)) return bad();
    nanos = nanos * 10 + (c - '0');
  }
  const int64_t total = secs * kNanosPerSecond + nanos;
  return negative ? -total : total;
}

}  // namespace

Result<int64_t> ParseTimeText(std::string_view text) {
  if (text.find('T') != std::string_view::npos || text.find('t') != std::string_view::npos) {
    Result<int64_t> t = ledger::ParseTimestamp(text);
    if (!t.ok()) return InvalidArgument("\"" + std::string(text) + "\" is not a time");
    return t;
  }
  return ParseUnixSeconds(text);
}

Result<int64_t> ParseTimeValue(const Value& value) {
  if (value.is_string()) return ParseTimeText(value.string());
  if (value.is_number()) return ParseUnixSeconds(value.number().ToString());
  return InvalidArgument("a time must be a number (Unix seconds) or a string, not " +
                         std::string(value.TypeName()));
}

Result<int64_t> ParseAge(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("age \"" + std::string(text) +
                           "\" must be a whole number with a unit s, m, h, d, w or y");
  };
  if (text.size() < 2) return bad();
  int64_t unit = 0;
  switch (text.back()) {
    case 's':
      unit = kNanosPerSecond;
      break;
    case 'm':
      unit = 60 * kNanosPerSecond;
      break;
    case 'h':
      unit = 3600 * kNanosPerSecond;
      break;
    case 'd':
      unit = 86400 * kNanosPerSecond;
      break;
    case 'w':
      unit = 7 * 86400 * kNanosPerSecond;
      break;
    case 'y':
      unit = 365 * 86400 * kNanosPerSecond;
      break;
    default:
      return bad();
  }
  int64_t n = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (!IsDigit(c)) return bad();
    n = n * 10 + (c - '0');
    if (n > std::numeric_limits<int64_t>::max() / unit) return bad();
  }
  return n * unit;
}

void AppendTimestamp(std::string& out, int64_t unix_nanos) {
  constexpr int64_t kSecondsPerDay = 86'400;
  int64_t secs = unix_nanos / kNanosPerSecond;
  int64_t frac = unix_nanos % kNanosPerSecond;
  if (frac < 0) {
    frac += kNanosPerSecond;
    --secs;
  }
  int64_t days = secs / kSecondsPerDay;
  int64_t rem = secs % kSecondsPerDay;
  if (rem < 0) {
    rem += kSecondsPerDay;
    --days;
  }
  // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
  const int64_t z = days + 719'468;
  const int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
  const int64_t doe = z - era * 146'097;
  const int64_t yoe = (doe - doe / 1'460 + doe / 36'524 - doe / 146'096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // int64 nanoseconds reach the years 1677 to 2262: always four digits.
  char buf[] = "0000-00-00T00:00:00.000000000Z";
  auto put = [&buf](size_t end, int64_t value, int digits) {
    for (int i = 0; i < digits; ++i, value /= 10)
      buf[end - i] = static_cast<char>('0' + value % 10);
  };
  put(3, year, 4);
  put(6, month, 2);
  put(9, day, 2);
  put(12, rem / 3'600, 2);
  put(15, rem / 60 % 60, 2);
  put(18, rem % 60, 2);
  put(28, frac, kFractionDigits);
  out.append(buf, sizeof(buf) - 1);
}

}  // namespace tf::graph
