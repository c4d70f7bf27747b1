// File: ledger/rocksdb_store.h
//
// `RocksDbStore`: the embedded default Store, one RocksDB database in a directory, one column
// family per record kind (see store.h and docs/LEDGER.md for the layout). Every Write is one
// RocksDB WriteBatch written with sync=true, so it is on stable storage when Write returns and
// a crash keeps it entirely or not at all (RocksDB's write-ahead log is replayed on open).
// RocksDB's LOCK file keeps a second process from opening the same directory.
//
//   TF_ASSIGN_OR_RETURN(std::unique_ptr<RocksDbStore> store, RocksDbStore::Open(dir, {}));
#ifndef TF_LEDGER_ROCKSDB_STORE_H_
#define TF_LEDGER_ROCKSDB_STORE_H_

#include <memory>
#include <string>

#include "ledger/store.h"

namespace tf::ledger {

struct RocksDbStoreOptions {
  // Create the database when the directory holds none.
  bool create_if_missing = true;
  // fsync the write-ahead log on every Write. Turn off only for bulk loads that can be redone.
  bool sync = true;
  // Block cache of the compressed column families (entries, leaf groups, evidence content, item
  // states). The others are read straight from the mapped table files (proofs, checkpoints).
  size_t block_cache_bytes = size_t{256} << 20;
};

class RocksDbStore final : public Store {
 public:
  static Result<std::unique_ptr<RocksDbStore>> Open(const std::string& path,
                                                    const RocksDbStoreOptions& options);
  ~RocksDbStore() override;

  Status Write(const WriteBatch& batch) override;
  Status ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) override;
  Result<std::string> ReadEntry(uint64_t seq) override;
  Status ScanEntries(uint64_t begin, uint64_t end, const EntryVisitor& visit) override;
  Result<std::optional<std::string>> ReadCheckpoint(uint64_t tree_size) override;
  Result<std::optional<std::pair<uint64_t, std::string>>> ReadLatestCheckpoint() override;
  Status ScanCheckpoints(const CheckpointVisitor& visit) override;
  Result<std::optional<std::string>> ReadBlob(const EvidenceKey& key) override;
  Result<std::optional<std::string>> ReadItem(const EvidenceKey& key) override;
  Status ScanItems(std::string_view tenant, const ItemVisitor& visit) override;
  Result<std::optional<std::string>> ReadMeta(std::string_view key) override;

 private:
  struct Impl;
  explicit RocksDbStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tf::ledger

#endif  // TF_LEDGER_ROCKSDB_STORE_H_
