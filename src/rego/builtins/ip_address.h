// File: rego/builtins/ip_address.h
//
// IP addresses and networks for the net.* builtins, modelled on Go's net.IP / net.IPNet (which
// OPA uses) so that edge cases come out the same: an IPv4 address may be held in 4 bytes or in
// 16 bytes as an IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2), masks are 4 or 16 bytes, and
// formatting follows RFC 5952 for IPv6.
//
//   std::optional<IpNetwork> net = ParseCidr("10.0.0.0/8");
//   bool inside = net && net->Contains(*ParseIp("10.1.2.3"));
#ifndef TF_REGO_BUILTINS_IP_ADDRESS_H_
#define TF_REGO_BUILTINS_IP_ADDRESS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tf::rego::builtins {

inline constexpr size_t kIpv4Bytes = 4;
inline constexpr size_t kIpv6Bytes = 16;

// A byte string of length 0, 4 or 16, like Go's net.IP and net.IPMask.
class IpBytes {
 public:
  IpBytes() = default;
  explicit IpBytes(std::span<const uint8_t> bytes);
  static IpBytes V4(uint8_t a, uint8_t b, uint8_t c, uint8_t d);  // 16-byte IPv4-mapped form

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  uint8_t& operator[](size_t i) { return bytes_[i]; }
  uint8_t operator[](size_t i) const { return bytes_[i]; }
  std::span<const uint8_t> span() const { return {bytes_.data(), size_}; }

  // The 4-byte form of an IPv4 (or IPv4-mapped) address, or empty.
  IpBytes To4() const;
  // The 16-byte form, or empty.
  IpBytes To16() const;
  // This address masked (Go's IP.Mask, which reconciles 4- and 16-byte forms), or empty.
  IpBytes Mask(const IpBytes& mask) const;
  // Go's IP.String: dotted quad for IPv4, RFC 5952 text for IPv6.
  std::string ToString() const;

  friend bool operator==(const IpBytes& a, const IpBytes& b) {
    return a.size_ == b.size_ && a.bytes_ == b.bytes_;
  }

 private:
  std::array<uint8_t, kIpv6Bytes> bytes_{};
  size_t size_ = 0;
};

// Go's net.CIDRMask: `ones` leading one bits out of `bits` (32 or 128).
IpBytes CidrMask(int ones, int bits);
// The number of leading ones if the mask is canonical (ones then zeros), else -1.
int MaskOnes(const IpBytes& mask);

// A network: an address and a mask (Go's net.IPNet).
struct IpNetwork {
  IpBytes ip;
  IpBytes mask;

  bool Contains(const IpBytes& address) const;
  // "192.0.2.0/24", "2001:db8::/32"; a non-canonical mask is printed in hex.
  std::string ToString() const;
};

// Go's net.ParseIP: the 16-byte form of an IPv4 or IPv6 address (no zone), or nullopt.
std::optional<IpBytes> ParseIp(std::string_view text);

// Go's net.ParseCIDR, returning the network (address masked). nullopt means
// "invalid CIDR address: <text>".
std::optional<IpNetwork> ParseCidr(std::string_view text);

// The smallest list of networks covering exactly the union of `networks` (OPA's
// net.cidr_merge): overlapping and adjacent ranges are merged; a network merged with nothing is
// returned as given. Results are in the text form of IpNetwork::ToString.
std::vector<std::string> MergeNetworks(std::span<const IpNetwork> networks);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_IP_ADDRESS_H_
