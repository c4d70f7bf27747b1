// File: server/evidence_routes.h
//
// Evidence over HTTP, per tenant, through ledger::EvidenceStore, so what is stored over HTTP
// lives under the WORM rules' bookkeeping like what `proof evidence` stores:
//   POST /v1/evidence          the body is the evidence; it is stored content-addressed
//                              (SHA-256) under the caller's tenant, in the same atomic ledger
//                              commit as an `evidence.put` entry and the item's state, and the
//                              response carries that entry's receipt (201). The same bytes
//                              again append nothing and answer 200 with the original receipt.
//   GET  /v1/evidence/{hash}   the bytes back, for the caller's tenant only (404 otherwise;
//                              410 evidence_purged after a purge)
//
// The content lives beside the Merkle tree, not in it (the ledger's blob store), so a later
// purge removes the content and keeps the receipt verifiable. A put waits for its group commit
// on the BlockingWorker, never on an I/O thread.
#ifndef TF_SERVER_EVIDENCE_ROUTES_H_
#define TF_SERVER_EVIDENCE_ROUTES_H_

#include "ledger/evidence_store.h"
#include "server/blocking_worker.h"
#include "server/route_table.h"

namespace tf::server {

struct EvidenceRoutesDeps {
  // Not owned; must outlive the routes (the worker must also outlive every put it runs).
  ledger::EvidenceStore* store = nullptr;
  BlockingWorker* worker = nullptr;
};

void AddEvidenceRoutes(RouteTable& routes, EvidenceRoutesDeps deps);

}  // namespace tf::server

#endif  // TF_SERVER_EVIDENCE_ROUTES_H_
