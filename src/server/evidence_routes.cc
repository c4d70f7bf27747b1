#include "server/evidence_routes.h"

#include <memory>

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

void PutEvidence(ledger::Ledger& ledger, Exchange& ex, Responder respond) {
  auto content = std::make_shared<const std::string>(std::move(ex.request.body));
  const Sha256Digest hash = Sha256(*content);
  const std::string media_type = MediaTypeOf(ex.request);
  ledger::AppendRequest request;
  request.tenant = ex.principal.tenant;
  request.kind = std::string(kEvidenceEntryKind);
  request.content_hash = hash;
  request.metadata =
      Value::Object({{Str("media_type"), Str(media_type)},
                     {Str("size"), Value::Int(static_cast<int64_t>(content->size()))}});
  // Content and entry commit atomically: a receipt never names content that was not stored.
  request.effects = [content, tenant = ex.principal.tenant, hash](const ledger::Entry&,
                                                                  ledger::WriteBatch& batch) {
    batch.PutBlob(ledger::EvidenceKey{tenant, hash}, *content);
  };
  const Poster post = ex.post;
  ledger.AppendAsync(std::move(request), [post, respond, hash, size = content->size(),
                                          media_type](Result<ledger::Receipt> receipt) {
    // On the ledger's commit thread: hand the rendering to an I/O thread.
    post([respond, hash, size, media_type, receipt = std::move(receipt)]() {
      if (!receipt.ok()) return respond(ProblemResponse(receipt.status()));
      const std::string hex = DigestHex(hash);
      HttpResponse r =
          JsonResponse(201, Value::Object({{Str("content_hash"), Str(hex)},
                                           {Str("size"), Value::Int(static_cast<int64_t>(size))},
                                           {Str("media_type"), Str(media_type)},
                                           {Str("receipt"), receipt->ToValue()}}));
      r.SetHeader("Location", "/v1/evidence/" + hex);
      respond(std::move(r));
    });
  });
}

HttpResponse GetEvidence(ledger::Ledger& ledger, const Exchange& ex) {
  Result<Sha256Digest> hash = internal::ParseHexHash("hash", ex.Param("hash"));
  if (!hash.ok()) return ProblemResponse(hash.status());
  Result<std::optional<std::string>> blob =
      ledger.store().ReadBlob(ledger::EvidenceKey{ex.principal.tenant, *hash});
  if (!blob.ok()) return ProblemResponse(blob.status());
  if (!blob->has_value()) {
    return ProblemResponse(
        Status(ErrorCode::kEvidenceNotFound, "no such evidence for this tenant"));
  }
  HttpResponse r = TextResponse(200, "application/octet-stream", std::move(**blob));
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

void AddEvidenceRoutes(RouteTable& routes, ledger::Ledger& ledger) {
  routes.Add({"POST", "/v1/evidence", "putEvidence", [&ledger](Exchange& ex, Responder respond) {
                PutEvidence(ledger, ex, std::move(respond));
              }});
  routes.Add({"GET", "/v1/evidence/{hash}", "getEvidence",
              [&ledger](Exchange& ex, Responder respond) { respond(GetEvidence(ledger, ex)); }});
}

}  // namespace tf::server
