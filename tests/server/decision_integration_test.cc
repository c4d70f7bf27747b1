// The main job over real HTTP: upload a pack, decide, get a receipt, verify it offline; a bad
// pack is refused with diagnostics and the old version keeps serving; tenants stay apart.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/canonical_json.h"
#include "core/json.h"
#include "core/sha256.h"
#include "ledger/note_key.h"
#include "ledger/receipt.h"
#include "server/verify_routes.h"
#include "testing/tar_writer.h"
#include "testing/test_server.h"

namespace tf::server {
namespace {

using testing::HttpResult;
using testing::TestServer;
using testing::TokenSpec;

const std::string kPackDir = std::string(TF_SOURCE_DIR) + "/examples/packs/lksg.v1";

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Code(const HttpResult& r) {
  const Value v = r.Json();
  const Value* c = v.Find("code");
  return c && c->is_string() ? c->string() : "";
}

std::string VerifyBody(const std::string& input_json, bool dry_run = false) {
  return R"({"pack":"lksg.v1","input":)" + input_json + (dry_run ? R"(,"dry_run":true})" : "}");
}

class DecisionIntegrationTest : public ::testing::Test {
 protected:
  Result<HttpResult> PutPack(const std::string& token,
                             const std::map<std::string, std::string>& files) {
    return client_->Request(
        "PUT", "/v1/packs/lksg.v1",
        {{"Authorization", "Bearer " + token}, {"Content-Type", "application/x-tar"}},
        testing::MakeTar(files));
  }

  ledger::NoteVerifier Verifier() {
    std::string text = ReadText(server_.app().public_key_file());
    while (!text.empty() && text.back() == '\n')
      text.pop_back();
    return *ledger::NoteVerifier::Parse(text);
  }

  TestServer server_;
  std::unique_ptr<testing::TestClient> client_ = server_.Client();
  std::string token_ = server_.Token();
  std::string context_ok_ = ReadText(std::string(TF_SOURCE_DIR) + "/examples/context_ok.json");
};

TEST_F(DecisionIntegrationTest, UploadedPackDecidesAndTheReceiptVerifiesOffline) {
  Result<HttpResult> put = PutPack(token_, testing::ReadTree(kPackDir));
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  ASSERT_EQ(put->status, 200) << put->body;
  const Value installed = put->Json();
  EXPECT_EQ(installed.Find("id")->string(), "lksg.v1");
  EXPECT_EQ(installed.Find("scope")->string(), "tenant");
  const std::string pack_hash = installed.Find("pack_hash")->string();

  Result<HttpResult> r = client_->Post("/v1/verify", token_, VerifyBody(context_ok_));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->status, 200) << r->body;
  const Value body = r->Json();
  // Written directly, the body is the same bytes the JSON writer gives for it: compact, in key
  // order, one line.
  EXPECT_EQ(r->body, ToJson(body) + "\n");
  const Value& decision = *body.Find("decision");
  EXPECT_TRUE(decision.Find("allow")->bool_value());
  EXPECT_EQ(decision.Find("violations")->size(), 0u);
  EXPECT_EQ(decision.Find("pack_hash")->string(), pack_hash);
  EXPECT_EQ(decision.Find("plan_hash")->string().size(), 64u);
  EXPECT_EQ(decision.Find("input_hash")->string().size(), 64u);

  // Offline: only the receipt and the log's public key.
  const std::string receipt_json = ToJson(*body.Find("receipt"));
  Result<ledger::VerifiedReceipt> verified = ledger::VerifyReceiptJson(receipt_json, Verifier());
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->entry.tenant, "acme");
  EXPECT_EQ(verified->entry.kind, "decision");
  // The entry binds this exact decision: its content hash is the SHA-256 of its RFC 8785 form.
  EXPECT_EQ(verified->entry.content_hash, Sha256(*CanonicalJson(decision)));
  EXPECT_EQ(verified->entry.metadata.Find("pack_hash")->string(), pack_hash);
  EXPECT_TRUE(verified->entry.metadata.Find("allow")->bool_value());

  // A tampered receipt does not verify.
  Value tampered = *body.Find("receipt");
  Value* entry = tampered.ObjectFindMutable(Value::String("entry"));
  *entry->ObjectFindMutable(Value::String("tenant")) = Value::String("globex");
  EXPECT_FALSE(ledger::VerifyReceiptJson(ToJson(tampered), Verifier()).ok());
}

TEST_F(DecisionIntegrationTest, DryRunDecidesWithoutWriting) {
  ASSERT_EQ(PutPack(token_, testing::ReadTree(kPackDir))->status, 200);
  const uint64_t before = static_cast<uint64_t>(
      *client_->Get("/v1/checkpoint", token_)->Json().Find("size")->number().ToInt64());
  Result<HttpResult> r = client_->Post("/v1/verify", token_, VerifyBody(context_ok_, true));
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->Json().Find("receipt"), nullptr);
  EXPECT_TRUE(r->Json().Find("dry_run")->bool_value());
  EXPECT_EQ(r->body, ToJson(r->Json()) + "\n");
  const uint64_t after = static_cast<uint64_t>(
      *client_->Get("/v1/checkpoint", token_)->Json().Find("size")->number().ToInt64());
  EXPECT_EQ(before, after);
}

TEST_F(DecisionIntegrationTest, ADenyListsTheViolatedRules) {
  ASSERT_EQ(PutPack(token_, testing::ReadTree(kPackDir))->status, 200);
  Value input = *ParseJson(context_ok_);
  Value* supplier = input.ObjectFindMutable(Value::String("supplier"));
  *supplier->ObjectFindMutable(Value::String("country")) = Value::String("KP");
  Result<HttpResult> r = client_->Post("/v1/verify", token_, VerifyBody(ToJson(input)));
  ASSERT_EQ(r->status, 200) << r->body;
  const Value decision = *r->Json().Find("decision");
  EXPECT_FALSE(decision.Find("allow")->bool_value());
  ASSERT_GE(decision.Find("violations")->size(), 1u);
  EXPECT_EQ(decision.Find("violations")->array()[0].Find("rule")->string(), "no_sanctions");
  // The access log names pack and decision, and the input's field names but none of its values.
  const std::string log = server_.Log();
  EXPECT_NE(log.find("\"decision\":\"deny\""), std::string::npos);
  EXPECT_NE(log.find("\"input_fields\":[\"as_of\",\"order\",\"shipment\",\"supplier\"]"),
            std::string::npos);
  EXPECT_EQ(log.find("Hanse Metallwerk"), std::string::npos);
  EXPECT_EQ(log.find("SUP-1042"), std::string::npos);
}

TEST_F(DecisionIntegrationTest, ABadPackIsRefusedWithDiagnosticsAndTheOldVersionKeepsServing) {
  std::map<std::string, std::string> files = testing::ReadTree(kPackDir);
  Result<HttpResult> good = PutPack(token_, files);
  ASSERT_EQ(good->status, 200) << good->body;
  const std::string old_hash = good->Json().Find("pack_hash")->string();

  std::map<std::string, std::string> broken = files;
  broken["lksg.rego"] += "\nthis is not rego {\n";
  Result<HttpResult> bad = PutPack(token_, broken);
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->status, 400) << bad->body;
  EXPECT_EQ(Code(*bad), "rego_parse_error");
  const std::string detail = bad->Json().Find("detail")->string();
  EXPECT_NE(detail.find("lksg.rego:"), std::string::npos) << detail;  // file:line:col

  Result<HttpResult> r = client_->Post("/v1/verify", token_, VerifyBody(context_ok_));
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->Json().Find("decision")->Find("pack_hash")->string(), old_hash);

  // A manifest error points at pack.yaml with line and column.
  std::map<std::string, std::string> bad_manifest = files;
  bad_manifest["pack.yaml"] += "\nunknown_key: 1\n";
  bad = PutPack(token_, bad_manifest);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->Json().Find("detail")->string().find("pack.yaml:"), std::string::npos)
      << bad->body;

  // The old version also survives a restart.
  server_.Stop();
  ASSERT_TRUE(server_.Start().ok());
  client_ = server_.Client();
  r = client_->Post("/v1/verify", token_, VerifyBody(context_ok_));
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->Json().Find("decision")->Find("pack_hash")->string(), old_hash);
}

TEST_F(DecisionIntegrationTest, PacksUploadAsMultipartToo) {
  std::string body;
  const std::string boundary = "tf-boundary-7e3a";
  for (const auto& [path, bytes] : testing::ReadTree(kPackDir)) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
            path + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  Result<HttpResult> put =
      client_->Request("PUT", "/v1/packs/lksg.v1",
                       {{"Authorization", "Bearer " + token_},
                        {"Content-Type", "multipart/form-data; boundary=" + boundary}},
                       body);
  ASSERT_EQ(put->status, 200) << put->body;
  Result<HttpResult> list = client_->Get("/v1/packs", token_);
  ASSERT_EQ(list->status, 200);
  ASSERT_EQ(list->Json().Find("packs")->size(), 1u);
  Result<HttpResult> one = client_->Get("/v1/packs/lksg.v1", token_);
  ASSERT_EQ(one->status, 200);
  EXPECT_EQ(one->Json().Find("rules")->size(), 4u);
}

TEST_F(DecisionIntegrationTest, RefusesUploadsThatAreNotPacks) {
  Result<HttpResult> r = client_->Request(
      "PUT", "/v1/packs/lksg.v1",
      {{"Authorization", "Bearer " + token_}, {"Content-Type", "text/plain"}}, "x");
  EXPECT_EQ(r->status, 415);
  r = client_->Request(
      "PUT", "/v1/packs/lksg.v1",
      {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/x-tar"}},
      testing::MakeTar({{"pack.yaml", "id: x"}}, '2'));
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Code(*r), "upload_malformed");
  // pack.yaml names another id than the URL.
  std::map<std::string, std::string> files = testing::ReadTree(kPackDir);
  r = client_->Request(
      "PUT", "/v1/packs/other.v1",
      {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/x-tar"}},
      testing::MakeTar(files));
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Code(*r), "pack_manifest_invalid");
}

TEST_F(DecisionIntegrationTest, OneTenantCannotSeeAnothersPacksReceiptsOrProofs) {
  ASSERT_EQ(PutPack(token_, testing::ReadTree(kPackDir))->status, 200);
  Result<HttpResult> r = client_->Post("/v1/verify", token_, VerifyBody(context_ok_));
  ASSERT_EQ(r->status, 200);
  const int64_t leaf = *r->Json().Find("receipt")->Find("leaf_index")->number().ToInt64();

  TokenSpec other;
  other.tenant = "globex";
  const std::string globex = server_.Token(other);
  EXPECT_EQ(client_->Post("/v1/verify", globex, VerifyBody(context_ok_))->status, 404);
  EXPECT_EQ(client_->Get("/v1/packs/lksg.v1", globex)->status, 404);
  EXPECT_EQ(client_->Get("/v1/packs", globex)->Json().Find("packs")->size(), 0u);
  EXPECT_EQ(client_->Get("/v1/receipts/" + std::to_string(leaf), globex)->status, 404);
  EXPECT_EQ(client_->Get("/v1/ledger/inclusion?leaf=" + std::to_string(leaf), globex)->status, 404);
  // The owner can.
  EXPECT_EQ(client_->Get("/v1/receipts/" + std::to_string(leaf), token_)->status, 200);
  EXPECT_EQ(client_->Get("/v1/ledger/inclusion?leaf=" + std::to_string(leaf), token_)->status, 200);
}

TEST_F(DecisionIntegrationTest, BadRequestsGetProblemsWithStableCodes) {
  ASSERT_EQ(PutPack(token_, testing::ReadTree(kPackDir))->status, 200);
  EXPECT_EQ(Code(*client_->Post("/v1/verify", token_, "{not json")), "json_parse_error");
  EXPECT_EQ(Code(*client_->Post("/v1/verify", token_, R"({"input":{}})")), "bad_request");
  EXPECT_EQ(Code(*client_->Post("/v1/verify", token_, R"({"pack":"nope.v1","input":{}})")),
            "pack_not_found");
  Result<HttpResult> r =
      client_->Post("/v1/verify", token_, R"({"pack":"lksg.v1","input":{"as_of":1}})");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Code(*r), "input_schema_violation");
  EXPECT_EQ(client_->Post("/v1/verify", token_, VerifyBody(context_ok_), "text/plain")->status,
            415);
}

TEST(DecisionMetadataTest, NamesPackHashesAndViolatedRulesButNoReasons) {
  const Value deny =
      *ParseJson(R"({"allow":false,"input_hash":"i","pack_hash":"p","plan_hash":"q","violations":[)"
                 R"({"rule":"r1","reason":"quotes the input"},{"rule":"r2","reason":"x"}]})");
  EXPECT_EQ(ToJson(DecisionMetadata("lksg.v1", deny)),
            R"({"allow":false,"input_hash":"i","pack":"lksg.v1","pack_hash":"p","plan_hash":"q",)"
            R"("violated_rules":["r1","r2"],"violation_count":2})");
  // Members the decision lacks are left out, and the object stays sorted for the ledger.
  const Value sparse = *ParseJson(R"({"allow":true,"violations":[]})");
  const Value m = DecisionMetadata("a", sparse);
  EXPECT_EQ(ToJson(m), R"({"allow":true,"pack":"a","violated_rules":[],"violation_count":0})");
  EXPECT_EQ(m, *ParseJson(ToJson(m)));
}

}  // namespace
}  // namespace tf::server
