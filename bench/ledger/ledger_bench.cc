// Ledger benchmarks (docs/PERFORMANCE.md, "Ledger"). Each figure has a baseline from the same run:
//
//   BM_SyncedStoreWrite        one synced RocksDB write of one entry's records: what a durable
//                              append costs without group commit (baseline for the next one)
//   BM_DurableAppend/W         W concurrent writer threads, each appending one entry at a time and
//                              blocking until it is durable (Append)
//   BM_DurableAppendAsync/W/N  W writer threads, each keeping N appends in flight (AppendAsync,
//                              as Tessera's Add returns a future); each append is acknowledged
//                              only after its group's synced write
//                              (both report entries_per_commit and cpu_us_per_entry: process CPU,
//                              all threads, per appended entry; both check that the last receipt
//                              of every writer verifies)
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
#include <optional>
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

// The last receipt of each writer must verify offline against the log's key: appends are only
// counted if what they acknowledged is a receipt a client can check.
void CheckReceipts(benchmark::State& state, const Ledger& ledger,
                   const std::vector<std::optional<Receipt>>& receipts) {
  for (const std::optional<Receipt>& r : receipts) {
    if (!r || !VerifyReceipt(*r, ledger.verifier()).ok()) {
      state.SkipWithError("a receipt is missing or does not verify");
      return;
    }
  }
}

// Each iteration: every writer appends 4096 / W entries, each blocking until durable.
void BM_DurableAppend(benchmark::State& state) {
  const int writers = static_cast<int>(state.range(0));
  const int per_writer = std::max(1, 4096 / writers);
  OpenLedger open(FreshDir("tf-bench-append"));
  std::atomic<uint64_t> next{0};
  std::atomic<bool> failed{false};
  std::vector<std::optional<Receipt>> last(writers);
  const int64_t cpu_start = ProcessCpuNanos();
  for (auto _ : state) {
    std::vector<std::thread> threads;
    threads.reserve(writers);
    for (int w = 0; w < writers; ++w) {
      threads.emplace_back([&, w] {
        for (int i = 0; i < per_writer; ++i) {
          Result<Receipt> receipt = open.ledger->Append(Request(next.fetch_add(1)));
          if (!receipt.ok()) {
            failed = true;
          } else if (i + 1 == per_writer) {
            last[w] = std::move(*receipt);
          }
        }
      });
    }
    for (std::thread& t : threads)
      t.join();
  }
  const int64_t cpu_nanos = ProcessCpuNanos() - cpu_start;
  if (failed) state.SkipWithError("an append failed");
  CheckReceipts(state, *open.ledger, last);
  ReportAppendCounters(state, *open.ledger, cpu_nanos);
}
BENCHMARK(BM_DurableAppend)->Arg(1)->Arg(8)->Arg(64)->UseRealTime()->MinTime(3.0);

// One writer thread of BM_DurableAppendAsync: at most `window` appends outstanding; it sleeps
// while the window is full and is woken by the completion that frees a slot.
struct AsyncWriter {
  std::mutex mu;
  std::condition_variable cv;
  int64_t outstanding = 0;
  bool waiting = false;
  bool failed = false;
  std::optional<Receipt> last;
};

void RunAsyncWriter(Ledger& ledger, AsyncWriter& writer, int64_t window, int64_t count,
                    std::atomic<uint64_t>& next) {
  for (int64_t i = 0; i < count; ++i) {
    {
      std::unique_lock lock(writer.mu);
      writer.waiting = true;
      writer.cv.wait(lock, [&] { return writer.outstanding < window; });
      writer.waiting = false;
      ++writer.outstanding;
    }
    ledger.AppendAsync(Request(next.fetch_add(1)), [&writer](Result<Receipt> receipt) {
      std::lock_guard lock(writer.mu);
      if (receipt.ok()) {
        writer.last = std::move(*receipt);
      } else {
        writer.failed = true;
      }
      --writer.outstanding;
      if (writer.waiting) writer.cv.notify_one();
    });
  }
  std::unique_lock lock(writer.mu);
  writer.waiting = true;
  writer.cv.wait(lock, [&] { return writer.outstanding == 0; });
  writer.waiting = false;
}

// W writer threads each keep N appends in flight with AppendAsync: how a server's request
// handlers use the ledger, and what group commit sustains when batches can fill. An iteration
// appends at least 8 windows per writer, so draining the windows at its end costs little.
void BM_DurableAppendAsync(benchmark::State& state) {
  const int writers = static_cast<int>(state.range(0));
  const int64_t window = state.range(1);
  const int64_t per_writer = std::max<int64_t>(16384 / writers, 8 * window);
  OpenLedger open(FreshDir("tf-bench-async"));
  std::atomic<uint64_t> next{0};
  std::vector<AsyncWriter> writer_state(writers);
  const int64_t cpu_start = ProcessCpuNanos();
  for (auto _ : state) {
    std::vector<std::thread> threads;
    threads.reserve(writers);
    for (AsyncWriter& w : writer_state) {
      threads.emplace_back([&] { RunAsyncWriter(*open.ledger, w, window, per_writer, next); });
    }
    for (std::thread& t : threads)
      t.join();
  }
  const int64_t cpu_nanos = ProcessCpuNanos() - cpu_start;
  std::vector<std::optional<Receipt>> last;
  for (AsyncWriter& w : writer_state) {
    if (w.failed) state.SkipWithError("an append failed");
    last.push_back(std::move(w.last));
  }
  CheckReceipts(state, *open.ledger, last);
  ReportAppendCounters(state, *open.ledger, cpu_nanos);
}
BENCHMARK(BM_DurableAppendAsync)
    ->Args({1, 1024})
    ->Args({1, 8192})
    ->Args({8, 1024})
    ->Args({64, 128})
    ->UseRealTime()
    ->MinTime(3.0);

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
