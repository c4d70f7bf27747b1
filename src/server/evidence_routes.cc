#include "server/evidence_routes.h"

#include "core/encoding.h"
#include "core/sha256.h"
#include "server/internal/params.h"
#include "server/problem.h"

namespace tf::server {
namespace {

Value Str(std::string_view s) {
  return Value::String(s);
}

constexpr size_t kMaxMediaTypeBytes = 255;

std::string MediaTypeOf(const HttpRequest& request) {
  const std::string* ct = request.Header("content-type");
  if (ct == nullptr || ct->empty() || ct->size() > kMaxMediaTypeBytes)
    return "application/octet-stream";
  return *ct;
}

// Who changed the item, as the WORM bookkeeping records it: the token's subject, else the
// tenant (a token without `sub` still speaks for its tenant).
ledger::Actor ActorOf(const Principal& principal) {
  return ledger::Actor{principal.subject.empty() ? "tenant:" + principal.tenant
                                                 : principal.subject};
}

void PutEvidence(const EvidenceRoutesDeps& deps, Exchange& ex, Responder respond) {
  deps.worker->Submit([store = deps.store, post = ex.post, tenant = ex.principal.tenant,
                       actor = ActorOf(ex.principal), media_type = MediaTypeOf(ex.request),
                       content = std::move(ex.request.body),
                       respond = std::move(respond)]() mutable {
    Result<ledger::EvidenceStore::PutResult> put =
        store->Put(tenant, std::move(content), actor, media_type);
    post([put = std::move(put), respond = std::move(respond)]() mutable {
      if (!put.ok()) return respond(ProblemResponse(put.status()));
      const ledger::ItemState& item = put->item;
      const std::string hex = DigestHex(item.content_hash);
      HttpResponse r =
          JsonResponse(put->created ? 201 : 200,
                       Value::Object({{Str("content_hash"), Str(hex)},
                                      {Str("size"), Value::Int(static_cast<int64_t>(item.size))},
                                      {Str("media_type"), Str(item.media_type)},
                                      {Str("receipt"), put->receipt.ToValue()}}));
      r.SetHeader("Location", "/v1/evidence/" + hex);
      respond(std::move(r));
    });
  });
}

HttpResponse GetEvidence(const ledger::EvidenceStore& store, const Exchange& ex) {
  Result<Sha256Digest> hash = internal::ParseHexHash("hash", ex.Param("hash"));
  if (!hash.ok()) return ProblemResponse(hash.status());
  Result<ledger::EvidenceStore::Content> content = store.Get(ex.principal.tenant, *hash);
  if (!content.ok()) return ProblemResponse(content.status());
  HttpResponse r = TextResponse(200, "application/octet-stream", std::move(content->bytes));
  // RFC 9530 §2: lets the client check the bytes against the hash it asked for.
  r.SetHeader("Content-Digest",
              "sha-256=:" +
                  Base64Encode(
                      std::string_view(reinterpret_cast<const char*>(hash->data()), hash->size())) +
                  ":");
  r.SetHeader("ETag", "\"" + DigestHex(*hash) + "\"");
  return r;
}

}  // namespace

void AddEvidenceRoutes(RouteTable& routes, EvidenceRoutesDeps deps) {
  routes.Add({"POST", "/v1/evidence", "putEvidence", [deps](Exchange& ex, Responder respond) {
                PutEvidence(deps, ex, std::move(respond));
              }});
  routes.Add({"GET", "/v1/evidence/{hash}", "getEvidence",
              [deps](Exchange& ex, Responder respond) { respond(GetEvidence(*deps.store, ex)); }});
}

}  // namespace tf::server
