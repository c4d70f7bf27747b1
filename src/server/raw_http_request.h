// File: server/raw_http_request.h
//
// Parses one complete HTTP/1.1 request from bytes in memory exactly as a connection does
// (Beast's parser with the same header and body limits, the same header normalisation and
// request-target checks), for the HTTP fuzz target and tests that need no socket.
//
//   TF_ASSIGN_OR_RETURN(HttpRequest r, ParseRawHttpRequest(bytes, limits, 1 << 20));
#ifndef TF_SERVER_RAW_HTTP_REQUEST_H_
#define TF_SERVER_RAW_HTTP_REQUEST_H_

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "server/http_message.h"
#include "server/http_server.h"

namespace tf::server {

// kHeadersTooLarge, kRequestTooLarge or kBadRequest when a connection would refuse the bytes;
// kBadRequest also for an incomplete request.
Result<HttpRequest> ParseRawHttpRequest(std::string_view bytes, const HttpLimits& limits,
                                        uint64_t body_limit);

}  // namespace tf::server

#endif  // TF_SERVER_RAW_HTTP_REQUEST_H_
