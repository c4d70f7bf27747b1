// File: server/ledger_routes.h
//
// The ledger's read operations over HTTP, scoped to the caller's tenant:
//   GET /v1/checkpoint                          the latest signed checkpoint (C2SP note)
//   GET /v1/ledger/inclusion?leaf=N[&size=M]    RFC 9162 inclusion proof for one of the
//                                               tenant's entries (404 for another tenant's)
//   GET /v1/ledger/consistency?from=A[&to=B]    RFC 9162 consistency proof between tree sizes
//   GET /v1/receipts/{leaf}                     a fresh receipt for one of the tenant's entries,
//                                               the document `proof receipt verify` checks
#ifndef TF_SERVER_LEDGER_ROUTES_H_
#define TF_SERVER_LEDGER_ROUTES_H_

#include "ledger/ledger.h"
#include "server/route_table.h"

namespace tf::server {

// `ledger` is not owned and must outlive the routes.
void AddLedgerRoutes(RouteTable& routes, ledger::Ledger& ledger);

// [base64 hash, …] as in receipts and checkpoints.
Value HashList(const std::vector<ledger::Hash>& hashes);

}  // namespace tf::server

#endif  // TF_SERVER_LEDGER_ROUTES_H_
