// File: ledger/memory_store.h
//
// `MemoryStore`: a Store held in process memory, for tests and tools that need a throwaway log.
// Nothing survives the process. Thread-safe: writers take an exclusive lock, readers a shared
// one, so a reader sees each batch whole or not at all.
#ifndef TF_LEDGER_MEMORY_STORE_H_
#define TF_LEDGER_MEMORY_STORE_H_

#include <map>
#include <shared_mutex>
#include <string>

#include "ledger/store.h"

namespace tf::ledger {

class MemoryStore final : public Store {
 public:
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
  using ItemKey = std::pair<std::string, Hash>;

  mutable std::shared_mutex mu_;
  std::map<uint64_t, std::string> entries_;
  std::map<NodeId, Hash> nodes_;
  std::map<uint64_t, std::string> checkpoints_;
  std::map<ItemKey, std::string> blobs_;
  std::map<ItemKey, std::string> items_;
  std::map<std::string, std::string, std::less<>> meta_;
};

}  // namespace tf::ledger

#endif  // TF_LEDGER_MEMORY_STORE_H_
