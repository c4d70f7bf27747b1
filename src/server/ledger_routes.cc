#include "server/ledger_routes.h"

#include "server/internal/params.h"
#include "server/problem.h"

namespace tf::server {
namespace {

using internal::ParseUint64;
using internal::QueryUint64;

Value Str(std::string_view s) {
  return Value::String(s);
}
Value Uint(uint64_t n) {
  return Value::FromNumber(Number::FromUint64(n));
}

// Ledger kNotFound is "no such entry for this tenant": the same answer whether the entry does
// not exist or belongs to someone else, so a tenant cannot probe for other tenants' entries.
HttpResponse LedgerProblem(const Status& s) {
  if (s.code() == ErrorCode::kNotFound) {
    return ProblemResponse(Status(ErrorCode::kNotFound, "no such entry for this tenant"));
  }
  return ProblemResponse(s);
}

HttpResponse Checkpoint(ledger::Ledger& ledger) {
  const ledger::TreeHead head = ledger.Head();
  return JsonResponse(200, Value::Object({{Str("origin"), Str(ledger.origin())},
                                          {Str("size"), Uint(head.size)},
                                          {Str("root"), Str(ledger::HashToBase64(head.root))},
                                          {Str("checkpoint"), Str(head.checkpoint)},
                                          {Str("verifier_key"), Str(ledger.verifier().ToText())}}));
}

HttpResponse Inclusion(ledger::Ledger& ledger, const Exchange& ex) {
  Result<std::optional<uint64_t>> leaf = QueryUint64(ex.request, "leaf");
  if (!leaf.ok()) return ProblemResponse(leaf.status());
  if (!leaf->has_value())
    return ProblemResponse(Status(ErrorCode::kBadRequest, "'leaf' is required"));
  Result<std::optional<uint64_t>> size = QueryUint64(ex.request, "size");
  if (!size.ok()) return ProblemResponse(size.status());
  const uint64_t tree_size = size->value_or(ledger.Head().size);
  if (**leaf >= tree_size) {
    return ProblemResponse(
        Status(ErrorCode::kTreeSizeOutOfRange, "'leaf' must be below the tree size"));
  }
  Result<ledger::Entry> entry = ledger.GetEntry(**leaf, ex.principal.tenant);
  if (!entry.ok()) return LedgerProblem(entry.status());
  Result<std::vector<ledger::Hash>> proof = ledger.InclusionProof(**leaf, tree_size);
  if (!proof.ok()) return LedgerProblem(proof.status());
  Result<ledger::Hash> leaf_hash = entry->LeafHash();
  if (!leaf_hash.ok()) return ProblemResponse(leaf_hash.status());
  std::vector<ObjectEntry> out = {{Str("leaf_index"), Uint(**leaf)},
                                  {Str("tree_size"), Uint(tree_size)},
                                  {Str("leaf_hash"), Str(ledger::HashToBase64(*leaf_hash))},
                                  {Str("inclusion_proof"), HashList(*proof)}};
  if (Result<std::string> cp = ledger.CheckpointAt(tree_size); cp.ok()) {
    out.emplace_back(Str("checkpoint"), Str(*cp));
  }
  return JsonResponse(200, Value::Object(std::move(out)));
}

HttpResponse Consistency(ledger::Ledger& ledger, const Exchange& ex) {
  Result<std::optional<uint64_t>> from = QueryUint64(ex.request, "from");
  if (!from.ok()) return ProblemResponse(from.status());
  if (!from->has_value())
    return ProblemResponse(Status(ErrorCode::kBadRequest, "'from' is required"));
  Result<std::optional<uint64_t>> to = QueryUint64(ex.request, "to");
  if (!to.ok()) return ProblemResponse(to.status());
  const uint64_t to_size = to->value_or(ledger.Head().size);
  if (**from > to_size) {
    return ProblemResponse(Status(ErrorCode::kTreeSizeOutOfRange, "'from' must not exceed 'to'"));
  }
  Result<std::vector<ledger::Hash>> proof = ledger.ConsistencyProof(**from, to_size);
  if (!proof.ok()) return LedgerProblem(proof.status());
  std::vector<ObjectEntry> out = {{Str("from"), Uint(**from)},
                                  {Str("to"), Uint(to_size)},
                                  {Str("consistency_proof"), HashList(*proof)}};
  if (Result<std::string> cp = ledger.CheckpointAt(**from); cp.ok()) {
    out.emplace_back(Str("from_checkpoint"), Str(*cp));
  }
  if (Result<std::string> cp = ledger.CheckpointAt(to_size); cp.ok()) {
    out.emplace_back(Str("to_checkpoint"), Str(*cp));
  }
  return JsonResponse(200, Value::Object(std::move(out)));
}

HttpResponse ReceiptFor(ledger::Ledger& ledger, const Exchange& ex) {
  Result<uint64_t> leaf = ParseUint64("leaf", ex.Param("leaf"));
  if (!leaf.ok()) return ProblemResponse(leaf.status());
  Result<ledger::Receipt> receipt = ledger.GetReceipt(*leaf, ex.principal.tenant);
  if (!receipt.ok()) return LedgerProblem(receipt.status());
  return JsonResponse(200, receipt->ToValue());
}

}  // namespace

Value HashList(const std::vector<ledger::Hash>& hashes) {
  std::vector<Value> out;
  out.reserve(hashes.size());
  for (const ledger::Hash& h : hashes)
    out.push_back(Str(ledger::HashToBase64(h)));
  return Value::Array(std::move(out));
}

void AddLedgerRoutes(RouteTable& routes, ledger::Ledger& ledger) {
  routes.Add({"GET", "/v1/checkpoint", "getCheckpoint",
              [&ledger](Exchange&, Responder respond) { respond(Checkpoint(ledger)); }});
  routes.Add({"GET", "/v1/ledger/inclusion", "getInclusionProof",
              [&ledger](Exchange& ex, Responder respond) { respond(Inclusion(ledger, ex)); }});
  routes.Add({"GET", "/v1/ledger/consistency", "getConsistencyProof",
              [&ledger](Exchange& ex, Responder respond) { respond(Consistency(ledger, ex)); }});
  routes.Add({"GET", "/v1/receipts/{leaf}", "getReceipt",
              [&ledger](Exchange& ex, Responder respond) { respond(ReceiptFor(ledger, ex)); }});
}

}  // namespace tf::server
