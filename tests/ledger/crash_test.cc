// Crash safety: a child process appends with several writers and reports each acknowledged
// receipt to the parent over a pipe; the parent SIGKILLs it at a random moment, reopens the
// store and checks that nothing acknowledged was lost and that the log still extends every
// checkpoint it issued. Repeated on one store, so later rounds also crash a log with history.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/random.h"
#include "ledger/audit.h"
#include "ledger/checkpoint.h"
#include "ledger/ledger.h"
#include "ledger/ledger_test_util.h"
#include "ledger/proof_verify.h"
#include "ledger/rocksdb_store.h"

namespace tf::ledger::testing {
namespace {

constexpr int kRounds = 20;
constexpr int kWritersPerChild = 4;
constexpr int kMaxKillDelayMillis = 400;

// Runs in the forked child: appends until killed, writing one receipt per line to `fd` once the
// append has returned (that is the acknowledgement the test holds the log to).
[[noreturn]] void WriterChild(const std::string& dir, int fd, int round) {
  SystemClock clock;
  Result<std::unique_ptr<RocksDbStore>> store = RocksDbStore::Open(dir, {});
  if (!store.ok()) _exit(3);
  LedgerOptions options;
  options.store = store->get();
  options.clock = &clock;
  options.signer = TestSigner();
  Result<std::unique_ptr<Ledger>> ledger = Ledger::Open(std::move(options));
  if (!ledger.ok()) _exit(4);
  std::mutex pipe_mu;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWritersPerChild; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0;; ++i) {
        Result<Receipt> receipt =
            (*ledger)->Append(Request("t" + std::to_string(w), round * 1'000'000 + i));
        if (!receipt.ok()) _exit(5);
        std::string line = receipt->ToJson() + "\n";
        std::lock_guard lock(pipe_mu);
        for (size_t off = 0; off < line.size();) {
          ssize_t n = ::write(fd, line.data() + off, line.size() - off);
          if (n <= 0) _exit(6);
          off += static_cast<size_t>(n);
        }
      }
    });
  }
  // Killed long before this; a bound so a stuck parent never leaves a writer behind.
  std::this_thread::sleep_for(std::chrono::seconds(60));
  _exit(7);
}

// The complete lines the child wrote before it died.
std::vector<Receipt> ReadAcknowledged(int fd) {
  std::string data;
  char buffer[65536];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
    data.append(buffer, static_cast<size_t>(n));
  std::vector<Receipt> out;
  size_t start = 0;
  for (size_t end = data.find('\n'); end != std::string::npos; end = data.find('\n', start)) {
    Result<Receipt> receipt = Receipt::FromJson(std::string_view(data).substr(start, end - start));
    EXPECT_TRUE(receipt.ok()) << receipt.status().ToString();
    if (receipt.ok()) out.push_back(std::move(*receipt));
    start = end + 1;
  }
  return out;
}

TEST(CrashTest, AcknowledgedAppendsSurviveSigkillAndTheLogExtendsEveryCheckpoint) {
  TempDir dir;
  const std::string store_dir = dir.Sub("ledger");
  const NoteVerifier verifier = TestSigner().verifier();
  SeededRandom random(20261121);
  // Every checkpoint any acknowledged receipt carried, by tree size.
  std::map<uint64_t, Checkpoint> issued;
  size_t acknowledged_total = 0;
  for (int round = 0; round < kRounds; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      WriterChild(store_dir, fds[1], round);
    }
    ::close(fds[1]);
    // Rounds alternate between killing early (often during open or the first commit) and late.
    const int delay = static_cast<int>(random.NextU64() % kMaxKillDelayMillis);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status))
        << "writer child exited with " << WEXITSTATUS(status) << " in round " << round;
    std::vector<Receipt> acknowledged = ReadAcknowledged(fds[0]);
    ::close(fds[0]);
    acknowledged_total += acknowledged.size();

    // Reopen as a restarted writer would (this also creates the log if the child died before
    // creating it; creation is one atomic batch), then audit everything stored.
    SystemClock clock;
    Result<std::unique_ptr<RocksDbStore>> store = RocksDbStore::Open(store_dir, {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    LedgerOptions options;
    options.store = store->get();
    options.clock = &clock;
    options.signer = TestSigner();
    Result<std::unique_ptr<Ledger>> ledger = Ledger::Open(std::move(options));
    ASSERT_TRUE(ledger.ok()) << "round " << round << ": " << ledger.status().ToString();
    Result<AuditReport> audit = AuditLog(**store, {.trusted_key = verifier});
    ASSERT_TRUE(audit.ok()) << audit.status().ToString();
    ASSERT_TRUE(audit->status.ok()) << "round " << round << ": " << audit->status.ToString();
    const TreeHead head = (*ledger)->Head();

    for (const Receipt& receipt : acknowledged) {
      Result<VerifiedReceipt> verified = VerifyReceipt(receipt, verifier);
      ASSERT_TRUE(verified.ok()) << verified.status().ToString();
      issued.emplace(verified->checkpoint.size, verified->checkpoint);
      // Still in the log, unchanged, and provably under today's head.
      ASSERT_LT(receipt.leaf_index, head.size) << "round " << round << ": acknowledged entry lost";
      Result<Entry> stored = (*ledger)->GetEntry(receipt.leaf_index);
      ASSERT_TRUE(stored.ok()) << stored.status().ToString();
      EXPECT_EQ(*stored->LeafBytes(), *receipt.entry.LeafBytes());
      Result<std::vector<Hash>> proof = (*ledger)->InclusionProof(receipt.leaf_index, head.size);
      ASSERT_TRUE(proof.ok());
      EXPECT_TRUE(
          VerifyInclusion(receipt.leaf_index, head.size, verified->leaf_hash, *proof, head.root)
              .ok());
    }
    for (const auto& [size, checkpoint] : issued) {
      ASSERT_LE(size, head.size) << "round " << round << ": the head went back before a checkpoint";
      Result<std::vector<Hash>> proof = (*ledger)->ConsistencyProof(size, head.size);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      if (size > 0) {
        EXPECT_TRUE(VerifyConsistency(size, head.size, checkpoint.root, head.root, *proof).ok())
            << "round " << round << ": the log does not extend the checkpoint of size " << size;
      }
    }
  }
  RecordProperty("acknowledged", static_cast<int>(acknowledged_total));
  RecordProperty("checkpoints", static_cast<int>(issued.size()));
  // The kills must have landed while appends were happening, or the test shows nothing.
  EXPECT_GT(acknowledged_total, 0u);
  EXPECT_GT(issued.size(), 1u);
}

}  // namespace
}  // namespace tf::ledger::testing
