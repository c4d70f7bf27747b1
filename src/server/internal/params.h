// File: server/internal/params.h
//
// Reading path and query parameters strictly: decimal integers without signs or leading zeros,
// SHA-256 hashes as 64 hex digits. Errors are kBadRequest naming the parameter.
#ifndef TF_SERVER_INTERNAL_PARAMS_H_
#define TF_SERVER_INTERNAL_PARAMS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/sha256.h"
#include "core/status.h"
#include "server/http_message.h"

namespace tf::server::internal {

Result<uint64_t> ParseUint64(std::string_view name, std::string_view text);
// The query parameter `name` as an integer; nullopt when absent.
Result<std::optional<uint64_t>> QueryUint64(const HttpRequest& request, std::string_view name);
Result<Sha256Digest> ParseHexHash(std::string_view name, std::string_view text);

}  // namespace tf::server::internal

#endif  // TF_SERVER_INTERNAL_PARAMS_H_
