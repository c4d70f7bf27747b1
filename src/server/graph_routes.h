// File: server/graph_routes.h
//
// The evidence graph's queries over HTTP, the same five as `proof graph query`, each answered
// with the same JSON document:
//   GET /v1/graph/neighbors?pack=P&node=N[&limit=L]
//   GET /v1/graph/k-hop?pack=P&node=N[&hops=K][&degree_cap=C][&max_nodes=M]
//   GET /v1/graph/shortest-path?pack=P&from=A&to=B[&max_depth=D]
//   GET /v1/graph/component-size?pack=P&node=N[&limit=L]
//   GET /v1/graph/degree?pack=P&node=N
// and on each the traversal options direction, type (repeatable), since, until, after, age,
// include_archive (docs/GRAPH.md).
//
// Every query names a pack (the caller's own or a shared one), and the pack's graph limits are
// checked before the query runs (policy::GraphGuard): a query that would exceed one is 403
// graph_limit_exceeded, with the limit's verdict as problem members, and no result leaves the
// server. The limits are checked over every edge the query could follow, before its type and
// time filters narrow it, so a filter never carries a query past a limit. A response carries the
// verdicts it passed in "limits".
//
// The graph is the data directory's (`proof graph ingest`), one for the whole server like the
// shared packs; the scope (graph:read by default) says who may query it. Queries run on their
// own worker thread, one at a time, never on an I/O thread.
#ifndef TF_SERVER_GRAPH_ROUTES_H_
#define TF_SERVER_GRAPH_ROUTES_H_

#include "graph/graph_store.h"
#include "server/blocking_worker.h"
#include "server/pack_store.h"
#include "server/route_table.h"

namespace tf::server {

struct GraphRoutesDeps {
  // Not owned; must outlive the routes (the worker also every query it runs). `graph` is null
  // when the data directory holds no graph: every query is then 404 not_found.
  const PackStore* packs = nullptr;
  const graph::GraphStore* graph = nullptr;
  BlockingWorker* worker = nullptr;
};

void AddGraphRoutes(RouteTable& routes, GraphRoutesDeps deps);

}  // namespace tf::server

#endif  // TF_SERVER_GRAPH_ROUTES_H_
