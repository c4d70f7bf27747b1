#include "server/internal/params.h"

#include "core/encoding.h"

namespace tf::server::internal {

Result<uint64_t> ParseUint64(std::string_view name, std::string_view text) {
  const Status bad(ErrorCode::kBadRequest,
                   "'" + std::string(name) + "' must be a non-negative decimal integer");
  constexpr size_t kMaxDigits = 19;  // below 2^63
  if (text.empty() || text.size() > kMaxDigits || (text.size() > 1 && text[0] == '0')) return bad;
  uint64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return bad;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

Result<std::optional<uint64_t>> QueryUint64(const HttpRequest& request, std::string_view name) {
  const std::string* v = request.Query(name);
  if (v == nullptr) return std::optional<uint64_t>();
  TF_ASSIGN_OR_RETURN(uint64_t n, ParseUint64(name, *v));
  return std::optional<uint64_t>(n);
}

Result<Sha256Digest> ParseHexHash(std::string_view name, std::string_view text) {
  constexpr size_t kHexDigits = 64;
  Result<std::string> bytes = text.size() == kHexDigits
                                  ? HexDecode(text)
                                  : Result<std::string>(Status(ErrorCode::kBadRequest, ""));
  if (!bytes.ok()) {
    return Status(ErrorCode::kBadRequest,
                  "'" + std::string(name) + "' must be 64 hex digits (SHA-256)");
  }
  Sha256Digest d{};
  std::copy(bytes->begin(), bytes->end(), d.begin());
  return d;
}

}  // namespace tf::server::internal
