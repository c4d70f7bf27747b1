// File: server/http_message.h
//
// `HttpRequest` and `HttpResponse`: the server's own view of one HTTP exchange, free of Boost so
// that route handlers, auth and tests compile without Beast (only the connection code in
// http_server.cc / http_session.cc sees Beast). Header names are stored lower-cased.
//
//   HttpResponse r = JsonResponse(200, Value::Object({{Value::String("ok"), Value::Bool(true)}}));
#ifndef TF_SERVER_HTTP_MESSAGE_H_
#define TF_SERVER_HTTP_MESSAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/value.h"

namespace tf::server {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// What TLS established about the peer, when the connection is TLS.
struct PeerTls {
  std::string protocol;                  // "TLSv1.3"
  bool client_verified = false;          // mTLS: a client certificate chained to the CA
  std::string client_subject;            // the client certificate's subject, one line
  std::vector<std::string> client_sans;  // "DNS:x", "URI:spiffe://…", "email:…"
};

struct HttpRequest {
  std::string method;  // "GET", "POST", … as sent
  std::string target;  // path and query as sent
  std::string path;    // percent-decoded path, without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  HeaderList headers;                                      // lower-case names
  std::string body;
  std::string remote_address;
  std::optional<PeerTls> tls;
  bool keep_alive = true;

  // The first header named `name` (lower-case), or nullptr.
  const std::string* Header(std::string_view name) const;
  // The first query parameter named `name`, or nullptr.
  const std::string* Query(std::string_view name) const;
};

// Facts about a request that the access log records; handlers fill in what they know.
struct LogFacts {
  std::string route;  // the route pattern, e.g. "GET /v1/packs/{id}"
  std::string tenant;
  std::string subject;
  std::string pack;      // pack id (and hash) a decision used
  std::string decision;  // "allow" / "deny" for /v1/verify
  std::string error_code;
  Value input_shape;  // the input's top-level field names; never values
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  HeaderList headers;  // extra headers (Retry-After, WWW-Authenticate, Location, …)
  std::string body;
  LogFacts log;

  void SetHeader(std::string name, std::string value);
  const std::string* Header(std::string_view name) const;
};

// A JSON body (compact, newline-terminated).
HttpResponse JsonResponse(int status, const Value& body);
HttpResponse TextResponse(int status, std::string content_type, std::string body);

// Lower-cases ASCII letters.
std::string AsciiLower(std::string_view s);

}  // namespace tf::server

#endif  // TF_SERVER_HTTP_MESSAGE_H_
