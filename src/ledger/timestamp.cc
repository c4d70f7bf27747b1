#include "ledger/timestamp.h"

namespace tf::ledger {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;

// Days since 1970-01-01 of a proleptic Gregorian date, by counting 400-year eras that start on
// March 1st (so the leap day is the last day of the year and months have a fixed pattern).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (m + 9) % 12;  // March = 0.
  const int64_t doy = (153 * mp + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

int DaysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

Status Bad(std::string_view text, const char* why) {
  return Status(ErrorCode::kInvalidArgument, "timestamp \"" + std::string(text) + "\": " + why +
                                                 " (want RFC 3339, e.g. " +
                                                 "2027-01-01T00:00:00Z)");
}

// Reads `n` decimal digits at text[*pos].
bool Digits(std::string_view text, size_t* pos, int n, int64_t* out) {
  if (*pos + n > text.size()) return false;
  int64_t v = 0;
  for (int i = 0; i < n; ++i) {
    char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

Result<int64_t> Parse(std::string_view text, bool canonical) {
  size_t p = 0;
  int64_t y, mo, d, h, mi, s;
  if (!Digits(text, &p, 4, &y) || !Expect(text, &p, '-') || !Digits(text, &p, 2, &mo) ||
      !Expect(text, &p, '-') || !Digits(text, &p, 2, &d)) {
    return Bad(text, "bad date");
  }
  if (p >= text.size() || (text[p] != 'T' && (canonical || text[p] != 't'))) {
    return Bad(text, "missing 'T'");
  }
  ++p;
  if (!Digits(text, &p, 2, &h) || !Expect(text, &p, ':') || !Digits(text, &p, 2, &mi) ||
      !Expect(text, &p, ':') || !Digits(text, &p, 2, &s)) {
    return Bad(text, "bad time of day");
  }
  if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, static_cast<int>(mo)) || h > 23 || mi > 59 ||
      s > 59) {
    return Bad(text, "field out of range");
  }
  int64_t frac = 0;
  if (p < text.size() && text[p] == '.') {
    ++p;
    int digits = 0;
    while (p < text.size() && text[p] >= '0' && text[p] <= '9' && digits < 9) {
      frac = frac * 10 + (text[p++] - '0');
      ++digits;
    }
    if (digits == 0 || (canonical && digits != 9)) return Bad(text, "bad fraction");
    for (; digits < 9; ++digits)
      frac *= 10;
  } else if (canonical) {
    return Bad(text, "canonical timestamps have nine fractional digits");
  }
  int64_t offset = 0;
  if (p < text.size() && (text[p] == 'Z' || (!canonical && text[p] == 'z'))) {
    ++p;
  } else if (!canonical && p < text.size() && (text[p] == '+' || text[p] == '-')) {
    const int64_t sign = text[p++] == '-' ? -1 : 1;
    int64_t oh, om;
    if (!Digits(text, &p, 2, &oh) || !Expect(text, &p, ':') || !Digits(text, &p, 2, &om) ||
        oh > 23 || om > 59) {
      return Bad(text, "bad UTC offset");
    }
    offset = sign * (oh * 3600 + om * 60);
  } else {
    return Bad(text, canonical ? "canonical timestamps end in 'Z'" : "missing time zone");
  }
  if (p != text.size()) return Bad(text, "trailing characters");
  const int64_t secs =
      DaysFromCivil(y, static_cast<int>(mo), static_cast<int>(d)) * kSecondsPerDay + h * 3600 +
      mi * 60 + s - offset;
  // int64 nanoseconds span 1677-09-21 to 2262-04-11.
  constexpr int64_t kMaxSeconds = INT64_MAX / kNanosPerSecond - 1;
  if (secs > kMaxSeconds || secs < -kMaxSeconds) return Bad(text, "outside 1678..2261");
  return secs * kNanosPerSecond + frac;
}

}  // namespace

void AppendTimestamp(std::string& out, int64_t unix_nanos) {
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
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  // int64 nanoseconds reach the years 1677 to 2262: always four digits. Written by hand rather
  // than with snprintf because ingest formats millions of these.
  char buf[] = "0000-00-00T00:00:00.000000000Z";
  auto put = [&buf](size_t last, int64_t value, int digits) {
    for (int i = 0; i < digits; ++i, value /= 10)
      buf[last - i] = static_cast<char>('0' + value % 10);
  };
  put(3, y, 4);
  put(6, m, 2);
  put(9, d, 2);
  put(12, rem / 3600, 2);
  put(15, rem / 60 % 60, 2);
  put(18, rem % 60, 2);
  put(28, frac, 9);
  out.append(buf, sizeof(buf) - 1);
}

std::string FormatTimestamp(int64_t unix_nanos) {
  std::string out;
  AppendTimestamp(out, unix_nanos);
  return out;
}

Result<int64_t> ParseCanonicalTimestamp(std::string_view text) {
  return Parse(text, true);
}

Result<int64_t> ParseTimestamp(std::string_view text) {
  return Parse(text, false);
}

}  // namespace tf::ledger
