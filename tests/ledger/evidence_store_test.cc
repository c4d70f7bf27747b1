// WORM rules: retention locks (governance, compliance), legal holds, dual-control purge.
#include "ledger/evidence_store.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/encoding.h"
#include "core/json.h"
#include "ledger/audit.h"
#include "ledger/ledger_test_util.h"
#include "ledger/memory_store.h"
#include "ledger/proof_verify.h"
#include "ledger/rocksdb_store.h"
#include "ledger/timestamp.h"

namespace tf::ledger {
namespace {

using testing::OpenTestLedger;
using testing::TempDir;
using testing::TestSigner;

constexpr int64_t kT0 = int64_t{1'767'225'600} * kNanosPerSecond;  // 2026-01-01
constexpr int64_t kDay = int64_t{86'400} * kNanosPerSecond;

const Actor kAlice{"alice", false};
const Actor kBob{"bob", false};
const Actor kAdmin{"admin", true};

class EvidenceStoreTest : public ::testing::Test {
 protected:
  EvidenceStoreTest() : clock_(kT0) {
    ledger_ = OpenTestLedger(store_, clock_);
    evidence_ = std::make_unique<EvidenceStore>(*ledger_, clock_);
  }

  Hash PutDoc(const std::string& content = "the contract, signed") {
    Result<EvidenceStore::PutResult> r = evidence_->Put("acme", content, kAlice, "text/plain");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return Sha256(content);
  }

  // The kind and metadata of the newest entry.
  Entry Last() { return *ledger_->GetEntry(ledger_->Head().size - 1); }

  FakeClock clock_;
  MemoryStore store_;
  std::unique_ptr<Ledger> ledger_;
  std::unique_ptr<EvidenceStore> evidence_;
};

void ExpectDeny(const Status& s, ErrorCode code, std::initializer_list<std::string_view> mentions) {
  EXPECT_EQ(s.code(), code) << s.ToString();
  for (std::string_view m : mentions) {
    EXPECT_NE(s.message().find(m), std::string_view::npos)
        << "\"" << m << "\" not in: " << s.message();
  }
}

TEST_F(EvidenceStoreTest, PutStoresContentAndAppendsAVerifiableEntry) {
  Result<EvidenceStore::PutResult> r = evidence_->Put("acme", "bytes", kAlice, "text/plain");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->created);
  EXPECT_EQ(r->receipt.entry.kind, "evidence.put");
  EXPECT_EQ(r->receipt.entry.content_hash, Sha256("bytes"));
  EXPECT_TRUE(VerifyReceipt(r->receipt, ledger_->verifier()).ok());
  Result<EvidenceStore::Content> got = evidence_->Get("acme", Sha256("bytes"));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->bytes, "bytes");
  EXPECT_EQ(got->item.stored.by, "alice");
}

TEST_F(EvidenceStoreTest, PuttingTheSameContentAgainIsIdempotent) {
  auto first = *evidence_->Put("acme", "same", kAlice);
  auto second = *evidence_->Put("acme", "same", kBob);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.receipt.leaf_index, first.receipt.leaf_index);
  EXPECT_EQ(ledger_->Head().size, 1u);
}

TEST_F(EvidenceStoreTest, TenantsCannotSeeOrTouchEachOthersEvidence) {
  Hash h = PutDoc();
  ExpectDeny(evidence_->Get("globex", h).status(), ErrorCode::kEvidenceNotFound, {"globex"});
  ExpectDeny(evidence_->SetLegalHold("globex", h, "x", kAlice, "").status(),
             ErrorCode::kEvidenceNotFound, {});
  // The same bytes stored by another tenant are another item.
  auto other = *evidence_->Put("globex", "the contract, signed", kBob);
  EXPECT_TRUE(other.created);
}

TEST_F(EvidenceStoreTest, OversizedContentIsRefused) {
  EvidenceOptions small;
  small.max_content_bytes = 4;
  EvidenceStore store(*ledger_, clock_, small);
  EXPECT_EQ(store.Put("acme", "12345", kAlice).status().code(), ErrorCode::kEvidenceTooLarge);
}

TEST_F(EvidenceStoreTest, GovernanceLockCanBeExtendedButShortenedOnlyWithBypassWhichIsLogged) {
  Hash h = PutDoc();
  ASSERT_TRUE(
      evidence_
          ->SetRetention("acme", h, RetentionMode::kGovernance, kT0 + 30 * kDay, kAlice, "policy")
          .ok());
  EXPECT_EQ(Last().kind, "evidence.retention");
  ASSERT_TRUE(
      evidence_
          ->SetRetention("acme", h, RetentionMode::kGovernance, kT0 + 60 * kDay, kBob, "extend")
          .ok());
  ExpectDeny(
      evidence_->SetRetention("acme", h, RetentionMode::kGovernance, kT0 + 10 * kDay, kAlice, "")
          .status(),
      ErrorCode::kGovernanceBypassRequired,
      {"rule governance-retention", "set by bob", FormatTimestamp(kT0 + 60 * kDay), "alice"});
  ExpectDeny(evidence_->RemoveRetention("acme", h, kBob, "").status(),
             ErrorCode::kGovernanceBypassRequired, {"removal"});
  const uint64_t before = ledger_->Head().size;
  ASSERT_TRUE(evidence_
                  ->SetRetention("acme", h, RetentionMode::kGovernance, kT0 + 10 * kDay, kAdmin,
                                 "legal says")
                  .ok());
  EXPECT_EQ(ledger_->Head().size, before + 1);
  Entry e = Last();
  EXPECT_EQ(e.metadata.Find("bypass_governance")->bool_value(), true);
  EXPECT_EQ(e.metadata.Find("by")->string(), "admin");
  ASSERT_TRUE(evidence_->RemoveRetention("acme", h, kAdmin, "released").ok());
  EXPECT_TRUE(Last().metadata.Find("bypass_governance")->bool_value());
  EXPECT_FALSE(evidence_->Describe("acme", h)->retention.has_value());
}

TEST_F(EvidenceStoreTest, ComplianceLockCanOnlyBeExtendedByAnyone) {
  Hash h = PutDoc();
  ASSERT_TRUE(evidence_
                  ->SetRetention("acme", h, RetentionMode::kCompliance, kT0 + 30 * kDay, kAlice,
                                 "sec 17a-4")
                  .ok());
  ASSERT_TRUE(
      evidence_->SetRetention("acme", h, RetentionMode::kCompliance, kT0 + 40 * kDay, kBob, "")
          .ok());
  for (const Actor& who : {kAlice, kAdmin}) {
    ExpectDeny(
        evidence_->SetRetention("acme", h, RetentionMode::kCompliance, kT0 + 35 * kDay, who, "")
            .status(),
        ErrorCode::kRetentionShortenDenied,
        {"rule compliance-retention", "set by bob", FormatTimestamp(kT0 + 40 * kDay)});
    ExpectDeny(
        evidence_->SetRetention("acme", h, RetentionMode::kGovernance, kT0 + 90 * kDay, who, "")
            .status(),
        ErrorCode::kRetentionShortenDenied, {"governance"});
    ExpectDeny(evidence_->RemoveRetention("acme", h, who, "").status(),
               ErrorCode::kRetentionShortenDenied, {"removal"});
  }
  ExpectDeny(evidence_->ApprovePurge("acme", h, kAlice, "").status(), ErrorCode::kOk, {});
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kBob, "").ok());
  ExpectDeny(evidence_->Purge("acme", h, kAdmin, "gdpr").status(), ErrorCode::kRetentionActive,
             {"rule compliance-retention", "until " + FormatTimestamp(kT0 + 40 * kDay)});
  // Once it expires, it is inert: it may be removed or replaced.
  clock_.Set(kT0 + 41 * kDay);
  EXPECT_TRUE(
      evidence_->SetRetention("acme", h, RetentionMode::kGovernance, kT0 + 50 * kDay, kAlice, "")
          .ok());
}

TEST_F(EvidenceStoreTest, GovernanceLockCanBeUpgradedToCompliance) {
  Hash h = PutDoc();
  ASSERT_TRUE(
      evidence_->SetRetention("acme", h, RetentionMode::kGovernance, kT0 + kDay, kAlice, "").ok());
  ASSERT_TRUE(
      evidence_->SetRetention("acme", h, RetentionMode::kCompliance, kT0 + kDay, kAlice, "").ok());
  ExpectDeny(evidence_->RemoveRetention("acme", h, kAdmin, "").status(),
             ErrorCode::kRetentionShortenDenied, {});
}

TEST_F(EvidenceStoreTest, LocksMustEndInTheFuture) {
  Hash h = PutDoc();
  EXPECT_EQ(evidence_->SetRetention("acme", h, RetentionMode::kCompliance, kT0, kAlice, "")
                .status()
                .code(),
            ErrorCode::kInvalidArgument);
}

TEST_F(EvidenceStoreTest, LegalHoldBlocksPurgeUntilReleasedAndHasNoExpiry) {
  Hash h = PutDoc();
  ASSERT_TRUE(evidence_->SetLegalHold("acme", h, "case-42", kAlice, "litigation").ok());
  EXPECT_EQ(Last().kind, "evidence.hold");
  ExpectDeny(evidence_->SetLegalHold("acme", h, "case-42", kBob, "").status(),
             ErrorCode::kAlreadyExists, {"case-42", "alice"});
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kAlice, "").ok());
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kBob, "").ok());
  clock_.Advance(3650 * kDay);  // Holds do not expire...
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kAlice, "").ok());
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kBob, "").ok());
  ExpectDeny(evidence_->Purge("acme", h, kAdmin, "cleanup").status(), ErrorCode::kLegalHoldActive,
             {"rule legal-hold", "case-42", "set by alice", "litigation"});
  ExpectDeny(evidence_->ReleaseLegalHold("acme", h, "no-such-hold", kBob, "").status(),
             ErrorCode::kFailedPrecondition, {"no-such-hold"});
  ASSERT_TRUE(evidence_->ReleaseLegalHold("acme", h, "case-42", kBob, "settled").ok());
  EXPECT_EQ(Last().metadata.Find("action")->string(), "release");
  EXPECT_TRUE(evidence_->Purge("acme", h, kAdmin, "cleanup").ok());  // ...but can be released.
}

TEST_F(EvidenceStoreTest, PurgeNeedsTwoDistinctApproversWithinTheWindow) {
  Hash h = PutDoc();
  ExpectDeny(evidence_->Purge("acme", h, kAdmin, "gdpr").status(),
             ErrorCode::kPurgeApprovalsInsufficient, {"rule dual-control", "has 0"});
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kAlice, "ok").ok());
  EXPECT_EQ(Last().kind, "evidence.purge_approval");
  ExpectDeny(evidence_->ApprovePurge("acme", h, kAlice, "again").status(),
             ErrorCode::kDuplicateApproval, {"alice already approved"});
  ExpectDeny(evidence_->Purge("acme", h, kAdmin, "gdpr").status(),
             ErrorCode::kPurgeApprovalsInsufficient, {"has 1 (alice)"});
  clock_.Advance(2 * kDay);  // Alice's approval goes stale.
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kBob, "ok").ok());
  ExpectDeny(evidence_->Purge("acme", h, kAdmin, "gdpr").status(),
             ErrorCode::kPurgeApprovalsInsufficient, {"has 1 (bob)"});
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kAlice, "ok again").ok());
  Result<Receipt> purge = evidence_->Purge("acme", h, kAdmin, "gdpr erasure request 7");
  ASSERT_TRUE(purge.ok()) << purge.status().ToString();
  EXPECT_EQ(purge->entry.kind, "evidence.purge");
  EXPECT_EQ(purge->entry.content_hash, h);
  const Value& m = purge->entry.metadata;
  EXPECT_EQ(m.Find("by")->string(), "admin");
  EXPECT_EQ(m.Find("reason")->string(), "gdpr erasure request 7");
  ASSERT_EQ(m.Find("approvals")->size(), 2u);
  EXPECT_EQ(m.Find("approvals")->array()[0].Find("by")->string(), "bob");
  EXPECT_EQ(m.Find("approvals")->array()[1].Find("by")->string(), "alice");
}

TEST_F(EvidenceStoreTest, PurgedContentIsGoneButItsReceiptStillVerifies) {
  auto put = *evidence_->Put("acme", "personal data", kAlice);
  const Hash h = Sha256("personal data");
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kAlice, "").ok());
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kBob, "").ok());
  const TreeHead before = ledger_->Head();
  ASSERT_TRUE(evidence_->Purge("acme", h, kAdmin, "erasure").ok());
  // Content gone, everywhere it was stored.
  EXPECT_FALSE(store_.ReadBlob(EvidenceKey{"acme", h})->has_value());
  ExpectDeny(evidence_->Get("acme", h).status(), ErrorCode::kEvidencePurged,
             {"rule purged", "by admin", "erasure"});
  // The leaf is still there: the old receipt, and a fresh one, verify.
  EXPECT_TRUE(VerifyReceipt(put.receipt, ledger_->verifier()).ok());
  Result<Receipt> fresh = ledger_->GetReceipt(put.receipt.leaf_index);
  ASSERT_TRUE(fresh.ok());
  EXPECT_TRUE(VerifyReceipt(*fresh, ledger_->verifier()).ok());
  std::vector<Hash> proof = *ledger_->ConsistencyProof(before.size, ledger_->Head().size);
  EXPECT_TRUE(
      VerifyConsistency(before.size, ledger_->Head().size, before.root, ledger_->Head().root, proof)
          .ok());
  EXPECT_TRUE(AuditLog(store_)->status.ok());
  // Everything else about the item is refused now, with the purge named.
  ExpectDeny(evidence_->Purge("acme", h, kAdmin, "again").status(), ErrorCode::kEvidencePurged, {});
  ExpectDeny(evidence_->SetLegalHold("acme", h, "x", kAdmin, "").status(),
             ErrorCode::kEvidencePurged, {});
  EXPECT_TRUE(evidence_->Describe("acme", h)->purged());
}

TEST_F(EvidenceStoreTest, ContentCanBeStoredAgainAfterAPurge) {
  Hash h = PutDoc("x");
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kAlice, "").ok());
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kBob, "").ok());
  ASSERT_TRUE(evidence_->Purge("acme", h, kAdmin, "erasure").ok());
  auto again = *evidence_->Put("acme", "x", kAlice);
  EXPECT_TRUE(again.created);
  EXPECT_EQ(evidence_->Get("acme", h)->bytes, "x");
}

TEST_F(EvidenceStoreTest, EveryChangeIsOneLedgerEntryOfItsKind) {
  Hash h = PutDoc();
  std::vector<std::string> kinds;
  ASSERT_TRUE(
      evidence_->SetRetention("acme", h, RetentionMode::kGovernance, kT0 + kDay, kAlice, "").ok());
  ASSERT_TRUE(evidence_->SetLegalHold("acme", h, "h", kAlice, "").ok());
  ASSERT_TRUE(evidence_->ReleaseLegalHold("acme", h, "h", kAlice, "").ok());
  clock_.Advance(2 * kDay);
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kAlice, "").ok());
  ASSERT_TRUE(evidence_->ApprovePurge("acme", h, kBob, "").ok());
  ASSERT_TRUE(evidence_->Purge("acme", h, kAdmin, "done").ok());
  for (uint64_t i = 0; i < ledger_->Head().size; ++i)
    kinds.push_back(ledger_->GetEntry(i)->kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"evidence.put", "evidence.retention", "evidence.hold",
                                             "evidence.hold", "evidence.purge_approval",
                                             "evidence.purge_approval", "evidence.purge"}));
  for (uint64_t i = 0; i < ledger_->Head().size; ++i) {
    EXPECT_EQ(ledger_->GetEntry(i)->tenant, "acme");
    EXPECT_TRUE(ledger_->GetEntry(i)->metadata.Find("by") != nullptr);
  }
  // Refusals append nothing.
  const uint64_t size = ledger_->Head().size;
  EXPECT_FALSE(evidence_->Purge("acme", h, kAdmin, "again").ok());
  EXPECT_EQ(ledger_->Head().size, size);
}

TEST_F(EvidenceStoreTest, ConcurrentApprovalsOfOneItemAreSerialised) {
  Hash h = PutDoc();
  std::atomic<int> ok{0}, dup{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      Actor who{i % 2 ? "alice" : "bob", false};
      Status s = evidence_->ApprovePurge("acme", h, who, "").status();
      (s.ok() ? ok : dup) += 1;
      if (!s.ok()) EXPECT_EQ(s.code(), ErrorCode::kDuplicateApproval);
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(ok.load(), 2);
  EXPECT_EQ(dup.load(), 6);
  EXPECT_EQ(evidence_->Describe("acme", h)->approvals.size(), 2u);
}

TEST(EvidenceRocksDbTest, PurgedContentIsAbsentAfterReopen) {
  TempDir dir;
  FakeClock clock(kT0);
  const Hash h = Sha256("secret");
  Receipt put;
  {
    auto store = *RocksDbStore::Open(dir.Sub("db"), {});
    auto ledger = OpenTestLedger(*store, clock);
    EvidenceStore ev(*ledger, clock);
    put = ev.Put("acme", "secret", kAlice)->receipt;
    ASSERT_TRUE(ev.ApprovePurge("acme", h, kAlice, "").ok());
    ASSERT_TRUE(ev.ApprovePurge("acme", h, kBob, "").ok());
    ASSERT_TRUE(ev.Purge("acme", h, kAdmin, "erasure").ok());
  }
  auto store = *RocksDbStore::Open(dir.Sub("db"), {});
  EXPECT_FALSE(store->ReadBlob(EvidenceKey{"acme", h})->has_value());
  EXPECT_TRUE(VerifyReceipt(put, TestSigner().verifier()).ok());
  EXPECT_TRUE(AuditLog(*store)->status.ok());
}

}  // namespace
}  // namespace tf::ledger
