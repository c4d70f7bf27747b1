// uuid.rfc4122 and uuid.parse (OPA's topdown/uuid.go, which parses with google/uuid).
#include <array>

#include "core/encoding.h"
#include "rego/builtins/families.h"

namespace tf::rego::builtins {
namespace {

using UuidBytes = std::array<uint8_t, 16>;

// 100-nanosecond intervals between 1582-10-15 (the Gregorian reform, RFC 4122 §4.1.4) and
// the Unix epoch.
constexpr int64_t kGregorianToUnix100ns = 122192928000000000;
constexpr size_t kCanonicalLength = 36;

std::string Hex(std::span<const uint8_t> b) {
  return HexEncode(b);
}

std::string FormatUuid(const UuidBytes& b) {
  std::span<const uint8_t> s(b);
  return Hex(s.subspan(0, 4)) + "-" + Hex(s.subspan(4, 2)) + "-" + Hex(s.subspan(6, 2)) + "-" +
         Hex(s.subspan(8, 2)) + "-" + Hex(s.subspan(10, 6));
}

// A random (version 4) UUID, RFC 4122 §4.4; memoised per query by argument so that repeated
// calls agree, as OPA's builtin cache does.
Result<Value> Rfc4122(BuiltinContext& ctx, std::span<const Value> a) {
  const std::string key = "uuid.rfc4122\x1f" + a[0].string();
  if (ctx.memo != nullptr) {
    if (auto it = ctx.memo->find(key); it != ctx.memo->end()) return it->second;
  }
  if (ctx.random == nullptr) return BuiltinError("no random source");
  UuidBytes b{};
  ctx.random->Fill(b);
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);  // variant 10 (RFC 4122)
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
  Value out = Value::String(FormatUuid(b));
  if (ctx.memo != nullptr) ctx.memo->emplace(key, out);
  return out;
}

// google/uuid's accepted forms: canonical, "urn:uuid:" + canonical, "{" canonical "}", and 32
// bare hex digits.
std::optional<UuidBytes> ParseUuid(std::string_view s) {
  if (s.size() == kCanonicalLength + 9) {
    std::string prefix(s.substr(0, 9));
    for (char& c : prefix)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (prefix != "urn:uuid:") return std::nullopt;
    s.remove_prefix(9);
  } else if (s.size() == kCanonicalLength + 2) {
    s = s.substr(1, kCanonicalLength);  // "{...}": google/uuid does not check the wrapper
  }
  std::string hex;
  if (s.size() == kCanonicalLength) {
    if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return std::nullopt;
    for (size_t i = 0; i < s.size(); ++i) {
      if (i != 8 && i != 13 && i != 18 && i != 23) hex += s[i];
    }
  } else if (s.size() == 32) {
    hex = std::string(s);
  } else {
    return std::nullopt;
  }
  Result<std::string> bytes = HexDecode(hex);
  if (!bytes.ok() || bytes->size() != 16) return std::nullopt;
  UuidBytes b{};
  std::copy(bytes->begin(), bytes->end(), b.begin());
  return b;
}

std::string_view VariantName(uint8_t b) {
  if ((b & 0xc0) == 0x80) return "RFC4122";
  if ((b & 0xe0) == 0xc0) return "Microsoft";
  if ((b & 0xe0) == 0xe0) return "Future";
  return "Reserved";
}

std::string_view MacVariables(uint8_t first) {
  if ((first & 0x03) == 0x03) return "local:multicast";
  if ((first & 0x01) == 0x01) return "global:multicast";
  if ((first & 0x02) == 0x02) return "local:unicast";
  return "global:unicast";
}

uint64_t BigEndian(std::span<const uint8_t> b) {
  uint64_t v = 0;
  for (uint8_t x : b)
    v = (v << 8) | x;
  return v;
}

// Fields of time-based UUIDs (versions 1 and 2, RFC 4122 §4.1 and DCE 1.1 security UUIDs).
void AddTimeFields(const UuidBytes& b, int version, std::vector<ObjectEntry>& out) {
  std::span<const uint8_t> s(b);
  const int64_t timestamp =
      static_cast<int64_t>(BigEndian(s.subspan(0, 4)) | BigEndian(s.subspan(4, 2)) << 32 |
                           (BigEndian(s.subspan(6, 2)) & 0xfff) << 48);
  const int64_t since_unix = timestamp - kGregorianToUnix100ns;
  out.emplace_back(Value::String("time"), Value::Int(since_unix * 100));
  std::string node;
  for (uint8_t x : s.subspan(10, 6))
    node += (node.empty() ? "" : "-") + Hex(std::span(&x, 1));
  out.emplace_back(Value::String("nodeid"), Value::String(node));
  out.emplace_back(Value::String("macvariables"), Value::String(MacVariables(b[10])));
  out.emplace_back(Value::String("clocksequence"),
                   Value::Int(static_cast<int64_t>(BigEndian(s.subspan(8, 2)) & 0x3fff)));
  if (version == 2) {
    static constexpr std::string_view kDomains[] = {"Person", "Group", "Org"};
    out.emplace_back(Value::String("id"),
                     Value::Int(static_cast<int64_t>(BigEndian(s.subspan(0, 4)))));
    out.emplace_back(
        Value::String("domain"),
        Value::String(b[9] < 3 ? std::string(kDomains[b[9]]) : "Domain" + std::to_string(b[9])));
  }
}

// A malformed UUID gives no result (OPA returns undefined, not an error).
Result<Value> Parse(BuiltinContext&, std::span<const Value> a) {
  std::optional<UuidBytes> b = ParseUuid(a[0].string());
  if (!b) return BuiltinUndefined();
  const int version = (*b)[6] >> 4;
  std::vector<ObjectEntry> fields = {
      {Value::String("version"), Value::Int(version)},
      {Value::String("variant"), Value::String(VariantName((*b)[8]))},
  };
  if (version == 1 || version == 2) AddTimeFields(*b, version, fields);
  return Value::Object(std::move(fields));
}

}  // namespace

std::vector<BuiltinDecl> UuidBuiltins() {
  return {
      {.name = "uuid.rfc4122",
       .params = {{kString, "k"}},
       .result = kString,
       .fn = Rfc4122,
       .flags = BuiltinFlags::kNondeterministic},
      {.name = "uuid.parse", .params = {{kString, "uuid"}}, .result = kObject, .fn = Parse},
  };
}

}  // namespace tf::rego::builtins
