// The semver namespace: semver.is_valid and semver.compare, with the parsing and precedence
// rules of the SemVer library OPA vendors (coreos/go-semver): MAJOR.MINOR.PATCH, optional
// -prerelease and +metadata, metadata ignored when comparing.
#include <charconv>
#include <optional>

#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

struct SemVer {
  int64_t major = 0, minor = 0, patch = 0;
  std::string_view pre_release;
};

std::optional<int64_t> ParseInt64(std::string_view s) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);  // strconv.ParseInt accepts a '+' sign
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Dot-separated non-empty runs of [0-9A-Za-z-].
bool IsValidIdentifier(std::string_view id) {
  if (id.empty()) return true;
  size_t run = 0;
  for (char c : id) {
    if (c == '.') {
      if (run == 0) return false;
      run = 0;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') {
      ++run;
    } else {
      return false;
    }
  }
  return run > 0;
}

// Splits `s` at the first `delim`, returning the part after it and keeping the part before.
std::string_view SplitOff(std::string_view& s, char delim) {
  size_t at = s.find(delim);
  if (at == std::string_view::npos) return {};
  std::string_view tail = s.substr(at + 1);
  s = s.substr(0, at);
  return tail;
}

std::optional<SemVer> ParseSemVer(std::string_view s) {
  std::string_view metadata = SplitOff(s, '+');
  SemVer v;
  v.pre_release = SplitOff(s, '-');
  if (!IsValidIdentifier(v.pre_release) || !IsValidIdentifier(metadata)) return std::nullopt;
  size_t dot1 = s.find('.');
  size_t dot2 = dot1 == std::string_view::npos ? dot1 : s.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return std::nullopt;
  auto major = ParseInt64(s.substr(0, dot1));
  auto minor = ParseInt64(s.substr(dot1 + 1, dot2 - dot1 - 1));
  auto patch = ParseInt64(s.substr(dot2 + 1));
  if (!major || !minor || !patch) return std::nullopt;
  v.major = *major;
  v.minor = *minor;
  v.patch = *patch;
  return v;
}

int Sign(int64_t a, int64_t b) {
  return a < b ? -1 : (a > b ? 1 : 0);
}

// Pre-release precedence field by field; numeric fields sort before alphanumeric ones. As in the
// vendored library, running out of fields on the left compares equal.
int ComparePreRelease(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  if (a.empty()) return 1;
  if (b.empty()) return -1;
  while (!a.empty()) {
    if (b.empty()) return 1;
    std::string_view fa = a.substr(0, a.find('.')), fb = b.substr(0, b.find('.'));
    a = fa.size() < a.size() ? a.substr(fa.size() + 1) : std::string_view();
    b = fb.size() < b.size() ? b.substr(fb.size() + 1) : std::string_view();
    auto ia = ParseInt64(fa), ib = ParseInt64(fb);
    if (ia && !ib) return -1;
    if (!ia && ib) return 1;
    if (ia && ib && *ia != *ib) return Sign(*ia, *ib);
    if (fa != fb) return fa < fb ? -1 : 1;
  }
  return 0;
}

int Compare(const SemVer& a, const SemVer& b) {
  if (int c = Sign(a.major, b.major)) return c;
  if (int c = Sign(a.minor, b.minor)) return c;
  if (int c = Sign(a.patch, b.patch)) return c;
  return ComparePreRelease(a.pre_release, b.pre_release);
}

Result<Value> IsValid(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(a[0].is_string() && ParseSemVer(a[0].string()).has_value());
}

Result<Value> CompareVersions(BuiltinContext&, std::span<const Value> a) {
  std::optional<SemVer> versions[2];
  for (int i = 0; i < 2; ++i) {
    versions[i] = ParseSemVer(a[i].string());
    if (!versions[i]) {
      return BuiltinError("operand " + std::to_string(i + 1) + ": string " + RegoText(a[i]) +
                          " is not a valid SemVer");
    }
  }
  return Value::Int(Compare(*versions[0], *versions[1]));
}

}  // namespace

std::vector<BuiltinDecl> SemVerBuiltins() {
  return {
      {.name = "semver.is_valid", .params = {{kAnyKind, "vsn"}}, .result = kBoolean, .fn = IsValid},
      {.name = "semver.compare",
       .params = {{kString, "a"}, {kString, "b"}},
       .result = kNumber,
       .fn = CompareVersions},
  };
}

}  // namespace tf::rego::builtins
