// `proof keygen` and `proof receipt verify`, run as a user would: receipts issued by a real
// ledger verify offline with only the public key, and every kind of tampering is refused with
// exit code 1 and a message naming the check that failed.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "core/clock.h"
#include "core/json.h"
#include "ledger/cli/proof_runner.h"
#include "ledger/ledger.h"
#include "ledger/ledger_test_util.h"
#include "ledger/memory_store.h"
#include "ledger/receipt.h"

namespace tf::ledger::testing {
namespace {

Value* Field(Value& object, const char* key) {
  Value* field = object.ObjectFindMutable(Value::String(key));
  EXPECT_NE(field, nullptr) << key;
  return field;
}

class ReceiptCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<MemoryStore>();
    LedgerOptions options;
    options.store = store_.get();
    options.clock = &clock_;
    options.signer = TestSigner();
    ledger_ = *Ledger::Open(std::move(options));
    for (int i = 0; i < 5; ++i)
      ASSERT_TRUE(ledger_->Append(Request("acme", i)).ok());
    Result<Receipt> receipt = ledger_->Append(Request("acme", 99));
    ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
    receipt_ = *receipt;
    pub_ = dir_.Sub("log.pub");
    WriteText(pub_, ledger_->verifier().ToText() + "\n");
  }

  std::string WriteReceipt(const std::string& name, const std::string& json) {
    std::string path = dir_.Sub(name);
    WriteText(path, json);
    return path;
  }

  // The receipt as JSON with `edit` applied to its parsed form.
  std::string Edited(const std::function<void(Value&)>& edit) {
    Value value = receipt_.ToValue();
    edit(value);
    return ToJson(value);
  }

  TempDir dir_;
  FakeClock clock_{1'700'000'000'000'000'000};
  std::unique_ptr<MemoryStore> store_;
  std::unique_ptr<Ledger> ledger_;
  Receipt receipt_;
  std::string pub_;
};

TEST_F(ReceiptCliTest, AGenuineReceiptVerifiesWithThePublicKeyFileOrText) {
  std::string path = WriteReceipt("receipt.json", receipt_.ToJson(/*pretty=*/true));
  ProofRun run = RunProof({"receipt", "verify", path, "--key", pub_});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("checkpoint signature: ok"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("entry hash: ok"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("inclusion proof: ok (leaf 5 of 6"), std::string::npos) << run.output;

  run = RunProof({"receipt", "verify", path, "--key", ledger_->verifier().ToText()});
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST_F(ReceiptCliTest, ATamperedEntryIsRefusedNamingTheInclusionProof) {
  std::string path = WriteReceipt("tampered.json", Edited([](Value& v) {
                                    *Field(*Field(v, "entry"), "tenant") = Value::String("mallory");
                                  }));
  ProofRun run = RunProof({"receipt", "verify", path, "--key", pub_});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("rejected"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("inclusion proof"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("proof_invalid"), std::string::npos) << run.output;
}

TEST_F(ReceiptCliTest, AnEntryMovedToAnotherLeafIsRefusedNamingTheEntryHash) {
  std::string path =
      WriteReceipt("moved.json", Edited([](Value& v) { *Field(v, "leaf_index") = Value::Int(4); }));
  ProofRun run = RunProof({"receipt", "verify", path, "--key", pub_});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("entry hash"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("entry_mismatch"), std::string::npos) << run.output;
}

TEST_F(ReceiptCliTest, ATamperedProofHashIsRefused) {
  ASSERT_FALSE(receipt_.inclusion_proof.empty());
  receipt_.inclusion_proof[0][0] ^= 0x01;
  std::string path = WriteReceipt("proof.json", receipt_.ToJson());
  ProofRun run = RunProof({"receipt", "verify", path, "--key", pub_});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("proof_invalid"), std::string::npos) << run.output;
}

TEST_F(ReceiptCliTest, AForgedCheckpointOrAnotherKeyIsRefusedNamingTheSignature) {
  // A checkpoint claiming another root, re-signed by a key that is not the log's.
  Result<Checkpoint> cp = OpenCheckpoint(receipt_.checkpoint, ledger_->verifier());
  ASSERT_TRUE(cp.ok());
  NoteSigner other = TestSigner(2, ledger_->verifier().name());
  Receipt forged = receipt_;
  forged.checkpoint = *SignCheckpoint(*cp, other);
  std::string path = WriteReceipt("forged.json", forged.ToJson());
  ProofRun run = RunProof({"receipt", "verify", path, "--key", pub_});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("checkpoint signature"), std::string::npos) << run.output;

  // The genuine receipt checked against a key that is not the log's.
  std::string genuine = WriteReceipt("genuine.json", receipt_.ToJson());
  std::string other_pub = dir_.Sub("other.pub");
  WriteText(other_pub, other.verifier().ToText() + "\n");
  run = RunProof({"receipt", "verify", genuine, "--key", other_pub});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("checkpoint signature"), std::string::npos) << run.output;
}

TEST_F(ReceiptCliTest, MalformedReceiptsAreRejectedAndUnusableInputsAreErrors) {
  std::string garbage = WriteReceipt("garbage.json", "{\"version\": 1");
  ProofRun run = RunProof({"receipt", "verify", garbage, "--key", pub_});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("receipt_malformed"), std::string::npos) << run.output;

  std::string v2 =
      WriteReceipt("v2.json", Edited([](Value& v) { *Field(v, "version") = Value::Int(2); }));
  run = RunProof({"receipt", "verify", v2, "--key", pub_});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("receipt_version_unsupported"), std::string::npos) << run.output;

  run = RunProof({"receipt", "verify", dir_.Sub("missing.json"), "--key", pub_});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  std::string bad_key = dir_.Sub("bad.pub");
  WriteText(bad_key, "not a key\n");
  run = RunProof({"receipt", "verify", garbage, "--key", bad_key});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("note_malformed"), std::string::npos) << run.output;
}

TEST(KeygenCliTest, WritesAUsableKeyPairAndNeverOverwrites) {
  TempDir dir;
  std::string key = dir.Sub("log.key");
  ProofRun run = RunProof({"keygen", "--name", "example.com/log", "--out", key});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(std::filesystem::status(key).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::string signer_text = ReadText(key);
  std::string verifier_text = ReadText(dir.Sub("log.pub"));
  ASSERT_FALSE(signer_text.empty());
  signer_text.pop_back();
  verifier_text.pop_back();
  Result<NoteSigner> signer = NoteSigner::Parse(signer_text);
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  EXPECT_EQ(signer->name(), "example.com/log");
  EXPECT_EQ(signer->verifier().ToText(), verifier_text);
  EXPECT_NE(run.output.find(verifier_text), std::string::npos) << run.output;

  run = RunProof({"keygen", "--name", "example.com/log", "--out", key});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(ReadText(key), signer_text + "\n");

  run = RunProof({"keygen", "--name", "has space", "--out", dir.Sub("x.key")});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("x.key")));
}

}  // namespace
}  // namespace tf::ledger::testing
