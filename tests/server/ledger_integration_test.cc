// Evidence and the ledger's proofs over real HTTP, scoped per tenant.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/encoding.h"
#include "core/json.h"
#include "core/random.h"
#include "core/sha256.h"
#include "ledger/evidence_store.h"
#include "ledger/ledger.h"
#include "ledger/merkle_hash.h"
#include "ledger/proof_verify.h"
#include "ledger/receipt.h"
#include "ledger/rocksdb_store.h"
#include "server/signing_key_file.h"
#include "testing/test_server.h"

namespace tf::server {
namespace {

using testing::HttpResult;
using testing::TestServer;
using testing::TokenSpec;

std::vector<ledger::Hash> Hashes(const Value& list) {
  std::vector<ledger::Hash> out;
  for (const Value& h : list.array())
    out.push_back(*ledger::HashFromBase64(h.string()));
  return out;
}

class LedgerIntegrationTest : public ::testing::Test {
 protected:
  Result<HttpResult> PutEvidence(const std::string& token, const std::string& bytes) {
    return client_->Request("POST", "/v1/evidence",
                            {{"Authorization", "Bearer " + token}, {"Content-Type", "text/plain"}},
                            bytes);
  }

  TestServer server_;
  std::unique_ptr<testing::TestClient> client_ = server_.Client();
  std::string acme_ = server_.Token();
  std::string globex_ = server_.Token(TokenSpec{.tenant = "globex"});
};

TEST_F(LedgerIntegrationTest, EvidenceIsStoredPerTenantWithAReceipt) {
  Result<HttpResult> put = PutEvidence(acme_, "audit report 2026");
  ASSERT_EQ(put->status, 201) << put->body;
  const std::string hash = DigestHex(Sha256("audit report 2026"));
  EXPECT_EQ(put->Json().Find("content_hash")->string(), hash);
  EXPECT_EQ(put->Header("location"), "/v1/evidence/" + hash);
  // Stored through the evidence store: an evidence.put entry naming who stored it.
  const Value entry = *put->Json().Find("receipt")->Find("entry");
  EXPECT_EQ(entry.Find("kind")->string(), "evidence.put");
  EXPECT_EQ(entry.Find("metadata")->Find("media_type")->string(), "text/plain");
  EXPECT_FALSE(entry.Find("metadata")->Find("by")->string().empty());
  EXPECT_EQ(put->Json().Find("size")->number().ToInt64(), 17);
  EXPECT_EQ(put->Json().Find("media_type")->string(), "text/plain");

  Result<HttpResult> get = client_->Get("/v1/evidence/" + hash, acme_);
  ASSERT_EQ(get->status, 200);
  EXPECT_EQ(get->body, "audit report 2026");
  EXPECT_EQ(get->Header("content-digest"),
            "sha-256=:" +
                Base64Encode(std::string_view(
                    reinterpret_cast<const char*>(Sha256("audit report 2026").data()), 32)) +
                ":");

  Result<HttpResult> other = client_->Get("/v1/evidence/" + hash, globex_);
  EXPECT_EQ(other->status, 404);
  EXPECT_EQ(other->Json().Find("code")->string(), "evidence_not_found");
  EXPECT_EQ(client_->Get("/v1/evidence/not-a-hash", acme_)->status, 400);
}

TEST_F(LedgerIntegrationTest, StoringTheSameEvidenceAgainAppendsNothing) {
  Result<HttpResult> first = PutEvidence(acme_, "contract v1");
  ASSERT_EQ(first->status, 201) << first->body;
  const int64_t size =
      *client_->Get("/v1/checkpoint", acme_)->Json().Find("size")->number().ToInt64();
  Result<HttpResult> again = PutEvidence(acme_, "contract v1");
  ASSERT_EQ(again->status, 200) << again->body;
  EXPECT_EQ(ToJson(*again->Json().Find("receipt")->Find("entry")),
            ToJson(*first->Json().Find("receipt")->Find("entry")));
  EXPECT_EQ(*client_->Get("/v1/checkpoint", acme_)->Json().Find("size")->number().ToInt64(), size);
  // Another tenant storing the same bytes gets its own item and entry.
  Result<HttpResult> other = PutEvidence(globex_, "contract v1");
  ASSERT_EQ(other->status, 201) << other->body;
  EXPECT_EQ(other->Json().Find("receipt")->Find("entry")->Find("tenant")->string(), "globex");
}

TEST_F(LedgerIntegrationTest, EvidenceStoredOverHttpIsUnderTheWormRules) {
  ASSERT_EQ(PutEvidence(acme_, "ledger-held evidence")->status, 201);
  const Sha256Digest hash = Sha256("ledger-held evidence");
  // The CLI's evidence store sees the item the route stored, with its WORM state.
  server_.Stop();
  Result<std::unique_ptr<ledger::RocksDbStore>> store =
      ledger::RocksDbStore::Open(server_.data_dir() + "/ledger", {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  SystemClock clock;
  ledger::LedgerOptions options;
  options.store = store->get();
  options.clock = &clock;
  Result<std::unique_ptr<ledger::Ledger>> ledger = ledger::Ledger::Open(std::move(options));
  ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
  ledger::EvidenceStore evidence(**ledger, clock);
  Result<ledger::ItemState> item = evidence.Describe("acme", hash);
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(item->size, 20u);
  EXPECT_EQ(item->media_type, "text/plain");
  EXPECT_FALSE(item->purged());
  EXPECT_EQ(evidence.Describe("globex", hash).status().code(), ErrorCode::kEvidenceNotFound);
}

TEST_F(LedgerIntegrationTest, PurgedEvidenceAnswers410AndCanBeStoredAgain) {
  ASSERT_EQ(PutEvidence(acme_, "to be purged")->status, 201);
  const Sha256Digest hash = Sha256("to be purged");
  // Purged offline with two approvals, as `proof evidence purge` does.
  server_.Stop();
  {
    SeededRandom random(3);
    Result<SigningKeyFiles> key = LoadOrCreateSigningKey(
        server_.data_dir() + "/keys/checkpoint.key", "trust-fabric.local/log", random);
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    ASSERT_FALSE(key->created);
    Result<std::unique_ptr<ledger::RocksDbStore>> store =
        ledger::RocksDbStore::Open(server_.data_dir() + "/ledger", {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ledger::LedgerOptions options;
    options.store = store->get();
    options.clock = &server_.clock();
    options.signer = std::move(key->signer);
    Result<std::unique_ptr<ledger::Ledger>> ledger = ledger::Ledger::Open(std::move(options));
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    ledger::EvidenceStore evidence(**ledger, server_.clock());
    ASSERT_TRUE(evidence.ApprovePurge("acme", hash, ledger::Actor{"alice"}, "erasure").ok());
    ASSERT_TRUE(evidence.ApprovePurge("acme", hash, ledger::Actor{"bob"}, "erasure").ok());
    Result<ledger::Receipt> purged =
        evidence.Purge("acme", hash, ledger::Actor{"alice"}, "erasure");
    ASSERT_TRUE(purged.ok()) << purged.status().ToString();
  }
  ASSERT_TRUE(server_.Start().ok());
  client_ = server_.Client();
  Result<HttpResult> get = client_->Get("/v1/evidence/" + DigestHex(hash), acme_);
  EXPECT_EQ(get->status, 410) << get->body;
  EXPECT_EQ(get->Json().Find("code")->string(), "evidence_purged");
  Result<HttpResult> again = PutEvidence(acme_, "to be purged");
  EXPECT_EQ(again->status, 201) << again->body;
  EXPECT_EQ(client_->Get("/v1/evidence/" + DigestHex(hash), acme_)->body, "to be purged");
}

TEST_F(LedgerIntegrationTest, InclusionAndConsistencyProofsVerifyAgainstTheCheckpoint) {
  std::vector<int64_t> leaves;
  for (int i = 0; i < 5; ++i) {
    Result<HttpResult> put = PutEvidence(acme_, "item " + std::to_string(i));
    ASSERT_EQ(put->status, 201);
    leaves.push_back(*put->Json().Find("receipt")->Find("leaf_index")->number().ToInt64());
  }
  Result<HttpResult> cp = client_->Get("/v1/checkpoint", acme_);
  ASSERT_EQ(cp->status, 200);
  const Value head = cp->Json();
  const uint64_t size = static_cast<uint64_t>(*head.Find("size")->number().ToInt64());
  const ledger::Hash root = *ledger::HashFromBase64(head.Find("root")->string());
  ASSERT_EQ(size, 5u);

  Result<HttpResult> inc = client_->Get("/v1/ledger/inclusion?leaf=2&size=5", acme_);
  ASSERT_EQ(inc->status, 200) << inc->body;
  const Value proof = inc->Json();
  EXPECT_TRUE(ledger::VerifyInclusion(2, 5,
                                      *ledger::HashFromBase64(proof.Find("leaf_hash")->string()),
                                      Hashes(*proof.Find("inclusion_proof")), root)
                  .ok());

  Result<HttpResult> con = client_->Get("/v1/ledger/consistency?from=2&to=5", acme_);
  ASSERT_EQ(con->status, 200) << con->body;
  Result<HttpResult> old_inc = client_->Get("/v1/ledger/inclusion?leaf=0&size=2", acme_);
  ASSERT_EQ(old_inc->status, 200) << old_inc->body;
  // The checkpoint for size 2 exists only if a batch ended there; derive the old root instead.
  const ledger::Hash leaf0 = *ledger::HashFromBase64(old_inc->Json().Find("leaf_hash")->string());
  const ledger::Hash old_root = *ledger::RootFromInclusionProof(
      0, 2, leaf0, Hashes(*old_inc->Json().Find("inclusion_proof")));
  EXPECT_TRUE(ledger::VerifyConsistency(2, 5, old_root, root,
                                        Hashes(*con->Json().Find("consistency_proof")))
                  .ok());

  Result<HttpResult> receipt = client_->Get("/v1/receipts/" + std::to_string(leaves[3]), acme_);
  ASSERT_EQ(receipt->status, 200);
  EXPECT_TRUE(ledger::Receipt::FromJson(receipt->body).ok());
}

TEST_F(LedgerIntegrationTest, ProofRequestsAreValidated) {
  ASSERT_EQ(PutEvidence(acme_, "x")->status, 201);
  EXPECT_EQ(client_->Get("/v1/ledger/inclusion", acme_)->status, 400);
  EXPECT_EQ(client_->Get("/v1/ledger/inclusion?leaf=-1", acme_)->status, 400);
  EXPECT_EQ(client_->Get("/v1/ledger/inclusion?leaf=01", acme_)->status, 400);
  EXPECT_EQ(client_->Get("/v1/ledger/inclusion?leaf=9", acme_)->status, 400);
  EXPECT_EQ(client_->Get("/v1/ledger/consistency?from=2&to=1", acme_)->status, 400);
  EXPECT_EQ(client_->Get("/v1/receipts/99", acme_)->status, 404);
  EXPECT_EQ(client_->Get("/v1/receipts/abc", acme_)->status, 400);
}

TEST_F(LedgerIntegrationTest, UnknownRoutesAndMethodsGetProblems) {
  Result<HttpResult> r = client_->Get("/v2/anything", acme_);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->Json().Find("code")->string(), "route_not_found");
  r = client_->Request("DELETE", "/v1/checkpoint", {{"Authorization", "Bearer " + acme_}});
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->Header("allow"), "GET");
  r = client_->Get("/v1/../v1/checkpoint", acme_);
  EXPECT_EQ(r->status, 400);
}

}  // namespace
}  // namespace tf::server
