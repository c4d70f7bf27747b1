// File: ledger/store.h
//
// `Store`: the storage interface under the ledger. A store holds five kinds of record:
//
//   entries      seq -> leaf bytes (canonical JSON), written once
//   nodes        (level, index) -> hash of a complete subtree, written once
//   checkpoints  tree size -> signed checkpoint note; the largest is the current tree head
//   blobs        (tenant, content hash) -> content; deleted only by a purge
//   items        (tenant, content hash) -> WORM state of an evidence item (worm/item_state.h)
//   meta         small named values (the log's origin and public key)
//
// Every change goes through `Write`, which applies a `WriteBatch` atomically and durably: after
// a crash either all of a batch is present or none of it. That is the whole crash model of the
// ledger: one batch = entries + their nodes + the checkpoint that covers them.
//
// Implementations: MemoryStore (tests, tools), RocksDbStore (embedded default). They pass the
// same test suite (tests/ledger/store_test.cc). Thread safety: all methods may be called
// concurrently; a reader sees each batch entirely or not at all.
#ifndef TF_LEDGER_STORE_H_
#define TF_LEDGER_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "ledger/merkle_hash.h"
#include "ledger/node_id.h"

namespace tf::ledger {

// Identifies one evidence item: content is addressed per tenant, so two tenants storing the same
// bytes hold two items, and one tenant's purge never removes another's content.
struct EvidenceKey {
  std::string tenant;
  Hash content_hash{};
};

// One atomic unit of change. Cheap to move; not thread-safe.
class WriteBatch {
 public:
  struct BlobPut {
    EvidenceKey key;
    std::string content;
  };
  struct ItemPut {
    EvidenceKey key;
    std::string state;
  };

  // An entry's leaf bytes. The batch keeps all of them in one buffer: a group commit of
  // thousands of entries costs no allocation per entry.
  struct EntryPut {
    uint64_t seq = 0;
    std::string_view leaf_bytes;  // Valid while the batch lives and is not changed.
  };

  void PutEntry(uint64_t seq, std::string_view leaf_bytes) {
    entries_.push_back({seq, entry_bytes_.size(), leaf_bytes.size()});
    entry_bytes_.append(leaf_bytes);
  }
  void PutNode(NodeId id, const Hash& hash) { nodes_.emplace_back(id, hash); }
  void PutCheckpoint(uint64_t tree_size, std::string signed_note) {
    checkpoints_.emplace_back(tree_size, std::move(signed_note));
  }
  void PutBlob(EvidenceKey key, std::string content) {
    blob_puts_.push_back({std::move(key), std::move(content)});
  }
  void DeleteBlob(EvidenceKey key) { blob_deletes_.push_back(std::move(key)); }
  void PutItem(EvidenceKey key, std::string state) {
    item_puts_.push_back({std::move(key), std::move(state)});
  }
  void PutMeta(std::string key, std::string value) {
    meta_.emplace_back(std::move(key), std::move(value));
  }
  // Makes the batch conditional: Write applies it only if the store's current tree size (the
  // largest checkpoint's size, 0 for a new store) equals `size`, else fails with
  // kLedgerConflict. This is what lets several writers share one store safely.
  void ExpectTreeSize(uint64_t size) { expected_tree_size_ = size; }

  // Room for `entries` entries of about `leaf_bytes` bytes in all and `nodes` nodes.
  void Reserve(size_t entries, size_t leaf_bytes, size_t nodes);
  // Appends every mutation of `other`, in order.
  void Append(WriteBatch&& other);
  bool empty() const;

  size_t entry_count() const { return entries_.size(); }
  EntryPut entry(size_t i) const {
    const EntryRecord& r = entries_[i];
    return {r.seq, std::string_view(entry_bytes_).substr(r.offset, r.size)};
  }
  const std::vector<std::pair<NodeId, Hash>>& nodes() const { return nodes_; }
  const std::vector<std::pair<uint64_t, std::string>>& checkpoints() const { return checkpoints_; }
  const std::vector<BlobPut>& blob_puts() const { return blob_puts_; }
  const std::vector<EvidenceKey>& blob_deletes() const { return blob_deletes_; }
  const std::vector<ItemPut>& item_puts() const { return item_puts_; }
  const std::vector<std::pair<std::string, std::string>>& meta() const { return meta_; }
  const std::optional<uint64_t>& expected_tree_size() const { return expected_tree_size_; }

 private:
  struct EntryRecord {
    uint64_t seq = 0;
    size_t offset = 0;  // In entry_bytes_.
    size_t size = 0;
  };
  std::vector<EntryRecord> entries_;
  std::string entry_bytes_;
  std::vector<std::pair<NodeId, Hash>> nodes_;
  std::vector<std::pair<uint64_t, std::string>> checkpoints_;
  std::vector<BlobPut> blob_puts_;
  std::vector<EvidenceKey> blob_deletes_;
  std::vector<ItemPut> item_puts_;
  std::vector<std::pair<std::string, std::string>> meta_;
  std::optional<uint64_t> expected_tree_size_;
};

class Store {
 public:
  using EntryVisitor = std::function<Status(uint64_t seq, std::string_view leaf_bytes)>;
  using CheckpointVisitor = std::function<Status(uint64_t tree_size, std::string_view note)>;
  using ItemVisitor = std::function<Status(const Hash& content_hash, std::string_view state)>;

  virtual ~Store() = default;

  // Applies `batch` atomically; durable on return when the store syncs (the default).
  // Mutations apply in the order: deletes, then puts. kLedgerConflict when the batch's expected
  // tree size does not hold; kIoError when the storage fails.
  virtual Status Write(const WriteBatch& batch) = 0;

  // Fills out[i] with node ids[i]. A missing node is kLedgerCorrupt: the ledger only asks for
  // nodes that must exist. REQUIRES: ids.size() == out.size().
  virtual Status ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) = 0;
  // kNotFound when absent.
  virtual Result<std::string> ReadEntry(uint64_t seq) = 0;
  // Visits stored entries with begin <= seq < end in increasing order; stops at the first error.
  virtual Status ScanEntries(uint64_t begin, uint64_t end, const EntryVisitor& visit) = 0;

  virtual Result<std::optional<std::string>> ReadCheckpoint(uint64_t tree_size) = 0;
  // The checkpoint with the largest tree size: the tree head. nullopt for a new store.
  virtual Result<std::optional<std::pair<uint64_t, std::string>>> ReadLatestCheckpoint() = 0;
  // Visits every checkpoint in increasing tree size.
  virtual Status ScanCheckpoints(const CheckpointVisitor& visit) = 0;

  virtual Result<std::optional<std::string>> ReadBlob(const EvidenceKey& key) = 0;
  virtual Result<std::optional<std::string>> ReadItem(const EvidenceKey& key) = 0;
  // Visits one tenant's items in content-hash order.
  virtual Status ScanItems(std::string_view tenant, const ItemVisitor& visit) = 0;

  virtual Result<std::optional<std::string>> ReadMeta(std::string_view key) = 0;
};

}  // namespace tf::ledger

#endif  // TF_LEDGER_STORE_H_
