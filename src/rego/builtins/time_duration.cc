// Go's time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, e.g. "300ms", "-1.5h", "2h45m".
#include <cstdint>

#include "rego/builtins/time_layout.h"

namespace tf::rego::builtins {
namespace {

constexpr uint64_t kInt64Limit = uint64_t{1} << 63;  // |INT64_MIN|

struct DurationUnit {
  std::string_view name;
  uint64_t nanos;
};

constexpr DurationUnit kUnits[] = {
    {"ns", 1},
    {"us", 1'000},
    {"\xC2\xB5s", 1'000},  // U+00B5 micro sign
    {"\xCE\xBCs", 1'000},  // U+03BC Greek small letter mu
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
};

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Leading digits as an integer; false on overflow past 2^63.
bool LeadingInt(std::string_view& s, uint64_t* out) {
  uint64_t x = 0;
  size_t i = 0;
  for (; i < s.size() && IsDigit(s[i]); ++i) {
    if (x > kInt64Limit / 10) return false;
    x = x * 10 + static_cast<uint64_t>(s[i] - '0');
    if (x > kInt64Limit) return false;
  }
  s.remove_prefix(i);
  *out = x;
  return true;
}

// Leading digits of a fraction: stops accumulating precision (never fails) on overflow.
void LeadingFraction(std::string_view& s, uint64_t* value, double* scale) {
  uint64_t x = 0;
  double sc = 1;
  bool overflow = false;
  size_t i = 0;
  for (; i < s.size() && IsDigit(s[i]); ++i) {
    if (overflow) continue;
    if (x > (kInt64Limit - 1) / 10) {
      overflow = true;
      continue;
    }
    uint64_t y = x * 10 + static_cast<uint64_t>(s[i] - '0');
    if (y > kInt64Limit) {
      overflow = true;
      continue;
    }
    x = y;
    sc *= 10;
  }
  s.remove_prefix(i);
  *value = x;
  *scale = sc;
}

const DurationUnit* FindUnit(std::string_view name) {
  for (const DurationUnit& u : kUnits) {
    if (u.name == name) return &u;
  }
  return nullptr;
}

}  // namespace

Result<int64_t> ParseDuration(std::string_view text) {
  const Status invalid = InvalidArgument("time: invalid duration " + QuoteForTimeError(text));
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return int64_t{0};
  if (s.empty()) return invalid;
  uint64_t total = 0;
  while (!s.empty()) {
    if (s[0] != '.' && !IsDigit(s[0])) return invalid;
    const size_t before = s.size();
    uint64_t whole = 0;
    if (!LeadingInt(s, &whole)) return invalid;
    const bool has_whole = s.size() != before;
    uint64_t fraction = 0;
    double scale = 1;
    bool has_fraction = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      const size_t at = s.size();
      LeadingFraction(s, &fraction, &scale);
      has_fraction = s.size() != at;
    }
    if (!has_whole && !has_fraction) return invalid;  // e.g. ".s"
    size_t unit_len = 0;
    while (unit_len < s.size() && s[unit_len] != '.' && !IsDigit(s[unit_len]))
      ++unit_len;
    if (unit_len == 0) {
      return InvalidArgument("time: missing unit in duration " + QuoteForTimeError(text));
    }
    const std::string_view unit_name = s.substr(0, unit_len);
    s.remove_prefix(unit_len);
    const DurationUnit* unit = FindUnit(unit_name);
    if (unit == nullptr) {
      return InvalidArgument("time: unknown unit " + QuoteForTimeError(unit_name) +
                             " in duration " + QuoteForTimeError(text));
    }
    if (whole > kInt64Limit / unit->nanos) return invalid;
    whole *= unit->nanos;
    if (fraction > 0) {
      // As Go: float64 keeps fractions of hours nanosecond-accurate.
      whole += static_cast<uint64_t>(static_cast<double>(fraction) *
                                     (static_cast<double>(unit->nanos) / scale));
      if (whole > kInt64Limit) return invalid;
    }
    total += whole;
    if (total > kInt64Limit) return invalid;
  }
  if (negative) return static_cast<int64_t>(0 - total);
  if (total > kInt64Limit - 1) return invalid;
  return static_cast<int64_t>(total);
}

}  // namespace tf::rego::builtins
