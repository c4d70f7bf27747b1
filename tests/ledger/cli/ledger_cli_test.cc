// `proof ledger`, `proof evidence` and `proof merkle`, run as a user would, on a data directory
// created by `proof keygen` and `proof ledger append`.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/sha256.h"
#include "ledger/cli/proof_runner.h"
#include "ledger/entry.h"
#include "ledger/ledger_test_util.h"
#include "ledger/receipt.h"
#include "ledger/rocksdb_store.h"

namespace tf::ledger::testing {
namespace {

namespace fs = std::filesystem;

class LedgerCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.Sub("data");
    fs::create_directories(data_ + "/keys");
    ProofRun run =
        RunProof({"keygen", "--name", "cli.test/log", "--out", data_ + "/keys/checkpoint.key"});
    ASSERT_EQ(run.exit_code, 0) << run.output;
    pub_ = data_ + "/keys/checkpoint.pub";
  }

  // Appends an entry recording `content` and returns the receipt file.
  std::string Append(const std::string& tenant, const std::string& content, int n) {
    std::string content_file = dir_.Sub("content" + std::to_string(n));
    WriteText(content_file, content);
    std::string receipt = dir_.Sub("receipt" + std::to_string(n) + ".json");
    ProofRun run = RunProof({"ledger", "append", "--data", data_, "--tenant", tenant, "--kind",
                             "decision", "--content", content_file, "--metadata",
                             "{\"n\":" + std::to_string(n) + "}", "-o", receipt});
    EXPECT_EQ(run.exit_code, 0) << run.output;
    return receipt;
  }

  TempDir dir_;
  std::string data_;
  std::string pub_;
};

TEST_F(LedgerCliTest, AppendedReceiptsVerifyAndRecordTheContentHash) {
  std::vector<std::string> receipts;
  for (int i = 0; i < 5; ++i)
    receipts.push_back(Append("acme", "content " + std::to_string(i), i));
  for (const std::string& r : receipts) {
    ProofRun run = RunProof({"receipt", "verify", r, "--key", pub_});
    EXPECT_EQ(run.exit_code, 0) << run.output;
  }
  Result<Receipt> last = Receipt::FromJson(ReadText(receipts.back()));
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  EXPECT_EQ(last->leaf_index, 4u);
  EXPECT_EQ(last->entry.content_hash, Sha256("content 4"));
  EXPECT_EQ(ToJson(last->entry.metadata), "{\"n\":4}");

  // get: the receipt of an older entry against the newest head.
  std::string got = dir_.Sub("got.json");
  ProofRun run = RunProof({"ledger", "get", "--data", data_, "--leaf", "1", "-o", got});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  Result<Receipt> receipt = Receipt::FromJson(ReadText(got));
  ASSERT_TRUE(receipt.ok());
  EXPECT_EQ(receipt->entry.content_hash, Sha256("content 1"));
  run = RunProof({"receipt", "verify", got, "--key", pub_});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  run = RunProof({"ledger", "get", "--data", data_, "--leaf", "1", "--tenant", "other"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  run = RunProof({"ledger", "get", "--data", data_, "--leaf", "9"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
}

TEST_F(LedgerCliTest, CheckpointsAndProofsComeFromTheStore) {
  for (int i = 0; i < 7; ++i)
    Append("acme", "c" + std::to_string(i), i);
  ProofRun run = RunProof({"ledger", "checkpoint", "--data", data_});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.rfind("cli.test/log\n7\n", 0), 0u) << run.output;
  run = RunProof({"ledger", "checkpoint", "--data", data_, "--size", "3"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.rfind("cli.test/log\n3\n", 0), 0u) << run.output;

  run = RunProof({"ledger", "inclusion", "--data", data_, "--leaf", "2", "--size", "5"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  Result<Value> inclusion = ParseJson(run.output);
  ASSERT_TRUE(inclusion.ok()) << run.output;
  EXPECT_EQ(inclusion->Find("tree_size")->number().ToString(), "5");
  EXPECT_EQ(inclusion->Find("proof")->size(), 3u);

  run = RunProof({"ledger", "consistency", "--data", data_, "--from", "3"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  Result<Value> consistency = ParseJson(run.output);
  ASSERT_TRUE(consistency.ok()) << run.output;
  EXPECT_EQ(consistency->Find("size2")->number().ToString(), "7");
  EXPECT_FALSE(consistency->Find("proof")->array().empty());

  run = RunProof({"ledger", "inclusion", "--data", data_, "--leaf", "2", "--size", "99"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("tree_size_out_of_range"), std::string::npos) << run.output;
}

TEST_F(LedgerCliTest, VerifyAuditsTheLogAndNamesTheFirstBadEntry) {
  for (int i = 0; i < 6; ++i)
    Append("acme", "c" + std::to_string(i), i);
  ProofRun run = RunProof({"ledger", "verify", "--data", data_, "--key", pub_});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("tree size 6"), std::string::npos) << run.output;

  // Another key is not the log's.
  ProofRun other = RunProof({"keygen", "--name", "cli.test/log", "--out", dir_.Sub("other.key")});
  ASSERT_EQ(other.exit_code, 0) << other.output;
  run = RunProof({"ledger", "verify", "--data", data_, "--key", dir_.Sub("other.pub")});
  EXPECT_EQ(run.exit_code, 1) << run.output;

  // One byte of one stored entry changed behind the ledger's back.
  {
    Result<std::unique_ptr<RocksDbStore>> store = RocksDbStore::Open(data_ + "/ledger", {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Result<std::string> leaf = (*store)->ReadEntry(3);
    ASSERT_TRUE(leaf.ok());
    std::string tampered = *leaf;
    size_t at = tampered.find("\"acme\"");
    ASSERT_NE(at, std::string::npos);
    tampered[at + 1] = 'b';
    WriteBatch batch;
    batch.PutEntry(3, tampered);
    ASSERT_TRUE((*store)->Write(batch).ok());
  }
  run = RunProof({"ledger", "verify", "--data", data_, "--key", pub_});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("first bad entry: 3"), std::string::npos) << run.output;

  run = RunProof({"ledger", "verify", "--data", dir_.Sub("nowhere")});
  EXPECT_EQ(run.exit_code, 2) << run.output;
}

TEST_F(LedgerCliTest, AppendRefusesBadInputWithoutTouchingTheLog) {
  Append("acme", "first", 0);
  ProofRun run = RunProof({"ledger", "append", "--data", data_, "--tenant", "bad tenant", "--kind",
                           "decision", "--content-hash", std::string(64, 'a')});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("entry_invalid"), std::string::npos) << run.output;
  run = RunProof({"ledger", "append", "--data", data_, "--tenant", "acme", "--kind", "decision",
                  "--content-hash", "xyz"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  run = RunProof({"ledger", "append", "--data", data_, "--tenant", "acme", "--kind", "decision",
                  "--content-hash", std::string(64, 'a'), "--metadata", "[1]"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  run = RunProof({"ledger", "append", "--data", data_, "--tenant", "acme", "--kind", "decision",
                  "--content-hash", std::string(64, 'a'), "--key", dir_.Sub("missing.key")});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  run = RunProof({"ledger", "checkpoint", "--data", data_});
  EXPECT_EQ(run.output.rfind("cli.test/log\n1\n", 0), 0u) << run.output;
}

TEST_F(LedgerCliTest, EvidenceLifecycleFromPutToPurgeKeepsTheReceiptVerifiable) {
  std::string file = dir_.Sub("evidence.pdf");
  WriteText(file, "audit report");
  const std::string hash = DigestHex(Sha256("audit report"));
  std::string put_receipt = dir_.Sub("put.json");
  ProofRun run =
      RunProof({"evidence", "put", "--data", data_, "--tenant", "acme", "--actor", "alice", file});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  size_t json_start = run.output.find('{');
  ASSERT_NE(json_start, std::string::npos) << run.output;
  WriteText(put_receipt, run.output.substr(json_start));

  run = RunProof({"evidence", "get", "--data", data_, "--tenant", "acme", "--hash", hash});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output, "audit report");
  run = RunProof({"evidence", "get", "--data", data_, "--tenant", "other", "--hash", hash});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("evidence_not_found"), std::string::npos) << run.output;

  // A compliance lock cannot be removed, even with the bypass permission.
  run = RunProof({"evidence", "lock", "--data", data_, "--tenant", "acme", "--hash", hash,
                  "--actor", "alice", "--mode", "compliance", "--until", "2200-01-01T00:00:00Z"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  run = RunProof({"evidence", "lock", "--data", data_, "--tenant", "acme", "--hash", hash,
                  "--actor", "root", "--remove", "--bypass-governance"});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("retention_shorten_denied"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("alice"), std::string::npos) << run.output;

  // A legal hold is recorded beside the lock; purging is refused while the lock is in force.
  run = RunProof({"evidence", "hold", "--data", data_, "--tenant", "acme", "--hash", hash,
                  "--actor", "counsel", "--id", "case-7", "--reason", "litigation"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  run = RunProof({"evidence", "purge", "--data", data_, "--tenant", "acme", "--hash", hash,
                  "--actor", "bob", "--reason", "cleanup"});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("retention_active"), std::string::npos) << run.output;

  run = RunProof({"evidence", "show", "--data", data_, "--tenant", "acme", "--hash", hash});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("case-7"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("compliance"), std::string::npos) << run.output;

  run = RunProof({"receipt", "verify", put_receipt, "--key", pub_});
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST_F(LedgerCliTest, TwoApproversPurgeTheContentAndTheLeafStays) {
  std::string file = dir_.Sub("old.txt");
  WriteText(file, "expired evidence");
  const std::string hash = DigestHex(Sha256("expired evidence"));
  std::string put_receipt = dir_.Sub("put.json");
  ProofRun run =
      RunProof({"evidence", "put", "--data", data_, "--tenant", "acme", "--actor", "alice", file});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  WriteText(put_receipt, run.output.substr(run.output.find('{')));

  auto purge = [&](const std::string& actor, bool approve) {
    std::vector<std::string> args = {"evidence", "purge", "--data",   data_,
                                     "--tenant", "acme",  "--hash",   hash,
                                     "--actor",  actor,   "--reason", "retention period over"};
    if (approve) args.push_back("--approve");
    return RunProof(args);
  };
  run = purge("alice", /*approve=*/true);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  run = purge("alice", /*approve=*/true);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("duplicate_approval"), std::string::npos) << run.output;
  run = purge("carol", /*approve=*/false);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("purge_approvals_insufficient"), std::string::npos) << run.output;
  run = purge("bob", /*approve=*/true);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  run = purge("carol", /*approve=*/false);
  ASSERT_EQ(run.exit_code, 0) << run.output;

  run = RunProof({"evidence", "get", "--data", data_, "--tenant", "acme", "--hash", hash});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("evidence_purged"), std::string::npos) << run.output;
  run = RunProof({"receipt", "verify", put_receipt, "--key", pub_});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  run = RunProof({"ledger", "verify", "--data", data_, "--key", pub_});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  // put, two approvals, the purge attestation.
  EXPECT_NE(run.output.find("tree size 4"), std::string::npos) << run.output;
}

std::vector<std::string> VectorFiles(const std::string& sub) {
  std::vector<std::string> files;
  const fs::path root = fs::path(TF_SHARED_DIR) / "vectors" / "merkle" / sub;
  if (!fs::exists(root)) return files;
  for (const auto& file : fs::recursive_directory_iterator(root)) {
    if (file.is_regular_file() && file.path().extension() == ".json") {
      files.push_back(file.path().string());
    }
  }
  return files;
}

TEST(MerkleCliTest, EverySharedVectorGivesTheOutcomeItsWantErrAsksFor) {
  std::vector<std::string> inclusion = VectorFiles("inclusion");
  std::vector<std::string> consistency = VectorFiles("consistency");
  if (inclusion.empty() && consistency.empty()) GTEST_SKIP() << "no ../shared/vectors/merkle";
  EXPECT_EQ(inclusion.size() + consistency.size(), 196u);
  for (auto [verb, files] :
       {std::pair{"verify-inclusion", inclusion}, std::pair{"verify-consistency", consistency}}) {
    std::vector<std::string> args = {"merkle", verb};
    args.insert(args.end(), files.begin(), files.end());
    ProofRun run = RunProof(args);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("all " + std::to_string(files.size()) + " outcomes match wantErr"),
              std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find(": ok\n"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find(": rejected: "), std::string::npos) << run.output;
  }
}

TEST(MerkleCliTest, AnOutcomeThatContradictsWantErrFailsTheRun) {
  std::vector<std::string> inclusion = VectorFiles("inclusion");
  if (inclusion.empty()) GTEST_SKIP() << "no ../shared/vectors/merkle";
  // A vector whose proof is accepted, relabelled as one that must be rejected.
  TempDir dir;
  std::string flipped;
  for (const std::string& file : inclusion) {
    Result<Value> v = ParseJson(ReadText(file));
    ASSERT_TRUE(v.ok());
    const Value* want = v->Find("wantErr");
    if (want == nullptr || !want->is_bool() || want->bool_value()) continue;
    std::string text = ReadText(file);
    size_t at = text.find("\"wantErr\": false");
    if (at == std::string::npos) continue;
    text.replace(at, 16, "\"wantErr\": true");
    flipped = dir.Sub("flipped.json");
    WriteText(flipped, text);
    break;
  }
  ASSERT_FALSE(flipped.empty());
  ProofRun run = RunProof({"merkle", "verify-inclusion", inclusion.front(), flipped});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("MISMATCH"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("1 of 2 outcomes do not match wantErr"), std::string::npos)
      << run.output;

  std::string not_a_vector = dir.Sub("junk.json");
  WriteText(not_a_vector, "[]");
  run = RunProof({"merkle", "verify-inclusion", not_a_vector});
  EXPECT_EQ(run.exit_code, 2) << run.output;
}

}  // namespace
}  // namespace tf::ledger::testing
