// File: server/request_target.h
//
// The origin-form request target (RFC 9112 §3.2.1): "/path?query". Splits it, percent-decodes
// the path (RFC 3986 §2.1) and the query parameters (application/x-www-form-urlencoded, so '+'
// is a space). Refuses what a server should never route: other target forms, bad escapes,
// encoded NUL or '/' in a path segment, and dot segments.
//
//   TF_RETURN_IF_ERROR(ParseRequestTarget("/v1/ledger/inclusion?leaf=3&size=8", request));
#ifndef TF_SERVER_REQUEST_TARGET_H_
#define TF_SERVER_REQUEST_TARGET_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "server/http_message.h"

namespace tf::server {

// Fills request.path and request.query from `target`. kBadRequest on refusal.
Status ParseRequestTarget(std::string_view target, HttpRequest& request);

// RFC 9110 §5.6.7 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT", for the Date header.
std::string FormatHttpDate(int64_t unix_nanos);

}  // namespace tf::server

#endif  // TF_SERVER_REQUEST_TARGET_H_
