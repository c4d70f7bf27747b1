// File: server/route_table.h
//
// `RouteTable`: the API's routes as data. Each route is a method, a path pattern with `{name}`
// segments, an operation id and a handler. The same table drives dispatch, the scope check (the
// auth config maps "METHOD pattern" to a scope), the access log's route label and the test that
// compares the server's routes with the OpenAPI document.
//
//   table.Add({"GET", "/v1/packs/{id}", "getPack", handler});
//   RouteMatch m = table.Match("GET", "/v1/packs/lksg.v1");  // m.params = {{"id", "lksg.v1"}}
//
// Handlers are asynchronous: each gets the exchange and a `Responder` it must call exactly once,
// from any thread. The exchange stays alive until then; a handler must not touch it afterwards.
#ifndef TF_SERVER_ROUTE_TABLE_H_
#define TF_SERVER_ROUTE_TABLE_H_

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http_message.h"
#include "server/principal.h"

namespace tf::server {

using PathParams = std::vector<std::pair<std::string, std::string>>;
using Responder = std::function<void(HttpResponse)>;
// Runs a task on the server's I/O threads (to move work off a thread that must not block, such
// as the ledger's commit thread).
using Poster = std::function<void(std::function<void()>)>;

// One request on its way through the API: the request, the matched route's parameters and the
// caller. Owned by the dispatcher.
struct Exchange {
  HttpRequest request;
  PathParams params;
  Principal principal;  // empty for public routes
  std::string route_key;
  Poster post;

  // The path parameter `name`. REQUIRES: the route pattern has `{name}`.
  const std::string& Param(std::string_view name) const;
};

// The handler may move the request body out of the exchange.
using RouteHandler = std::function<void(Exchange& exchange, Responder respond)>;

struct Route {
  std::string method;
  std::string pattern;       // "/v1/packs/{id}"
  std::string operation_id;  // as in the OpenAPI document
  RouteHandler handler;

  // "GET /v1/packs/{id}": the key the auth config's scope map uses.
  std::string Key() const { return method + " " + pattern; }
};

struct RouteMatch {
  enum class Kind : uint8_t { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Route* route = nullptr;              // kFound
  PathParams params;                         // kFound
  std::vector<std::string> allowed_methods;  // kMethodNotAllowed, for the Allow header
};

class RouteTable {
 public:
  // REQUIRES: no route with the same method and pattern yet.
  void Add(Route route);
  // `path` is percent-decoded. A `{name}` segment matches one non-empty segment.
  RouteMatch Match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace tf::server

#endif  // TF_SERVER_ROUTE_TABLE_H_
