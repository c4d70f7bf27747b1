#include "ledger/memory_store.h"

#include <mutex>

namespace tf::ledger {
namespace {

Status MissingNode(const NodeId& id) {
  return Status(ErrorCode::kLedgerCorrupt, "node (level " + std::to_string(id.level) + ", index " +
                                               std::to_string(id.index) + ") is missing");
}

}  // namespace

Status MemoryStore::Write(const WriteBatch& batch) {
  std::unique_lock lock(mu_);
  if (batch.expected_tree_size()) {
    const uint64_t current = checkpoints_.empty() ? 0 : checkpoints_.rbegin()->first;
    if (current != *batch.expected_tree_size()) {
      return Status(ErrorCode::kLedgerConflict, "tree size is " + std::to_string(current) +
                                                    ", batch expected " +
                                                    std::to_string(*batch.expected_tree_size()));
    }
  }
  for (size_t i = 0; i < batch.entry_count(); ++i) {
    const WriteBatch::EntryPut e = batch.entry(i);
    entries_[e.seq] = std::string(e.leaf_bytes);
  }
  for (const auto& [id, hash] : batch.nodes())
    nodes_[id] = hash;
  for (const auto& [size, note] : batch.checkpoints())
    checkpoints_[size] = note;
  for (const EvidenceKey& key : batch.blob_deletes())
    blobs_.erase({key.tenant, key.content_hash});
  for (const auto& put : batch.blob_puts())
    blobs_[{put.key.tenant, put.key.content_hash}] = put.content;
  for (const auto& put : batch.item_puts())
    items_[{put.key.tenant, put.key.content_hash}] = put.state;
  for (const auto& [key, value] : batch.meta())
    meta_[key] = value;
  return Status::Ok();
}

Status MemoryStore::ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) {
  std::shared_lock lock(mu_);
  for (size_t i = 0; i < ids.size(); ++i) {
    auto it = nodes_.find(ids[i]);
    if (it == nodes_.end()) return MissingNode(ids[i]);
    out[i] = it->second;
  }
  return Status::Ok();
}

Result<std::string> MemoryStore::ReadEntry(uint64_t seq) {
  std::shared_lock lock(mu_);
  auto it = entries_.find(seq);
  if (it == entries_.end()) return NotFound("entry " + std::to_string(seq) + " not found");
  return it->second;
}

Status MemoryStore::ScanEntries(uint64_t begin, uint64_t end, const EntryVisitor& visit) {
  // Copy out under the lock, visit outside it, so a visitor may call back into the store.
  std::vector<std::pair<uint64_t, std::string>> chunk;
  {
    std::shared_lock lock(mu_);
    for (auto it = entries_.lower_bound(begin); it != entries_.end() && it->first < end; ++it) {
      chunk.emplace_back(it->first, it->second);
    }
  }
  for (const auto& [seq, bytes] : chunk)
    TF_RETURN_IF_ERROR(visit(seq, bytes));
  return Status::Ok();
}

Result<std::optional<std::string>> MemoryStore::ReadCheckpoint(uint64_t tree_size) {
  std::shared_lock lock(mu_);
  auto it = checkpoints_.find(tree_size);
  if (it == checkpoints_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

Result<std::optional<std::pair<uint64_t, std::string>>> MemoryStore::ReadLatestCheckpoint() {
  std::shared_lock lock(mu_);
  if (checkpoints_.empty()) return std::optional<std::pair<uint64_t, std::string>>();
  return std::optional<std::pair<uint64_t, std::string>>(*checkpoints_.rbegin());
}

Status MemoryStore::ScanCheckpoints(const CheckpointVisitor& visit) {
  std::vector<std::pair<uint64_t, std::string>> all;
  {
    std::shared_lock lock(mu_);
    all.assign(checkpoints_.begin(), checkpoints_.end());
  }
  for (const auto& [size, note] : all)
    TF_RETURN_IF_ERROR(visit(size, note));
  return Status::Ok();
}

Result<std::optional<std::string>> MemoryStore::ReadBlob(const EvidenceKey& key) {
  std::shared_lock lock(mu_);
  auto it = blobs_.find({key.tenant, key.content_hash});
  if (it == blobs_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

Result<std::optional<std::string>> MemoryStore::ReadItem(const EvidenceKey& key) {
  std::shared_lock lock(mu_);
  auto it = items_.find({key.tenant, key.content_hash});
  if (it == items_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

Status MemoryStore::ScanItems(std::string_view tenant, const ItemVisitor& visit) {
  std::vector<std::pair<Hash, std::string>> found;
  {
    std::shared_lock lock(mu_);
    for (auto it = items_.lower_bound({std::string(tenant), Hash{}});
         it != items_.end() && it->first.first == tenant; ++it) {
      found.emplace_back(it->first.second, it->second);
    }
  }
  for (const auto& [hash, state] : found)
    TF_RETURN_IF_ERROR(visit(hash, state));
  return Status::Ok();
}

Result<std::optional<std::string>> MemoryStore::ReadMeta(std::string_view key) {
  std::shared_lock lock(mu_);
  auto it = meta_.find(key);
  if (it == meta_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

}  // namespace tf::ledger
