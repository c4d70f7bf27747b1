#include "server/verify_routes.h"

#include "core/canonical_json.h"
#include "core/json.h"
#include "core/sha256.h"
#include "policy/decision.h"
#include "server/http_message.h"
#include "server/problem.h"

namespace tf::server {
namespace {

Value Str(std::string_view s) {
  return Value::String(s);
}

struct VerifyRequest {
  std::string pack;
  Value input;
  bool dry_run = false;
};

Result<VerifyRequest> ReadRequest(JsonParserPool& parsers, const HttpRequest& http) {
  if (const std::string* ct = http.Header("content-type"); ct != nullptr) {
    const std::string media = AsciiLower(std::string_view(*ct).substr(0, ct->find(';')));
    if (media != "application/json") {
      return Status(ErrorCode::kUnsupportedMediaType, "send the request as application/json");
    }
  }
  Result<Value> body = parsers.Parse(http.body);
  if (!body.ok()) return body.status();
  if (!body->is_object()) return Status(ErrorCode::kBadRequest, "the body must be a JSON object");
  VerifyRequest out;
  for (const auto& [k, v] : body->object()) {
    if (k.string() == "pack" && v.is_string()) {
      out.pack = v.string();
    } else if (k.string() == "input") {
      out.input = v;
    } else if (k.string() == "dry_run" && v.is_bool()) {
      out.dry_run = v.bool_value();
    } else {
      return Status(ErrorCode::kBadRequest, "unexpected or mistyped member '" + k.string() +
                                                "' (expected pack: string, input, dry_run: bool)");
    }
  }
  if (out.pack.empty()) return Status(ErrorCode::kBadRequest, "'pack' is required");
  if (body->Find("input") == nullptr) return Status(ErrorCode::kBadRequest, "'input' is required");
  return out;
}

// The input's top-level field names, for the access log; values are never logged.
Value InputShape(const Value& input) {
  if (!input.is_object()) return Str(input.TypeName());
  std::vector<Value> names;
  for (const auto& [k, v] : input.object())
    names.push_back(k);
  return Value::Array(std::move(names));
}

void Verify(const VerifyRoutesDeps& deps, Exchange& ex, Responder respond) {
  Result<VerifyRequest> req = ReadRequest(*deps.parsers, ex.request);
  if (!req.ok()) return respond(ProblemResponse(req.status()));
  Result<StoredPack> pack = deps.packs->Find(ex.principal.tenant, req->pack);
  if (!pack.ok()) return respond(ProblemResponse(pack.status()));
  policy::DecideOptions options;
  options.store = deps.graph;
  Result<policy::Decision> decision =
      deps.orchestrator->Decide(*pack->pack, req->input, *deps.selector, options);
  const std::string pack_label = pack->LogLabel();
  if (!decision.ok()) {
    HttpResponse r = ProblemResponse(decision.status());
    r.log.pack = pack_label;
    r.log.input_shape = InputShape(req->input);
    return respond(std::move(r));
  }
  Value doc = policy::DecisionToValue(*decision);
  LogFacts facts;
  facts.pack = pack_label;
  facts.decision = decision->allow ? "allow" : "deny";
  facts.input_shape = InputShape(req->input);
  // The body is written directly around the decision's JSON (the same bytes JsonResponse would
  // give for {"decision", "dry_run"|"receipt"}: keys in order, compact).
  std::string body;
  // The decision and a receipt take ~2 KB: one allocation instead of a growth by doubling.
  constexpr size_t kBodyBytes = 4096;
  body.reserve(kBodyBytes);
  body = "{\"decision\":";
  AppendJson(body, doc);
  if (req->dry_run) {
    body += ",\"dry_run\":true}\n";
    HttpResponse r = TextResponse(200, "application/json", std::move(body));
    r.log = std::move(facts);
    return respond(std::move(r));
  }
  Result<std::string> canonical = CanonicalJson(doc);
  if (!canonical.ok()) return respond(ProblemResponse(canonical.status()));
  ledger::AppendRequest entry;
  entry.tenant = ex.principal.tenant;
  entry.kind = std::string(kDecisionEntryKind);
  entry.content_hash = Sha256(*canonical);
  entry.metadata = DecisionMetadata(pack->pack->id(), doc);
  // On the ledger's commit thread: only hand the result over; the connection renders it.
  deps.ledger->AppendAsync(
      std::move(entry), [post = ex.post, respond = std::move(respond), body = std::move(body),
                         facts = std::move(facts)](Result<ledger::Receipt> receipt) mutable {
        post([respond = std::move(respond), body = std::move(body), facts = std::move(facts),
              receipt = std::move(receipt)]() mutable {
          HttpResponse r;
          if (receipt.ok()) {
            body += ",\"receipt\":";
            receipt->AppendJson(body);
            body += "}\n";
            r = TextResponse(200, "application/json", std::move(body));
          } else {
            r = ProblemResponse(receipt.status());
            facts.error_code = r.log.error_code;
          }
          r.log = std::move(facts);
          respond(std::move(r));
        });
      });
}

}  // namespace

Value DecisionMetadata(std::string_view pack_id, const Value& decision) {
  std::vector<Value> violated;
  size_t count = 0;
  if (const Value* vs = decision.Find("violations"); vs != nullptr && vs->is_array()) {
    count = vs->size();
    for (const Value& v : vs->array()) {
      if (violated.size() == kMaxRecordedViolations) break;
      if (const Value* rule = v.Find("rule")) violated.push_back(*rule);
    }
  }
  // Built in key order: Value::Object would sort (and allocate for it) on every decision.
  std::vector<ObjectEntry> m;
  m.reserve(7);
  auto copy = [&](const char* key) {
    if (const Value* v = decision.Find(key)) m.emplace_back(Str(key), *v);
  };
  copy("allow");
  copy("input_hash");
  m.emplace_back(Str("pack"), Str(pack_id));
  copy("pack_hash");
  copy("plan_hash");
  m.emplace_back(Str("violated_rules"), Value::Array(std::move(violated)));
  m.emplace_back(Str("violation_count"), Value::Int(static_cast<int64_t>(count)));
  return Value::ObjectFromSorted(std::move(m));
}

void AddVerifyRoutes(RouteTable& routes, VerifyRoutesDeps deps) {
  routes.Add({"POST", "/v1/verify", "verify",
              [deps](Exchange& ex, Responder respond) { Verify(deps, ex, std::move(respond)); }});
}

}  // namespace tf::server
