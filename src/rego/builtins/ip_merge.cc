// net.cidr_merge's range merging (the netaddr/cilium algorithm OPA uses): networks become
// address ranges, overlapping or adjacent ranges are merged, merged ranges become CIDR blocks.
#include <algorithm>

#include "rego/builtins/ip_address.h"

namespace tf::rego::builtins {
namespace {

using U128 = unsigned __int128;

constexpr int kIpv4Bits = 32;
constexpr int kIpv6Bits = 128;
constexpr U128 kV4MappedPrefix = U128{0xffff} << 32;
constexpr U128 kV4MappedMask = ~((U128{1} << 32) - 1);

U128 ToInteger(const IpBytes& ip16) {
  U128 v = 0;
  for (size_t i = 0; i < kIpv6Bytes; ++i)
    v = (v << 8) | ip16[i];
  return v;
}

IpBytes FromInteger(U128 v) {
  std::array<uint8_t, kIpv6Bytes> b{};
  for (size_t i = kIpv6Bytes; i-- > 0;)
    b[i] = static_cast<uint8_t>(v), v >>= 8;
  return IpBytes(b);
}

bool IsV4Mapped(U128 v) {
  return (v & kV4MappedMask) == kV4MappedPrefix;
}

struct AddressRange {
  U128 first = 0;
  U128 last = 0;
  const IpNetwork* network = nullptr;  // set while the range is exactly one input network
};

// First and last address of a network, both in 16-byte form (IPv4 as IPv4-mapped).
AddressRange RangeOf(const IpNetwork& n) {
  IpBytes first = n.ip.Mask(n.mask).To16();
  U128 lo = ToInteger(first);
  U128 host_bits = 0;
  for (size_t i = 0; i < n.mask.size(); ++i) {
    host_bits = (host_bits << 8) | static_cast<uint8_t>(~n.mask[i]);
  }
  return AddressRange{lo, lo | host_bits, &n};
}

// 2^host_bits - 1: the offset of a block's last address from its first.
U128 BlockSpan(int host_bits) {
  return host_bits >= kIpv6Bits ? ~U128{0} : (U128{1} << host_bits) - 1;
}

// The aligned CIDR blocks that exactly cover [first, last], as text.
void AppendRangeAsCidrs(U128 first, U128 last, std::vector<std::string>& out) {
  const bool v4 = IsV4Mapped(first) && IsV4Mapped(last);
  const int bits = v4 ? kIpv4Bits : kIpv6Bits;
  while (true) {
    int host = 0;  // the largest block aligned at `first` that stays within `last`
    while (host < bits) {
      const U128 span = BlockSpan(host + 1);
      if ((first & span) != 0 || last - first < span) break;
      ++host;
    }
    const IpBytes ip = FromInteger(first);
    out.push_back(IpNetwork{v4 ? ip.To4() : ip, CidrMask(bits - host, bits)}.ToString());
    const U128 block_last = first + BlockSpan(host);
    if (host == kIpv6Bits || block_last >= last) return;
    first = block_last + 1;
  }
}

}  // namespace

std::vector<std::string> MergeNetworks(std::span<const IpNetwork> networks) {
  std::vector<AddressRange> ranges;
  for (const IpNetwork& n : networks)
    ranges.push_back(RangeOf(n));
  std::sort(ranges.begin(), ranges.end(), [](const AddressRange& a, const AddressRange& b) {
    return a.last != b.last ? a.last < b.last : a.first < b.first;
  });
  for (size_t i = ranges.size(); i-- > 1;) {
    AddressRange& cur = ranges[i];
    AddressRange& prev = ranges[i - 1];
    const bool at_zero = cur.first == 0 || cur.first == kV4MappedPrefix;
    const U128 before_first = at_zero ? cur.first : cur.first - 1;
    if (before_first <= prev.last) {
      prev = AddressRange{std::min(prev.first, cur.first), cur.last, nullptr};
      ranges.erase(ranges.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  std::vector<std::string> out;
  for (const AddressRange& r : ranges) {
    if (r.network != nullptr) {
      out.push_back(r.network->ToString());
    } else {
      AppendRangeAsCidrs(r.first, r.last, out);
    }
  }
  return out;
}

}  // namespace tf::rego::builtins
