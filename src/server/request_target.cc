#include "server/request_target.h"

#include <cstdio>
#include <ctime>

namespace tf::server {
namespace {

constexpr size_t kMaxQueryParams = 64;

Status Bad(std::string message) {
  return Status(ErrorCode::kBadRequest, std::move(message));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes `in`; `plus_is_space` for form-encoded query parts.
Result<std::string> Decode(std::string_view in, bool plus_is_space, bool is_path) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return Bad("truncated percent-escape");
      const int hi = HexValue(in[i + 1]);
      const int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return Bad("bad percent-escape");
      c = static_cast<char>(hi * 16 + lo);
      if (c == '\0') return Bad("encoded NUL in the request target");
      // An encoded '/' would let one path segment pose as two (or hide a traversal).
      if (is_path && c == '/') return Bad("encoded '/' in the path");
      i += 2;
    } else if (plus_is_space && c == '+') {
      c = ' ';
    } else if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return Bad("control character or space in the request target");
    }
    out += c;
  }
  return out;
}

}  // namespace

Status ParseRequestTarget(std::string_view target, HttpRequest& request) {
  if (target.empty() || target[0] != '/') return Bad("the request target must be a path");
  const size_t q = target.find('?');
  const std::string_view raw_path = target.substr(0, q);
  TF_ASSIGN_OR_RETURN(request.path, Decode(raw_path, false, true));
  // Dot segments mean nothing to this API and are a classic traversal vector.
  for (size_t i = 0; i <= request.path.size();) {
    size_t j = request.path.find('/', i);
    if (j == std::string::npos) j = request.path.size();
    const std::string_view seg = std::string_view(request.path).substr(i, j - i);
    if (seg == "." || seg == "..") return Bad("dot segments are not allowed in the path");
    i = j + 1;
  }
  request.query.clear();
  if (q == std::string_view::npos) return Status::Ok();
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    if (request.query.size() == kMaxQueryParams) return Bad("more than 64 query parameters");
    const size_t eq = pair.find('=');
    TF_ASSIGN_OR_RETURN(std::string key, Decode(pair.substr(0, eq), true, false));
    std::string value;
    if (eq != std::string_view::npos) {
      TF_ASSIGN_OR_RETURN(value, Decode(pair.substr(eq + 1), true, false));
    }
    request.query.emplace_back(std::move(key), std::move(value));
  }
  return Status::Ok();
}

std::string FormatHttpDate(int64_t unix_nanos) {
  const std::time_t t = static_cast<std::time_t>(unix_nanos / 1'000'000'000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

}  // namespace tf::server
