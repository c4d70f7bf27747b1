// File: server/problem.h
//
// RFC 7807 problem details (`application/problem+json`) for every error the API returns. The
// HTTP status comes from the one catalogue in core/error_code.h (`HttpStatusFor`), and the
// stable `code` member is `ErrorCodeName`, so clients branch on `code`, never on `detail`:
//
//   {"type": "urn:trust-fabric:problem:rate_limited", "title": "rate limited", "status": 429,
//    "code": "rate_limited", "detail": "…", …extension members}
//
//   return ProblemResponse(Status(ErrorCode::kRouteNotFound, "no route for /v2/x"));
#ifndef TF_SERVER_PROBLEM_H_
#define TF_SERVER_PROBLEM_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "server/http_message.h"

namespace tf::server {

inline constexpr std::string_view kProblemContentType = "application/problem+json";

// The problem document for `status` (REQUIRES: !status.ok()). `extensions` (an object or null)
// adds members, RFC 7807 §3.2.
Value ProblemDocument(const Status& status, const Value& extensions = Value());

// A response carrying the problem document, with the code's HTTP status.
HttpResponse ProblemResponse(const Status& status, const Value& extensions = Value());

}  // namespace tf::server

#endif  // TF_SERVER_PROBLEM_H_
