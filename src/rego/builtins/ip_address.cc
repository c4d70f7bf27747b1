#include "rego/builtins/ip_address.h"

#include <algorithm>

namespace tf::rego::builtins {
namespace {

constexpr uint8_t kV4InV6Prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
constexpr int kMaxMaskDigitsValue = 0xFFFFFF;  // Go's dtoi gives up here
constexpr int kIpv4Bits = 32;
constexpr int kIpv6Bits = 128;

struct ParsedAddress {
  IpBytes ip16;
  bool is4 = false;
  bool has_zone = false;
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Dotted decimal, exactly four fields of 0..255 without leading zeros (Go's netip rules).
bool ParseIpv4Fields(std::string_view s, uint8_t out[4]) {
  int value = 0, field = 0, digits = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (digits == 1 && value == 0) return false;  // leading zero
      value = value * 10 + (c - '0');
      if (++digits > 3 || value > 255) return false;
    } else if (c == '.') {
      if (i == 0 || i == s.size() - 1 || s[i - 1] == '.' || field == 3) return false;
      out[field++] = static_cast<uint8_t>(value);
      value = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  if (field < 3 || digits == 0) return false;
  out[3] = static_cast<uint8_t>(value);
  return true;
}

// RFC 4291 §2.2 text forms, including "::" and a trailing embedded IPv4 address.
bool ParseIpv6(std::string_view s, uint8_t ip[16]) {
  std::fill(ip, ip + 16, 0);
  int ellipsis = -1;
  if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
    ellipsis = 0;
    s.remove_prefix(2);
    if (s.empty()) return true;
  }
  int i = 0;
  while (i < 16) {
    size_t off = 0;
    uint32_t acc = 0;
    for (; off < s.size() && HexValue(s[off]) >= 0; ++off) {
      if (off > 3) return false;
      acc = (acc << 4) + static_cast<uint32_t>(HexValue(s[off]));
    }
    if (off == 0) return false;
    if (off < s.size() && s[off] == '.') {
      if ((ellipsis < 0 && i != 12) || i + 4 > 16) return false;
      if (!ParseIpv4Fields(s, ip + i)) return false;
      s = {};
      i += 4;
      break;
    }
    ip[i] = static_cast<uint8_t>(acc >> 8);
    ip[i + 1] = static_cast<uint8_t>(acc);
    i += 2;
    s.remove_prefix(off);
    if (s.empty()) break;
    if (s[0] != ':' || s.size() == 1) return false;
    s.remove_prefix(1);
    if (s[0] == ':') {
      if (ellipsis >= 0) return false;
      ellipsis = i;
      s.remove_prefix(1);
      if (s.empty()) break;
    }
  }
  if (!s.empty()) return false;
  if (i < 16) {
    if (ellipsis < 0) return false;
    const int n = 16 - i;
    for (int j = i - 1; j >= ellipsis; --j)
      ip[j + n] = ip[j];
    std::fill(ip + ellipsis, ip + ellipsis + n, 0);
  } else if (ellipsis >= 0) {
    return false;  // "::" must stand for at least one group
  }
  return true;
}

// Go's netip.ParseAddr: the form is decided by the first '.', ':' or '%'.
std::optional<ParsedAddress> ParseAddress(std::string_view s) {
  ParsedAddress out;
  for (char c : s) {
    if (c == '.') {
      uint8_t v4[4];
      if (!ParseIpv4Fields(s, v4)) return std::nullopt;
      out.ip16 = IpBytes::V4(v4[0], v4[1], v4[2], v4[3]);
      out.is4 = true;
      return out;
    }
    if (c == ':') {
      size_t percent = s.find('%');
      if (percent != std::string_view::npos) {
        if (percent + 1 == s.size()) return std::nullopt;
        out.has_zone = true;
        s = s.substr(0, percent);
      }
      uint8_t v6[16];
      if (!ParseIpv6(s, v6)) return std::nullopt;
      out.ip16 = IpBytes(std::span<const uint8_t>(v6, 16));
      return out;
    }
    if (c == '%') return std::nullopt;
  }
  return std::nullopt;
}

std::string Ipv6String(const IpBytes& ip) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto group = [&](int g) { return (ip[2 * g] << 8) | ip[2 * g + 1]; };
  int zero_start = -1, zero_end = -1;  // the first longest run of >= 2 zero groups
  for (int i = 0; i < 8; ++i) {
    int j = i;
    while (j < 8 && group(j) == 0)
      ++j;
    if (j - i >= 2 && j - i > zero_end - zero_start) zero_start = i, zero_end = j;
  }
  std::string out;
  for (int g = 0; g < 8; ++g) {
    if (g == zero_start) {
      out += "::";
      g = zero_end - 1;
      continue;
    }
    if (g > 0 && out.back() != ':') out += ':';
    const int v = group(g);
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      const int nibble = (v >> shift) & 0xF;
      if (nibble != 0 || started || shift == 0) out += kHex[nibble], started = true;
    }
  }
  return out;
}

}  // namespace

IpBytes::IpBytes(std::span<const uint8_t> bytes) : size_(std::min(bytes.size(), kIpv6Bytes)) {
  std::copy_n(bytes.begin(), size_, bytes_.begin());
}

IpBytes IpBytes::V4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  IpBytes ip;
  ip.size_ = kIpv6Bytes;
  std::copy(std::begin(kV4InV6Prefix), std::end(kV4InV6Prefix), ip.bytes_.begin());
  ip.bytes_[12] = a, ip.bytes_[13] = b, ip.bytes_[14] = c, ip.bytes_[15] = d;
  return ip;
}

IpBytes IpBytes::To4() const {
  if (size_ == kIpv4Bytes) return *this;
  if (size_ == kIpv6Bytes &&
      std::equal(std::begin(kV4InV6Prefix), std::end(kV4InV6Prefix), bytes_.begin())) {
    return IpBytes(std::span<const uint8_t>(bytes_.data() + 12, kIpv4Bytes));
  }
  return IpBytes();
}

IpBytes IpBytes::To16() const {
  if (size_ == kIpv4Bytes) return V4(bytes_[0], bytes_[1], bytes_[2], bytes_[3]);
  return size_ == kIpv6Bytes ? *this : IpBytes();
}

IpBytes IpBytes::Mask(const IpBytes& mask) const {
  IpBytes ip = *this;
  IpBytes m = mask;
  if (m.size_ == kIpv6Bytes && ip.size_ == kIpv4Bytes &&
      std::all_of(m.bytes_.begin(), m.bytes_.begin() + 12, [](uint8_t b) { return b == 0xff; })) {
    m = IpBytes(std::span<const uint8_t>(mask.bytes_.data() + 12, kIpv4Bytes));
  }
  if (m.size_ == kIpv4Bytes && ip.size_ == kIpv6Bytes) {
    IpBytes four = ip.To4();
    if (!four.empty()) ip = four;
  }
  if (ip.size_ != m.size_) return IpBytes();
  for (size_t i = 0; i < ip.size_; ++i)
    ip.bytes_[i] &= m.bytes_[i];
  return ip;
}

std::string IpBytes::ToString() const {
  if (size_ == 0) return "<nil>";
  IpBytes four = To4();
  if (four.size() == kIpv4Bytes) {
    return std::to_string(four[0]) + "." + std::to_string(four[1]) + "." + std::to_string(four[2]) +
           "." + std::to_string(four[3]);
  }
  if (size_ != kIpv6Bytes) return "?";
  return Ipv6String(*this);
}

IpBytes CidrMask(int ones, int bits) {
  const std::array<uint8_t, kIpv6Bytes> zeros{};
  IpBytes m(std::span<const uint8_t>(zeros.data(), static_cast<size_t>(bits / 8)));
  for (int i = 0; i < bits / 8; ++i) {
    const int n = std::clamp(ones - 8 * i, 0, 8);
    m[static_cast<size_t>(i)] = static_cast<uint8_t>(0xff00 >> n);
  }
  return m;
}

int MaskOnes(const IpBytes& mask) {
  int ones = 0;
  size_t i = 0;
  for (; i < mask.size() && mask[i] == 0xff; ++i)
    ones += 8;
  if (i == mask.size()) return ones;
  uint8_t v = mask[i];
  while (v & 0x80)
    ++ones, v = static_cast<uint8_t>(v << 1);
  if (v != 0) return -1;
  for (++i; i < mask.size(); ++i) {
    if (mask[i] != 0) return -1;
  }
  return ones;
}

namespace {

// Go's networkNumberAndMask: the network address in its shortest form and a mask of equal
// length, or empty values when they cannot be reconciled.
std::pair<IpBytes, IpBytes> NetworkAndMask(const IpNetwork& n) {
  IpBytes ip = n.ip.To4();
  if (ip.empty()) {
    ip = n.ip;
    if (ip.size() != kIpv6Bytes) return {};
  }
  IpBytes m = n.mask;
  if (m.size() == kIpv4Bytes) {
    if (ip.size() != kIpv4Bytes) return {};
  } else if (m.size() == kIpv6Bytes) {
    if (ip.size() == kIpv4Bytes) m = IpBytes(m.span().subspan(12));
  } else {
    return {};
  }
  return {ip, m};
}

}  // namespace

bool IpNetwork::Contains(const IpBytes& address) const {
  auto [network, m] = NetworkAndMask(*this);
  IpBytes ip = address.To4();
  if (ip.empty()) ip = address;
  if (network.empty() || ip.size() != network.size()) return false;
  for (size_t i = 0; i < ip.size(); ++i) {
    if ((network[i] & m[i]) != (ip[i] & m[i])) return false;
  }
  return true;
}

std::string IpNetwork::ToString() const {
  auto [network, m] = NetworkAndMask(*this);
  if (network.empty() || m.empty()) return "<nil>";
  const int ones = MaskOnes(m);
  if (ones >= 0) return network.ToString() + "/" + std::to_string(ones);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (uint8_t b : m.span())
    hex += kHex[b >> 4], hex += kHex[b & 0xF];
  return network.ToString() + "/" + hex;
}

std::optional<IpBytes> ParseIp(std::string_view text) {
  std::optional<ParsedAddress> a = ParseAddress(text);
  if (!a || a->has_zone) return std::nullopt;
  return a->ip16;
}

std::optional<IpNetwork> ParseCidr(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::optional<ParsedAddress> a = ParseAddress(text.substr(0, slash));
  if (!a || a->has_zone) return std::nullopt;
  std::string_view digits = text.substr(slash + 1);
  int ones = 0;
  size_t i = 0;
  for (; i < digits.size() && digits[i] >= '0' && digits[i] <= '9'; ++i) {
    ones = ones * 10 + (digits[i] - '0');
    if (ones >= kMaxMaskDigitsValue) return std::nullopt;
  }
  const int bits = a->is4 ? kIpv4Bits : kIpv6Bits;
  if (i == 0 || i != digits.size() || ones > bits) return std::nullopt;
  IpBytes mask = CidrMask(ones, bits);
  return IpNetwork{a->ip16.Mask(mask), mask};
}

}  // namespace tf::rego::builtins
