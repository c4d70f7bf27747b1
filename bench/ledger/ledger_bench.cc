// Ledger benchmarks (docs/PERFORMANCE.md, "Ledger"). Each figure has a baseline from the same run:
//
//   BM_SyncedStoreWrite        one synced RocksDB write of one entry's records: what a durable
//                              append costs without group commit (baseline for the next one)
//   BM_DurableAppend/N         N concurrent blocking writers appending through group commit
//   BM_DurableAppendAsync/N    one thread keeping N appends in flight (AppendAsync)
//                              (both report entries_per_commit and cpu_us_per_entry: process CPU,
//                              all threads, per appended entry)
//   BM_NodeHash                one RFC 9162 interior node hash (baseline for proofs)
//   BM_InclusionProof/L        inclusion proof generation in a log of TF_BENCH_PROOF_LEAVES
//                              (default 10,000,000) entries, tree levels >= L cached in memory
//   BM_Ed25519Verify           one Ed25519 signature check of a checkpoint (baseline)
//   BM_ReceiptVerify[Json]     full offline receipt verification, from a parsed receipt or text
//
// The large log is built once by a bulk load (AppendBatch of 8192 entries per commit into a store
// opened without per-write sync; the load is redone if interrupted) into TF_BENCH_LEDGER_DIR
// (default /tmp/tf-ledger-bench-<leaves>) and reused by later runs.
#include <benchmark/benchmark.h>
#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/random.h"
#include "core/value.h"
#include "ledger/checkpoint.h"
#include "ledger/ledger.h"
#include "ledger/merkle_hash.h"
#include "ledger/receipt.h"
#include "ledger/rocksdb_store.h"

namespace tf::ledger {
namespace {

constexpr size_t kBulkBatch = 8192;

NoteSigner BenchSigner() {
  SeededRandom random(7);
  return *NoteSigner::Generate("bench.example/log", random);
}

AppendRequest Request(uint64_t i) {
  AppendRequest r;
  r.tenant = "acme";
  r.kind = "decision";
  r.content_hash = HashLeaf("content " + std::to_string(i));
  r.metadata = Value::Object({{Value::String("i"), Value::Int(static_cast<int64_t>(i))}});
  return r;
}

std::string FreshDir(const std::string& name) {
  std::string tmpl = (std::filesystem::temp_directory_path() / (name + "-XXXXXX")).string();
  if (mkdtemp(tmpl.data()) == nullptr) std::abort();
  return tmpl;
}

// CPU time of the whole process (every thread: callers, the commit thread, RocksDB's), in ns.
int64_t ProcessCpuNanos() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

// Counters of an append benchmark: entries per group commit and the process CPU time per entry,
// which, unlike entries per second, hardly depends on how busy the shared machine is.
void ReportAppendCounters(benchmark::State& state, const Ledger& ledger, int64_t cpu_nanos) {
  const LedgerStats stats = ledger.Stats();
  const double entries = static_cast<double>(std::max<uint64_t>(1, stats.entries));
  state.SetItemsProcessed(static_cast<int64_t>(stats.entries));
  state.counters["entries_per_commit"] = static_cast<double>(stats.entries) /
                                         static_cast<double>(std::max<uint64_t>(1, stats.commits));
  state.counters["cpu_us_per_entry"] = static_cast<double>(cpu_nanos) / 1000.0 / entries;
}

// A ledger on a RocksDB store in its own directory, removed afterwards.
struct OpenLedger {
  explicit OpenLedger(const std::string& dir, bool sync = true, bool remove = true,
                      int cached_node_min_level = LedgerOptions().cached_node_min_level)
      : dir(dir), remove(remove) {
    RocksDbStoreOptions options;
    options.sync = sync;
    store = std::move(*RocksDbStore::Open(dir, options));
    LedgerOptions lo;
    lo.store = store.get();
    lo.clock = &clock;
    lo.signer = BenchSigner();
    lo.cached_node_min_level = cached_node_min_level;
    ledger = std::move(*Ledger::Open(std::move(lo)));
  }
  ~OpenLedger() {
    ledger.reset();
    store.reset();
    std::error_code ec;
    if (remove) std::filesystem::remove_all(dir, ec);
  }
  std::string dir;
  bool remove;
  SystemClock clock;
  std::unique_ptr<RocksDbStore> store;
  std::unique_ptr<Ledger> ledger;
};

void BM_SyncedStoreWrite(benchmark::State& state) {
  const std::string dir = FreshDir("tf-bench-store");
  {
    RocksDbStoreOptions options;
    std::unique_ptr<RocksDbStore> store = std::move(*RocksDbStore::Open(dir, options));
    Entry e;
    e.tenant = "acme";
    e.kind = "decision";
    e.metadata = Value::EmptyObject();
    uint64_t seq = 0;
    for (auto _ : state) {
      e.seq = seq;
      WriteBatch batch;
      std::string leaf = *e.LeafBytes();
      batch.PutNode(NodeId{0, seq}, HashLeaf(leaf));
      batch.PutEntry(seq, std::move(leaf));
      if (!store->Write(batch).ok()) state.SkipWithError("write failed");
      ++seq;
    }
    state.SetItemsProcessed(state.iterations());
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}
BENCHMARK(BM_SyncedStoreWrite)->UseRealTime()->MinTime(2.0);

// Each iteration: every writer appends kPerWriter entries, each blocking until durable.
void BM_DurableAppend(benchmark::State& state) {
  const int writers = static_cast<int>(state.range(0));
  const int per_writer = std::max(1, 4096 / writers);
  OpenLedger open(FreshDir("tf-bench-append"));
  std::atomic<uint64_t> next{0};
  std::atomic<bool> failed{false};
  const int64_t cpu_start = ProcessCpuNanos();
  for (auto _ : state) {
    std::vector<std::thread> threads;
    threads.reserve(writers);
    for (int w = 0; w < writers; ++w) {
      threads.emplace_back([&] {
        for (int i = 0; i < per_writer; ++i) {
          if (!open.ledger->Append(Request(next.fetch_add(1))).ok()) failed = true;
        }
      });
    }
    for (std::thread& t : threads)
      t.join();
  }
  if (failed) state.SkipWithError("an append failed");
  ReportAppendCounters(state, *open.ledger, ProcessCpuNanos() - cpu_start);
}
BENCHMARK(BM_DurableAppend)->Arg(1)->Arg(8)->Arg(64)->UseRealTime()->MinTime(3.0);

// One thread keeps `inflight` appends outstanding with AppendAsync: how a server's request
// handlers use the ledger, and what group commit sustains when batches can fill.
void BM_DurableAppendAsync(benchmark::State& state) {
  const int64_t inflight = state.range(0);
  constexpr int kPerIteration = 16384;
  OpenLedger open(FreshDir("tf-bench-async"));
  std::mutex mu;
  std::condition_variable cv;
  int64_t outstanding = 0;
  bool failed = false;
  uint64_t next = 0;
  const int64_t cpu_start = ProcessCpuNanos();
  for (auto _ : state) {
    for (int i = 0; i < kPerIteration; ++i) {
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return outstanding < inflight; });
        ++outstanding;
      }
      open.ledger->AppendAsync(Request(next++), [&](Result<Receipt> receipt) {
        std::lock_guard lock(mu);
        if (!receipt.ok()) failed = true;
        --outstanding;
        cv.notify_all();
      });
    }
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return outstanding == 0; });
  }
  if (failed) state.SkipWithError("an append failed");
  ReportAppendCounters(state, *open.ledger, ProcessCpuNanos() - cpu_start);
}
BENCHMARK(BM_DurableAppendAsync)->Arg(1024)->Arg(8192)->UseRealTime()->MinTime(3.0);

void BM_NodeHash(benchmark::State& state) {
  Hash left = HashLeaf("left");
  Hash right = HashLeaf("right");
  for (auto _ : state) {
    left = HashChildren(left, right);
    benchmark::DoNotOptimize(left);
  }
}
BENCHMARK(BM_NodeHash);

uint64_t ProofLeaves() {
  const char* env = std::getenv("TF_BENCH_PROOF_LEAVES");
  return env != nullptr ? std::stoull(env) : 10'000'000;
}

// The large log's directory, bulk-loaded unless an earlier run completed it.
std::string PrepareLargeLog() {
  const uint64_t leaves = ProofLeaves();
  const char* env = std::getenv("TF_BENCH_LEDGER_DIR");
  const std::string dir = env != nullptr ? env : "/tmp/tf-ledger-bench-" + std::to_string(leaves);
  const std::string done_marker = dir + "/.complete";
  if (std::filesystem::exists(done_marker)) return dir;
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::filesystem::create_directories(dir);
  OpenLedger load(dir, /*sync=*/false, /*remove=*/false);
  for (uint64_t done = 0; done < leaves;) {
    std::vector<AppendRequest> batch;
    const uint64_t n = std::min<uint64_t>(kBulkBatch, leaves - done);
    batch.reserve(n);
    for (uint64_t i = 0; i < n; ++i)
      batch.push_back(Request(done + i));
    if (!load.ledger->AppendBatch(std::move(batch)).ok()) std::abort();
    done += n;
  }
  FILE* marker = std::fopen(done_marker.c_str(), "w");
  if (marker != nullptr) std::fclose(marker);
  return dir;
}

// Argument: the lowest tree level kept in memory (the Ledger's default is 8; 4 keeps 16x more).
void BM_InclusionProof(benchmark::State& state) {
  OpenLedger large(PrepareLargeLog(), /*sync=*/true, /*remove=*/false,
                   static_cast<int>(state.range(0)));
  const TreeHead head = large.ledger->Head();
  SeededRandom random(11);
  for (auto _ : state) {
    const uint64_t leaf = random.NextU64() % head.size;
    Result<std::vector<Hash>> proof = large.ledger->InclusionProof(leaf, head.size);
    if (!proof.ok()) state.SkipWithError("proof failed");
    benchmark::DoNotOptimize(proof);
  }
  state.counters["tree_size"] = static_cast<double>(head.size);
}
BENCHMARK(BM_InclusionProof)->Arg(8)->Arg(4)->Unit(benchmark::kMicrosecond);

// A receipt from the large log (24 proof hashes at 10M entries), as a client would hold it.
struct ReceiptFixture {
  ReceiptFixture() {
    OpenLedger large(PrepareLargeLog(), /*sync=*/true, /*remove=*/false);
    receipt = *large.ledger->GetReceipt(large.ledger->Head().size / 3);
    json = receipt.ToJson();
    verifier = large.ledger->verifier();
    checkpoint = *OpenCheckpoint(receipt.checkpoint, verifier);
  }
  Receipt receipt;
  std::string json;
  NoteVerifier verifier;
  Checkpoint checkpoint;
};

const ReceiptFixture& Receipts() {
  static const ReceiptFixture fixture;
  return fixture;
}

void BM_Ed25519Verify(benchmark::State& state) {
  const ReceiptFixture& f = Receipts();
  // The exact signature check a receipt needs: the checkpoint note's one signature.
  Result<Checkpoint> cp = OpenCheckpoint(f.receipt.checkpoint, f.verifier);
  if (!cp.ok()) state.SkipWithError("checkpoint does not verify");
  const std::string body = cp->Body();
  const NoteSigner signer = BenchSigner();
  const std::string signature = signer.SignRaw(body);
  for (auto _ : state) {
    bool ok = f.verifier.Verify(body, signature);
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(BM_Ed25519Verify)->Unit(benchmark::kMicrosecond);

void BM_ReceiptVerify(benchmark::State& state) {
  const ReceiptFixture& f = Receipts();
  for (auto _ : state) {
    Result<VerifiedReceipt> ok = VerifyReceipt(f.receipt, f.verifier);
    if (!ok.ok()) state.SkipWithError("receipt does not verify");
    benchmark::DoNotOptimize(ok);
  }
  state.counters["proof_hashes"] = static_cast<double>(f.receipt.inclusion_proof.size());
}
BENCHMARK(BM_ReceiptVerify)->Unit(benchmark::kMicrosecond);

void BM_ReceiptVerifyJson(benchmark::State& state) {
  const ReceiptFixture& f = Receipts();
  for (auto _ : state) {
    Result<VerifiedReceipt> ok = VerifyReceiptJson(f.json, f.verifier);
    if (!ok.ok()) state.SkipWithError("receipt does not verify");
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(BM_ReceiptVerifyJson)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace tf::ledger

BENCHMARK_MAIN();
