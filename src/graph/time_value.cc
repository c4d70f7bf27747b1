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

}  // namespace tf::graph
