#include "rego/builtins/time_zone.h"

#include <algorithm>
#include <fstream>
#include <limits>

namespace tf::rego::builtins {
namespace {

constexpr int64_t kBeginningOfTime = std::numeric_limits<int64_t>::min();
constexpr int64_t kEndOfTime = std::numeric_limits<int64_t>::max();
constexpr std::string_view kZoneInfoDir = "/usr/share/zoneinfo/";
constexpr std::string_view kLocalTimeFile = "/etc/localtime";
constexpr size_t kMaxTzifBytes = 1 << 20;  // real files are a few KiB
constexpr uint32_t kMaxTzifTypes = 256;

// Big-endian reads over a byte string that fail instead of running off the end.
class TzifReader {
 public:
  explicit TzifReader(std::string_view data) : data_(data) {}
  bool Skip(uint64_t n) {
    if (n > data_.size() - pos_) return false;
    pos_ += static_cast<size_t>(n);
    return true;
  }
  bool Bytes(size_t n, std::string_view* out) {
    if (n > data_.size() - pos_) return false;
    *out = data_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool BigEndian(size_t n, uint64_t* out) {
    std::string_view b;
    if (!Bytes(n, &b)) return false;
    uint64_t v = 0;
    for (char c : b)
      v = (v << 8) | static_cast<uint8_t>(c);
    *out = v;
    return true;
  }
  std::string_view Rest() const { return data_.substr(pos_); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

// RFC 8536 §3.1: the header's six counts, in file order.
struct TzifCounts {
  uint64_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;
};

bool ReadHeader(TzifReader& r, char* version, TzifCounts* c) {
  std::string_view magic;
  std::string_view header;
  if (!r.Bytes(4, &magic) || magic != "TZif" || !r.Bytes(16, &header)) return false;
  *version = header[0];
  return r.BigEndian(4, &c->isut) && r.BigEndian(4, &c->isstd) && r.BigEndian(4, &c->leap) &&
         r.BigEndian(4, &c->time) && r.BigEndian(4, &c->type) && r.BigEndian(4, &c->chars);
}

uint64_t DataBlockBytes(const TzifCounts& c, uint64_t time_size) {
  return c.time * time_size + c.time + c.type * 6 + c.chars + c.leap * (time_size + 4) + c.isstd +
         c.isut;
}

std::optional<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data(kMaxTzifBytes + 1, '\0');
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  if (in.bad() || in.gcount() <= 0 || static_cast<size_t>(in.gcount()) > kMaxTzifBytes) {
    return std::nullopt;
  }
  data.resize(static_cast<size_t>(in.gcount()));
  return data;
}

bool ContainsDotDot(std::string_view s) {
  return s.find("..") != std::string_view::npos;
}

}  // namespace

TimeZone TimeZone::Utc() {
  return Fixed("UTC", 0);
}

TimeZone TimeZone::Fixed(std::string name, int32_t offset) {
  TimeZone tz;
  tz.types_.push_back(LocalType{name, offset, false});
  tz.name_ = std::move(name);
  tz.transitions_.push_back(Transition{kBeginningOfTime, 0});
  return tz;
}

Result<TimeZone> TimeZone::Load(std::string_view name) {
  if (name.empty() || name == "UTC") return Utc();
  if (name == "Local") {
    std::optional<std::string> data = ReadSmallFile(std::string(kLocalTimeFile));
    if (!data) return Utc();
    Result<TimeZone> local = FromTzif("Local", *data);
    return local.ok() ? local : Result<TimeZone>(Utc());
  }
  if (ContainsDotDot(name) || name[0] == '/' || name[0] == '\\') {
    return InvalidArgument("time: invalid location name");
  }
  Status unknown = NotFound("unknown time zone " + std::string(name));
  if (name.find('\0') != std::string_view::npos) return unknown;
  std::optional<std::string> data = ReadSmallFile(std::string(kZoneInfoDir) + std::string(name));
  if (!data) return unknown;
  Result<TimeZone> tz = FromTzif(std::string(name), *data);
  if (!tz.ok()) return unknown;
  return tz;
}

Result<TimeZone> TimeZone::FromTzif(std::string name, std::string_view data) {
  const Status malformed = InvalidArgument("malformed time zone information");
  TzifReader r(data);
  char version = 0;
  TzifCounts c;
  if (!ReadHeader(r, &version, &c)) return malformed;
  uint64_t time_size = 4;
  if (version != 0) {
    // Version 2+: skip the 32-bit block and use the 64-bit one that follows (RFC 8536 §3.2).
    if (!r.Skip(DataBlockBytes(c, 4)) || !ReadHeader(r, &version, &c)) return malformed;
    time_size = 8;
  }
  if (c.type == 0 || c.type > kMaxTzifTypes || DataBlockBytes(c, time_size) > r.Rest().size()) {
    return malformed;
  }
  TimeZone tz;
  tz.name_ = std::move(name);
  std::vector<int64_t> times(c.time);
  for (int64_t& t : times) {
    uint64_t v = 0;
    if (!r.BigEndian(time_size, &v)) return malformed;
    t = time_size == 4 ? static_cast<int32_t>(v) : static_cast<int64_t>(v);
  }
  for (int64_t t : times) {
    uint64_t type = 0;
    if (!r.BigEndian(1, &type) || type >= c.type) return malformed;
    tz.transitions_.push_back(Transition{t, static_cast<uint8_t>(type)});
  }
  std::vector<std::pair<int32_t, std::pair<bool, uint8_t>>> raw_types;
  for (uint64_t i = 0; i < c.type; ++i) {
    uint64_t offset = 0, is_dst = 0, abbr_index = 0;
    if (!r.BigEndian(4, &offset) || !r.BigEndian(1, &is_dst) || !r.BigEndian(1, &abbr_index)) {
      return malformed;
    }
    raw_types.push_back({static_cast<int32_t>(static_cast<uint32_t>(offset)),
                         {is_dst != 0, static_cast<uint8_t>(abbr_index)}});
  }
  std::string_view chars;
  if (!r.Bytes(c.chars, &chars)) return malformed;
  for (const auto& [offset, dst_and_index] : raw_types) {
    if (dst_and_index.second >= chars.size() && !chars.empty()) return malformed;
    std::string_view abbr = chars.substr(std::min<size_t>(dst_and_index.second, chars.size()));
    abbr = abbr.substr(0, abbr.find('\0'));
    tz.types_.push_back(LocalType{std::string(abbr), offset, dst_and_index.first});
  }
  if (!r.Skip(c.leap * (time_size + 4) + c.isstd + c.isut)) return malformed;
  if (time_size == 8) {
    // Footer: "\n<POSIX TZ string>\n" (RFC 8536 §3.3).
    std::string_view footer = r.Rest();
    if (footer.size() >= 2 && footer[0] == '\n') {
      size_t end = footer.find('\n', 1);
      if (end != std::string_view::npos && end > 1) {
        tz.extend_ = PosixTzRule::Parse(footer.substr(1, end - 1));
      }
    }
  }
  // As Go does: a zone without transitions gets one at the beginning of time, so that the
  // footer rule (if any) applies everywhere.
  if (tz.transitions_.empty()) tz.transitions_.push_back(Transition{kBeginningOfTime, 0});
  return tz;
}

size_t TimeZone::FirstType() const {
  bool first_used = false;
  for (const Transition& t : transitions_)
    first_used |= t.type == 0;
  if (!first_used) return 0;
  if (!transitions_.empty() && types_[transitions_[0].type].is_dst) {
    for (size_t i = transitions_[0].type; i-- > 0;) {
      if (!types_[i].is_dst) return i;
    }
  }
  for (size_t i = 0; i < types_.size(); ++i) {
    if (!types_[i].is_dst) return i;
  }
  return 0;
}

ZoneAt TimeZone::Lookup(int64_t unix_seconds) const {
  if (transitions_.empty() || unix_seconds < transitions_[0].when) {
    const LocalType& t = types_[FirstType()];
    int64_t end = transitions_.empty() ? kEndOfTime : transitions_[0].when;
    return ZoneAt{t.abbreviation, t.offset, t.is_dst, kBeginningOfTime, end};
  }
  // The last transition at or before unix_seconds.
  size_t lo = 0;
  size_t hi = transitions_.size();
  int64_t end = kEndOfTime;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (unix_seconds < transitions_[mid].when) {
      end = transitions_[mid].when;
      hi = mid;
    } else {
      lo = mid;
    }
  }
  const LocalType& t = types_[transitions_[lo].type];
  if (lo == transitions_.size() - 1 && extend_) {
    return extend_->Lookup(unix_seconds, transitions_[lo].when);
  }
  return ZoneAt{t.abbreviation, t.offset, t.is_dst, transitions_[lo].when, end};
}

ZonedTime ToZonedTime(Instant t, const TimeZone& tz) {
  ZoneAt zone = tz.Lookup(t.seconds);
  int64_t local = 0;
  if (__builtin_add_overflow(t.seconds, zone.offset, &local)) local = t.seconds;
  return ZonedTime{CivilFromLocalSeconds(local, t.nanos), std::string(zone.abbreviation),
                   zone.offset};
}

std::optional<Instant> FromZonedCivil(int64_t year, int64_t month, int64_t day, int64_t hour,
                                      int64_t minute, int64_t second, int32_t nanos,
                                      const TimeZone& tz) {
  std::optional<int64_t> local = NormalizedLocalSeconds(year, month, day, hour, minute, second);
  if (!local) return std::nullopt;
  // Go's time.Date: look the offset up at the local reading first (hoping it is not near a
  // transition), then once more at the implied UTC instant if that falls outside the window.
  ZoneAt zone = tz.Lookup(*local);
  int32_t offset = zone.offset;
  if (offset != 0) {
    int64_t utc = 0;
    if (__builtin_sub_overflow(*local, offset, &utc)) return std::nullopt;
    if (utc < zone.start || utc >= zone.end) offset = tz.Lookup(utc).offset;
  }
  int64_t unix_seconds = 0;
  if (__builtin_sub_overflow(*local, offset, &unix_seconds)) return std::nullopt;
  return Instant{unix_seconds, nanos};
}

}  // namespace tf::rego::builtins
