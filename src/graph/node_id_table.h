// File: graph/node_id_table.h
//
// `NodeIdTable`: node ids mapped to a 64-bit value (a node index), for the ids of an ingest
// batch and the NodeIndexMemo. Open addressing with linear probing over one flat array that
// doubles when half full: an insert allocates nothing but the occasional larger array, where
// std::unordered_map allocated a node per id and scattered them over memory (its lookups were a
// tenth of ingest CPU). Each slot keeps 32 bits of the id's hash, so a probe compares bytes only
// when those match.
//
// Keys are views. A table made with `KeyStorage::kViews` keeps the caller's views (the caller
// keeps the bytes alive); `KeyStorage::kCopies` copies each inserted id into blocks it owns.
//
//   NodeIdTable ids(KeyStorage::kViews, 2 * records.size());
//   bool inserted = false;
//   uint64_t& index = ids.FindOrInsert(id, inserted);  // kAbsent when just inserted
//
// Move-only; not thread safe.
#ifndef TF_GRAPH_NODE_ID_TABLE_H_
#define TF_GRAPH_NODE_ID_TABLE_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace tf::graph {

enum class KeyStorage : uint8_t { kViews, kCopies };

class NodeIdTable {
 public:
  // The value of an id inserted without one (for a batch: not a node of the store).
  static constexpr uint64_t kAbsent = ~uint64_t{0};

  // `expected`: how many ids the table will likely hold (sizes the first array).
  explicit NodeIdTable(KeyStorage storage = KeyStorage::kViews, size_t expected = 0)
      : storage_(storage) {
    size_t capacity = kMinCapacity;
    while (capacity < 2 * expected)
      capacity <<= 1;
    slots_.resize(capacity);
  }
  NodeIdTable(NodeIdTable&&) = default;
  NodeIdTable& operator=(NodeIdTable&&) = default;
  NodeIdTable(const NodeIdTable&) = delete;
  NodeIdTable& operator=(const NodeIdTable&) = delete;

  // The value of `id`; inserts it with kAbsent when it is not there (`inserted` tells which).
  // The reference is valid until the next insert. REQUIRES: id.size() < 2^32 - 1.
  uint64_t& FindOrInsert(std::string_view id, bool& inserted) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    const size_t hash = Hash(id);
    Slot& slot = slots_[Probe(id, hash)];
    inserted = slot.empty();
    if (inserted) {
      slot.data = storage_ == KeyStorage::kCopies ? Copy(id) : id.data();
      slot.size = static_cast<uint32_t>(id.size());
      slot.tag = Tag(hash);
      slot.value = kAbsent;
      ++size_;
    }
    return slot.value;
  }
  // The value of `id`, or null when it is not there.
  const uint64_t* Find(std::string_view id) const {
    if (size_ == 0) return nullptr;
    const Slot& slot = slots_[Probe(id, Hash(id))];
    return slot.empty() ? nullptr : &slot.value;
  }
  uint64_t* Find(std::string_view id) {
    return const_cast<uint64_t*>(std::as_const(*this).Find(id));
  }
  size_t size() const { return size_; }

 private:
  static constexpr size_t kMinCapacity = 16;
  static constexpr uint32_t kEmptySize = ~uint32_t{0};
  static constexpr size_t kBlockBytes = size_t{1} << 20;

  struct Slot {
    const char* data = nullptr;
    uint32_t size = kEmptySize;
    uint32_t tag = 0;
    uint64_t value = kAbsent;
    bool empty() const { return size == kEmptySize; }
  };

  static size_t Hash(std::string_view id) { return std::hash<std::string_view>{}(id); }
  // The slot index comes from the low bits; the tag from the high ones.
  static uint32_t Tag(size_t hash) { return static_cast<uint32_t>(uint64_t{hash} >> 32); }

  // The index of the slot holding `id`, or of the empty slot where it belongs.
  size_t Probe(std::string_view id, size_t hash) const {
    const size_t mask = slots_.size() - 1;
    const uint32_t tag = Tag(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.empty()) return i;
      if (slot.tag == tag && slot.size == id.size() &&
          (id.empty() || std::memcmp(slot.data, id.data(), id.size()) == 0)) {
        return i;
      }
    }
  }

  void Grow() {
    std::vector<Slot> bigger(slots_.size() * 2);
    const size_t mask = bigger.size() - 1;
    for (const Slot& s : slots_) {
      if (s.empty()) continue;
      size_t i = Hash(std::string_view(s.data, s.size)) & mask;
      while (!bigger[i].empty())
        i = (i + 1) & mask;
      bigger[i] = s;
    }
    slots_.swap(bigger);
  }

  // Copies an id into the owned blocks (which never move, so the views stay valid).
  const char* Copy(std::string_view id) {
    if (blocks_.empty() || block_used_ + id.size() > block_capacity_) {
      block_capacity_ = std::max(kBlockBytes, id.size());
      blocks_.push_back(std::make_unique<char[]>(block_capacity_));
      block_used_ = 0;
    }
    char* out = blocks_.back().get() + block_used_;
    if (!id.empty()) std::memcpy(out, id.data(), id.size());
    block_used_ += id.size();
    return out;
  }

  KeyStorage storage_;
  std::vector<Slot> slots_;
  size_t size_ = 0;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_used_ = 0;
  size_t block_capacity_ = 0;
};

}  // namespace tf::graph

#endif  // TF_GRAPH_NODE_ID_TABLE_H_
