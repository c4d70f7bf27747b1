#include "server/pack_routes.h"

#include "core/encoding.h"
#include "core/sha256.h"
#include "policy/manifest.h"
#include "server/problem.h"

namespace tf::server {
namespace {

Value Str(std::string_view s) {
  return Value::String(s);
}

Value RuleList(const policy::CompiledPack& pack) {
  std::vector<Value> rules;
  for (size_t i = 0; i < pack.num_rules(); ++i) {
    const policy::RuleSpec& r = pack.rule(i);
    rules.push_back(Value::Object({{Str("id"), Str(r.id)},
                                   {Str("ref"), Str(r.ref)},
                                   {Str("cost"), Value::FromNumber(Number::FromUint64(r.cost))},
                                   {Str("severity"), Str(policy::SeverityName(r.severity))},
                                   {Str("always_active"), Value::Bool(r.activation.empty())}}));
  }
  return Value::Array(std::move(rules));
}

Value FileList(const policy::CompiledPack& pack) {
  std::vector<Value> files;
  for (const auto& [path, bytes] : pack.pack().files) {
    files.push_back(Value::Object({{Str("path"), Str(path)},
                                   {Str("size"), Value::Int(static_cast<int64_t>(bytes.size()))},
                                   {Str("sha256"), Str(DigestHex(Sha256(bytes)))}}));
  }
  return Value::Array(std::move(files));
}

Value PackDetail(const StoredPack& p) {
  Value v = PackSummary(p);
  v.ObjectInsertIfAbsent(Str("rules"), RuleList(*p.pack));
  v.ObjectInsertIfAbsent(Str("files"), FileList(*p.pack));
  return v;
}

void PutPack(PackStore& packs, ledger::Ledger& ledger, const UploadLimits& limits, Exchange& ex,
             Responder respond) {
  const std::string* ct = ex.request.Header("content-type");
  Result<UploadedFiles> files = ReadPackUpload(ct ? *ct : std::string(), ex.request.body, limits);
  if (!files.ok()) return respond(ProblemResponse(files.status()));
  const std::string& id = ex.Param("id");
  Result<StoredPack> stored = packs.Install(ex.principal.tenant, id, std::move(files).value());
  if (!stored.ok()) {
    // The diagnostics (file:line:col) are the detail; the previous version is untouched.
    HttpResponse r = ProblemResponse(stored.status(), Value::Object({{Str("pack"), Str(id)}}));
    r.log.pack = id;
    return respond(std::move(r));
  }
  const CompiledPackRef pack = stored->pack;
  ledger::AppendRequest request;
  request.tenant = ex.principal.tenant;
  request.kind = std::string(kPackEntryKind);
  Result<std::string> hash_bytes = HexDecode(pack->hash());
  if (!hash_bytes.ok() || hash_bytes->size() != request.content_hash.size()) {
    return respond(ProblemResponse(Status(ErrorCode::kInternal, "pack hash is not SHA-256 hex")));
  }
  std::copy(hash_bytes->begin(), hash_bytes->end(), request.content_hash.begin());
  request.metadata = Value::Object({{Str("pack"), Str(pack->id())},
                                    {Str("version"), Str(pack->manifest().version)},
                                    {Str("pack_hash"), Str(pack->hash())}});
  const Poster post = ex.post;
  const StoredPack summary = *stored;
  ledger.AppendAsync(std::move(request), [post, respond, summary](Result<ledger::Receipt> receipt) {
    post([respond, summary, receipt = std::move(receipt)]() {
      if (!receipt.ok()) return respond(ProblemResponse(receipt.status()));
      Value body = PackSummary(summary);
      body.ObjectInsertIfAbsent(Str("receipt"), receipt->ToValue());
      HttpResponse r = JsonResponse(200, body);
      r.log.pack = summary.LogLabel();
      respond(std::move(r));
    });
  });
}

}  // namespace

Value PackSummary(const StoredPack& p) {
  const policy::CompiledPack& pack = *p.pack;
  return Value::Object({{Str("id"), Str(pack.id())},
                        {Str("version"), Str(pack.manifest().version)},
                        {Str("description"), Str(pack.manifest().description)},
                        {Str("pack_hash"), Str(pack.hash())},
                        {Str("rule_count"), Value::Int(static_cast<int64_t>(pack.num_rules()))},
                        {Str("scope"), Str(p.shared ? "shared" : "tenant")}});
}

void AddPackRoutes(RouteTable& routes, PackStore& packs, ledger::Ledger& ledger,
                   UploadLimits limits) {
  routes.Add({"PUT", "/v1/packs/{id}", "putPack",
              [&packs, &ledger, limits](Exchange& ex, Responder respond) {
                PutPack(packs, ledger, limits, ex, std::move(respond));
              }});
  routes.Add(
      {"GET", "/v1/packs", "listPacks", [&packs](Exchange& ex, Responder respond) {
         std::vector<Value> list;
         for (const StoredPack& p : packs.List(ex.principal.tenant))
           list.push_back(PackSummary(p));
         respond(JsonResponse(200, Value::Object({{Str("packs"), Value::Array(std::move(list))}})));
       }});
  routes.Add({"GET", "/v1/packs/{id}", "getPack", [&packs](Exchange& ex, Responder respond) {
                Result<StoredPack> p = packs.Find(ex.principal.tenant, ex.Param("id"));
                if (!p.ok()) return respond(ProblemResponse(p.status()));
                respond(JsonResponse(200, PackDetail(*p)));
              }});
}

}  // namespace tf::server
