// net.* builtins, with the semantics of OPA's topdown/cidr.go and topdown/net.go.
#include <netdb.h>
#include <sys/socket.h>

#include <functional>
#include <memory>

#include "rego/builtins/families.h"
#include "rego/builtins/ip_address.h"

namespace tf::rego::builtins {
namespace {

// net.cidr_expand materialises every address; beyond this many the call fails instead of
// exhausting memory (OPA relies on query cancellation here).
constexpr uint64_t kMaxExpandedAddresses = uint64_t{1} << 20;

Result<IpNetwork> CidrOperand(const Value& v) {
  // OPA reports operand 1 for both CIDR operands.
  if (!v.is_string()) return OperandTypeError(1, v, {"string"});
  std::optional<IpNetwork> net = ParseCidr(v.string());
  if (!net) return BuiltinError("invalid CIDR address: " + v.string());
  return *net;
}

// Last address of a network, as Go's getLastIP in OPA's cidr.go.
IpBytes LastAddress(const IpNetwork& net) {
  IpBytes last = net.ip;
  const size_t offset = last.size() - std::min(last.size(), net.mask.size());
  for (size_t i = 0; i < net.mask.size() && offset + i < last.size(); ++i) {
    last[offset + i] |= static_cast<uint8_t>(~net.mask[i]);
  }
  return last;
}

// Whether CIDR `a` contains the address or CIDR `b`.
Result<bool> CidrContains(const Value& a, const Value& b) {
  TF_ASSIGN_OR_RETURN(IpNetwork outer, CidrOperand(a));
  if (!b.is_string()) return OperandTypeError(1, b, {"string"});
  if (std::optional<IpBytes> ip = ParseIp(b.string())) return outer.Contains(*ip);
  std::optional<IpNetwork> inner = ParseCidr(b.string());
  if (!inner) {
    return BuiltinError("not a valid textual representation of an IP address or CIDR: " +
                        b.string());
  }
  if (MaskOnes(inner->mask) < 0) return BuiltinError("CIDR mask is in non-standard format");
  return outer.Contains(inner->ip) && outer.Contains(LastAddress(*inner));
}

Result<Value> CidrContainsBuiltin(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(bool contained, CidrContains(a[0], a[1]));
  return Value::Bool(contained);
}

Result<Value> CidrIntersects(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(IpNetwork x, CidrOperand(a[0]));
  TF_ASSIGN_OR_RETURN(IpNetwork y, CidrOperand(a[1]));
  return Value::Bool(x.Contains(y.ip) || y.Contains(x.ip));
}

using MatchVisitor = std::function<Status(const Value& cidr, const Value& key)>;

// An element of a cidr_contains_matches collection: a CIDR string, or an array whose first
// element is the CIDR (the rest is the caller's payload).
Result<const Value*> MatchTerm(const Value& element, int pos) {
  if (element.is_string()) return &element;
  if (element.is_array() && element.size() > 0) return &element.array()[0];
  return BuiltinError("operand " + std::to_string(pos) +
                      ": element must be string or non-empty array");
}

// Calls `visit` with (cidr, key) for each entry: the string itself, array elements keyed by
// index, set elements keyed by themselves, object values keyed by their key.
Status ForEachMatchTerm(const Value& operand, int pos, const MatchVisitor& visit) {
  switch (operand.kind()) {
    case ValueKind::kString:
      return visit(operand, operand);
    case ValueKind::kArray:
      for (size_t i = 0; i < operand.size(); ++i) {
        TF_ASSIGN_OR_RETURN(const Value* cidr, MatchTerm(operand.array()[i], pos));
        TF_RETURN_IF_ERROR(visit(*cidr, Value::Int(static_cast<int64_t>(i))));
      }
      return Status();
    case ValueKind::kSet:
      for (const Value& e : operand.set()) {
        TF_ASSIGN_OR_RETURN(const Value* cidr, MatchTerm(e, pos));
        TF_RETURN_IF_ERROR(visit(*cidr, e));
      }
      return Status();
    case ValueKind::kObject:
      for (const auto& [key, value] : operand.object()) {
        TF_ASSIGN_OR_RETURN(const Value* cidr, MatchTerm(value, pos));
        TF_RETURN_IF_ERROR(visit(*cidr, key));
      }
      return Status();
    default:
      return Status();
  }
}

Result<Value> CidrContainsMatches(BuiltinContext&, std::span<const Value> a) {
  std::vector<Value> matches;
  Status st = ForEachMatchTerm(a[0], 1, [&](const Value& cidr, const Value& key) {
    return ForEachMatchTerm(a[1], 2, [&](const Value& address, const Value& key2) {
      TF_ASSIGN_OR_RETURN(bool contained, CidrContains(cidr, address));
      if (contained) matches.push_back(Value::Array({key, key2}));
      return Status();
    });
  });
  if (!st.ok()) return st;
  return Value::Set(std::move(matches));
}

Result<Value> CidrExpand(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(IpNetwork net, CidrOperand(a[0]));
  const int ones = MaskOnes(net.mask);
  const int host_bits = static_cast<int>(net.mask.size() * 8) - ones;
  if (host_bits >= 64 || (uint64_t{1} << host_bits) > kMaxExpandedAddresses) {
    return BuiltinError("CIDR " + a[0].string() + " has too many addresses to expand");
  }
  std::vector<Value> out;
  for (IpBytes ip = net.ip; net.Contains(ip);) {
    out.push_back(Value::String(ip.ToString()));
    size_t j = ip.size();  // increment as a big-endian integer, wrapping at the top
    while (j-- > 0 && ++ip[j] == 0) {
    }
    if (ip == net.ip) break;
  }
  return Value::Set(std::move(out));
}

Result<Value> CidrIsValid(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(ParseCidr(a[0].string()).has_value());
}

// An element of net.cidr_merge: a CIDR, or an IPv4 address with its classful default mask
// (as Go's IP.DefaultMask); a bare IPv6 address has no default and is an error.
Result<IpNetwork> MergeElement(const Value& v) {
  if (!v.is_string()) return BuiltinError("element must be string");
  std::optional<IpBytes> ip = ParseIp(v.string());
  if (!ip) {
    std::optional<IpNetwork> net = ParseCidr(v.string());
    if (!net) return BuiltinError("invalid CIDR address: " + v.string());
    return *net;
  }
  IpBytes four = ip->To4();
  if (four.empty()) return BuiltinError("IPv6 invalid: needs prefix length");
  const int class_bits = four[0] < 0x80 ? 8 : four[0] < 0xC0 ? 16 : 24;
  return IpNetwork{*ip, CidrMask(class_bits, 32)};
}

Result<Value> CidrMerge(BuiltinContext&, std::span<const Value> a) {
  std::span<const Value> elements = a[0].is_array() ? a[0].array() : a[0].set();
  std::vector<IpNetwork> networks;
  for (const Value& e : elements) {
    TF_ASSIGN_OR_RETURN(IpNetwork n, MergeElement(e));
    networks.push_back(n);
  }
  std::vector<Value> out;
  for (std::string& s : MergeNetworks(networks))
    out.push_back(Value::String(std::move(s)));
  return Value::Set(std::move(out));
}

struct AddrInfoDeleter {
  void operator()(addrinfo* p) const { freeaddrinfo(p); }
};

// Resolves a host name with the system resolver; results are memoised per query.
Result<Value> LookupIpAddr(BuiltinContext& ctx, std::span<const Value> a) {
  const std::string& name = a[0].string();
  const std::string memo_key = "net.lookup_ip_addr\x1f" + name;
  if (ctx.memo != nullptr) {
    if (auto it = ctx.memo->find(memo_key); it != ctx.memo->end()) return it->second;
  }
  if (name.find('\0') != std::string::npos)
    return BuiltinError("lookup " + name + ": no such host");
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;  // one entry per address rather than per socket type
  addrinfo* raw = nullptr;
  const int rc = getaddrinfo(name.c_str(), nullptr, &hints, &raw);
  std::unique_ptr<addrinfo, AddrInfoDeleter> results(raw);
  if (rc != 0) {
    const bool no_host = rc == EAI_NONAME || rc == EAI_NODATA;
    return BuiltinError("lookup " + name + ": " + (no_host ? "no such host" : gai_strerror(rc)));
  }
  std::vector<Value> addresses;
  for (const addrinfo* p = results.get(); p != nullptr; p = p->ai_next) {
    IpBytes ip;
    if (p->ai_family == AF_INET) {
      const auto* sin = reinterpret_cast<const sockaddr_in*>(p->ai_addr);
      ip = IpBytes(std::span(reinterpret_cast<const uint8_t*>(&sin->sin_addr), kIpv4Bytes));
    } else if (p->ai_family == AF_INET6) {
      const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(p->ai_addr);
      ip = IpBytes(std::span(reinterpret_cast<const uint8_t*>(&sin6->sin6_addr), kIpv6Bytes));
    } else {
      continue;
    }
    addresses.push_back(Value::String(ip.ToString()));
  }
  Value result = Value::Set(std::move(addresses));
  if (ctx.memo != nullptr) ctx.memo->emplace(memo_key, result);
  return result;
}

const KindSet kMatchOperand = kString | kArray | kSet | kObject;

}  // namespace

std::vector<BuiltinDecl> NetBuiltins() {
  const std::vector<Param> two_cidrs = {{kString, "cidr"}, {kString, "cidr_or_ip"}};
  return {
      {.name = "net.cidr_contains",
       .params = two_cidrs,
       .result = kBoolean,
       .fn = CidrContainsBuiltin},
      {.name = "net.cidr_intersects",
       .params = {{kString, "cidr1"}, {kString, "cidr2"}},
       .result = kBoolean,
       .fn = CidrIntersects},
      {.name = "net.cidr_contains_matches",
       .params = {{kMatchOperand, "cidrs"}, {kMatchOperand, "cidrs_or_ips"}},
       .result = kSet,
       .fn = CidrContainsMatches},
      {.name = "net.cidr_expand", .params = {{kString, "cidr"}}, .result = kSet, .fn = CidrExpand},
      {.name = "net.cidr_merge",
       .params = {{kArray | kSet, "addrs"}},
       .result = kSet,
       .fn = CidrMerge},
      {.name = "net.cidr_is_valid",
       .params = {{kString, "cidr"}},
       .result = kBoolean,
       .fn = CidrIsValid},
      {.name = "net.lookup_ip_addr",
       .params = {{kString, "name"}},
       .result = kSet,
       .fn = LookupIpAddr,
       .flags = BuiltinFlags::kNondeterministic},
  };
}

}  // namespace tf::rego::builtins
