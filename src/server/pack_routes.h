// File: server/pack_routes.h
//
// Policy packs over HTTP, per tenant:
//   PUT /v1/packs/{id}   upload a pack as a tar archive or multipart form (pack_upload.h); it is
//                        validated, compiled, hashed, stored and made current, and the upload is
//                        recorded in the ledger (a `pack` entry whose content hash is the pack
//                        hash). A pack that fails is refused with the loader's or compiler's
//                        file:line:col diagnostics and the previous version keeps serving.
//   GET /v1/packs        the packs the tenant can use (its own and the shared ones)
//   GET /v1/packs/{id}   one pack: id, version, hash, rules, files
#ifndef TF_SERVER_PACK_ROUTES_H_
#define TF_SERVER_PACK_ROUTES_H_

#include "ledger/ledger.h"
#include "server/pack_store.h"
#include "server/pack_upload.h"
#include "server/route_table.h"

namespace tf::server {

inline constexpr std::string_view kPackEntryKind = "pack";

// Not owned; must outlive the routes.
void AddPackRoutes(RouteTable& routes, PackStore& packs, ledger::Ledger& ledger,
                   UploadLimits limits);

// The summary of a pack as GET /v1/packs lists it.
Value PackSummary(const StoredPack& pack);

}  // namespace tf::server

#endif  // TF_SERVER_PACK_ROUTES_H_
