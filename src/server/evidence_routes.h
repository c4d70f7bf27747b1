// File: server/evidence_routes.h
//
// Evidence over HTTP, per tenant:
//   POST /v1/evidence          the body is the evidence; it is stored content-addressed
//                              (SHA-256) under the caller's tenant, in the same atomic ledger
//                              commit as an `evidence` entry, and the response carries that
//                              entry's receipt
//   GET  /v1/evidence/{hash}   the bytes back, for the caller's tenant only (404 otherwise)
//
// The content lives beside the Merkle tree, not in it (the ledger's blob store), so a later
// purge removes the content and keeps the receipt verifiable.
#ifndef TF_SERVER_EVIDENCE_ROUTES_H_
#define TF_SERVER_EVIDENCE_ROUTES_H_

#include "ledger/ledger.h"
#include "server/route_table.h"

namespace tf::server {

inline constexpr std::string_view kEvidenceEntryKind = "evidence";

// `ledger` is not owned and must outlive the routes.
void AddEvidenceRoutes(RouteTable& routes, ledger::Ledger& ledger);

}  // namespace tf::server

#endif  // TF_SERVER_EVIDENCE_ROUTES_H_
