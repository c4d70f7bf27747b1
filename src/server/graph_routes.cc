#include "server/graph_routes.h"

#include <algorithm>
#include <array>
#include <optional>

#include "graph/component.h"
#include "graph/degree.h"
#include "graph/k_hop.h"
#include "graph/neighbors.h"
#include "graph/shortest_path.h"
#include "graph/traversal.h"
#include "policy/graph_guard.h"
#include "policy/store_graph.h"
#include "server/internal/params.h"
#include "server/problem.h"

namespace tf::server {
namespace {

using policy::GraphQueryKind;

// What one response may hold at most, whatever the caller asks: bounds on the work a query
// does on the server's graph worker.
constexpr uint64_t kMaxNeighbors = 10'000;
constexpr uint64_t kMaxKHopNodes = 100'000;
constexpr uint64_t kMaxPathDepth = 64;
constexpr uint64_t kMaxComponentLimit = graph::kDefaultComponentLimit;

constexpr std::array<std::string_view, 8> kTraversalParams = {
    "pack", "direction", "type", "since", "until", "after", "age", "include_archive"};

struct GraphRoute {
  std::string_view path;  // under /v1/graph/
  std::string_view operation_id;
  GraphQueryKind kind;
  std::vector<std::string_view> params;  // besides kTraversalParams
};

Status BadRequest(std::string message) {
  return Status(ErrorCode::kBadRequest, std::move(message));
}

// Unknown and repeated parameters are refused: a misspelt bound must not silently become the
// default.
Status CheckParams(const HttpRequest& request, const GraphRoute& route) {
  for (size_t i = 0; i < request.query.size(); ++i) {
    const std::string& name = request.query[i].first;
    const bool known =
        std::find(kTraversalParams.begin(), kTraversalParams.end(), name) !=
            kTraversalParams.end() ||
        std::find(route.params.begin(), route.params.end(), name) != route.params.end();
    if (!known) return BadRequest("unknown query parameter '" + name + "'");
    if (name == "type") continue;
    for (size_t j = 0; j < i; ++j) {
      if (request.query[j].first == name) return BadRequest("'" + name + "' given twice");
    }
  }
  return Status::Ok();
}

Result<std::string> RequiredParam(const HttpRequest& request, std::string_view name) {
  const std::string* v = request.Query(name);
  if (v == nullptr || v->empty()) return BadRequest("'" + std::string(name) + "' is required");
  return *v;
}

std::string OptionalParam(const HttpRequest& request, std::string_view name) {
  const std::string* v = request.Query(name);
  return v == nullptr ? std::string() : *v;
}

// `name` as an integer in [min, max], `fallback` when absent.
Result<uint64_t> BoundedParam(const HttpRequest& request, std::string_view name, uint64_t fallback,
                              uint64_t min, uint64_t max) {
  TF_ASSIGN_OR_RETURN(std::optional<uint64_t> v, internal::QueryUint64(request, name));
  const uint64_t n = v.value_or(fallback);
  if (n < min || n > max) {
    return Status(ErrorCode::kGraphQueryInvalid, "'" + std::string(name) + "' must be " +
                                                     std::to_string(min) + " to " +
                                                     std::to_string(max));
  }
  return n;
}

Result<graph::TraversalOptions> TraversalOf(const HttpRequest& request) {
  graph::TraversalText text;
  if (const std::string* d = request.Query("direction")) text.direction = *d;
  for (const auto& [name, value] : request.query) {
    if (name == "type") text.edge_types.push_back(value);
  }
  text.since = OptionalParam(request, "since");
  text.until = OptionalParam(request, "until");
  text.after = OptionalParam(request, "after");
  text.age = OptionalParam(request, "age");
  const std::string archive = OptionalParam(request, "include_archive");
  if (archive != "" && archive != "true" && archive != "false") {
    return BadRequest("'include_archive' must be true or false");
  }
  text.include_archive = archive == "true";
  return graph::ParseTraversalText(text);
}

// The query as the pack's limits see it.
Result<policy::GraphQuery> GuardQueryOf(const HttpRequest& request, const GraphRoute& route) {
  policy::GraphQuery q;
  q.kind = route.kind;
  if (route.kind == GraphQueryKind::kShortestPath) {
    TF_ASSIGN_OR_RETURN(q.node, RequiredParam(request, "from"));
    TF_ASSIGN_OR_RETURN(q.target, RequiredParam(request, "to"));
  } else {
    TF_ASSIGN_OR_RETURN(q.node, RequiredParam(request, "node"));
  }
  if (route.kind == GraphQueryKind::kKHop) {
    TF_ASSIGN_OR_RETURN(q.hops, BoundedParam(request, "hops", 2, 1, graph::kMaxHops));
  }
  return q;
}

Result<Value> RunQuery(const graph::GraphStore& store, const HttpRequest& request,
                       const policy::GraphQuery& q, const graph::TraversalOptions& o) {
  switch (q.kind) {
    case GraphQueryKind::kNeighbors: {
      TF_ASSIGN_OR_RETURN(
          uint64_t limit,
          BoundedParam(request, "limit", graph::kDefaultNeighborLimit, 1, kMaxNeighbors));
      TF_ASSIGN_OR_RETURN(graph::NeighborsResult r, graph::Neighbors(store, q.node, o, limit));
      return graph::NeighborsToValue(q.node, r);
    }
    case GraphQueryKind::kKHop: {
      graph::KHopOptions k;
      k.hops = static_cast<uint32_t>(q.hops);
      TF_ASSIGN_OR_RETURN(k.degree_cap, BoundedParam(request, "degree_cap", 0, 0, UINT32_MAX));
      TF_ASSIGN_OR_RETURN(k.max_nodes,
                          BoundedParam(request, "max_nodes", kMaxKHopNodes, 1, kMaxKHopNodes));
      TF_ASSIGN_OR_RETURN(graph::KHopResult r, graph::KHop(store, q.node, o, k));
      return graph::KHopToValue(q.node, k, r);
    }
    case GraphQueryKind::kShortestPath: {
      graph::PathOptions bounds;
      TF_ASSIGN_OR_RETURN(uint64_t depth,
                          BoundedParam(request, "max_depth", bounds.max_depth, 1, kMaxPathDepth));
      bounds.max_depth = static_cast<uint32_t>(depth);
      TF_ASSIGN_OR_RETURN(graph::PathResult r,
                          graph::ShortestPathLength(store, q.node, q.target, o, bounds));
      return graph::PathToValue(q.node, q.target, r);
    }
    case GraphQueryKind::kComponentSize: {
      TF_ASSIGN_OR_RETURN(uint64_t limit, BoundedParam(request, "limit", kMaxComponentLimit, 1,
                                                       kMaxComponentLimit));
      TF_ASSIGN_OR_RETURN(graph::ComponentSize r, graph::ComponentSizeOf(store, q.node, o, limit));
      return graph::ComponentToValue(q.node, r);
    }
    case GraphQueryKind::kDegree: {
      TF_ASSIGN_OR_RETURN(graph::DegreeResult r, graph::Degree(store, q.node, o));
      return graph::DegreeToValue(q.node, r);
    }
  }
  return Status(ErrorCode::kInternal, "unknown graph query");
}

// Checks the pack's limits, then runs the query. Everything a request can get wrong is checked
// before the graph is read.
HttpResponse Answer(const GraphRoutesDeps& deps, const GraphRoute& route, const Exchange& ex) {
  const HttpRequest& request = ex.request;
  if (Status s = CheckParams(request, route); !s.ok()) return ProblemResponse(s);
  Result<std::string> pack_id = RequiredParam(request, "pack");
  if (!pack_id.ok()) return ProblemResponse(pack_id.status());
  if (Status s = ValidatePackId(*pack_id); !s.ok()) return ProblemResponse(s);
  Result<policy::GraphQuery> query = GuardQueryOf(request, route);
  if (!query.ok()) return ProblemResponse(query.status());
  Result<graph::TraversalOptions> options = TraversalOf(request);
  if (!options.ok()) return ProblemResponse(options.status());
  if (deps.graph == nullptr) {
    return ProblemResponse(
        Status(ErrorCode::kNotFound,
               "this server's data directory holds no graph (proof graph ingest --data DIR)"));
  }
  Result<StoredPack> pack = deps.packs->Find(ex.principal.tenant, *pack_id);
  if (!pack.ok()) return ProblemResponse(pack.status());
  const std::string pack_label = pack->LogLabel();

  graph::TraversalOptions every_edge;
  every_edge.include_archive = options->include_archive;
  const policy::StoreGraph limits_view(*deps.graph, every_edge);
  const policy::GraphGuard guard(pack->pack->manifest().limits, limits_view);
  Result<std::vector<policy::LimitVerdict>> verdicts = guard.Check(*query);
  if (!verdicts.ok()) return ProblemResponse(verdicts.status());
  std::vector<Value> passed;
  for (const policy::LimitVerdict& v : *verdicts) {
    if (v.exceeded) {
      HttpResponse r = ProblemResponse(
          Status(ErrorCode::kGraphLimitExceeded, v.reason_code + ": " + v.explanation),
          policy::LimitVerdictToValue(v));
      r.log.pack = pack_label;
      return r;
    }
    passed.push_back(policy::LimitVerdictToValue(v));
  }

  Result<Value> result = RunQuery(*deps.graph, request, *query, *options);
  if (!result.ok()) return ProblemResponse(result.status());
  result->ObjectInsertIfAbsent(Value::String("limits"), Value::Array(std::move(passed)));
  HttpResponse r = JsonResponse(200, *result);
  r.log.pack = pack_label;
  return r;
}

}  // namespace

void AddGraphRoutes(RouteTable& routes, GraphRoutesDeps deps) {
  const std::vector<GraphRoute> graph_routes = {
      {"neighbors", "getGraphNeighbors", GraphQueryKind::kNeighbors, {"node", "limit"}},
      {"k-hop", "getGraphKHop", GraphQueryKind::kKHop, {"node", "hops", "degree_cap", "max_nodes"}},
      {"shortest-path",
       "getGraphShortestPath",
       GraphQueryKind::kShortestPath,
       {"from", "to", "max_depth"}},
      {"component-size",
       "getGraphComponentSize",
       GraphQueryKind::kComponentSize,
       {"node", "limit"}},
      {"degree", "getGraphDegree", GraphQueryKind::kDegree, {"node"}},
  };
  for (const GraphRoute& route : graph_routes) {
    routes.Add({"GET", "/v1/graph/" + std::string(route.path), std::string(route.operation_id),
                [deps, route](Exchange& ex, Responder respond) {
                  deps.worker->Submit(
                      [deps, route, &ex, post = ex.post, respond = std::move(respond)]() mutable {
                        HttpResponse r = Answer(deps, route, ex);
                        post([r = std::move(r), respond = std::move(respond)]() mutable {
                          respond(std::move(r));
                        });
                      });
                }});
  }
}

}  // namespace tf::server
