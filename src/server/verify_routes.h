// File: server/verify_routes.h
//
// POST /v1/verify — the product's main job. Body: {"pack": id, "input": {...}, "dry_run": bool}.
// The pack (the tenant's own, else a shared one) decides through the orchestrator (activation
// predicates → plan → rules); the decision is recorded in the ledger as a `decision` entry and
// the response carries it with its receipt:
//
//   {"decision": {"allow", "violations": [{"rule", "reason"}], "plan_hash", "pack_hash",
//                 "input_hash"},
//    "receipt": {...}}            // what `proof receipt verify` checks offline
//
// The entry's content_hash is the SHA-256 of the RFC 8785 form of `decision`, and its metadata
// names the pack, the three hashes, `allow` and the violated rule ids — never the input or the
// reasons (which quote the input). `dry_run: true` decides without writing and returns no
// receipt.
#ifndef TF_SERVER_VERIFY_ROUTES_H_
#define TF_SERVER_VERIFY_ROUTES_H_

#include "ledger/ledger.h"
#include "policy/orchestrator.h"
#include "policy/rule_selector.h"
#include "server/json_parser_pool.h"
#include "server/pack_store.h"
#include "server/route_table.h"

namespace tf::server {

inline constexpr std::string_view kDecisionEntryKind = "decision";
// Violated rule ids recorded in an entry's metadata at most (the count is always recorded).
inline constexpr size_t kMaxRecordedViolations = 256;

struct VerifyRoutesDeps {
  // Not owned; must outlive the routes.
  PackStore* packs = nullptr;
  const policy::Orchestrator* orchestrator = nullptr;
  const policy::RuleSelector* selector = nullptr;
  ledger::Ledger* ledger = nullptr;
  JsonParserPool* parsers = nullptr;
  // The data directory's graph, or null: packs calling graph.* or declaring decision limits
  // then fail closed (graph_query_invalid).
  const graph::GraphStore* graph = nullptr;
};

void AddVerifyRoutes(RouteTable& routes, VerifyRoutesDeps deps);

// The ledger entry metadata for a decision (see the file comment).
Value DecisionMetadata(std::string_view pack_id, const Value& decision);

}  // namespace tf::server

#endif  // TF_SERVER_VERIFY_ROUTES_H_
