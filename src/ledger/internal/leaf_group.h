// File: ledger/internal/leaf_group.h
//
// `LeafGroup`: the leaf bytes of consecutive entries stored as one value (RocksDbStore's
// "leaf_groups" column family, keyed by the first seq), so a group commit of thousands of
// entries is a few key-value puts instead of one per entry (the memtable insert per key was a
// fifth of the commit thread's time). A group holds at most kLeafGroupSpan entries and never
// crosses a multiple of it, so reading one entry reads at most that many leaves.
//
// Encoding: the leaf count (4 bytes, big-endian), each leaf's end offset within the data
// (4 bytes big-endian each), then the leaves back to back.
#ifndef TF_LEDGER_INTERNAL_LEAF_GROUP_H_
#define TF_LEDGER_INTERNAL_LEAF_GROUP_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tf::ledger::internal {

inline constexpr uint64_t kLeafGroupSpan = 256;

// REQUIRES: 0 < leaves.size() <= kLeafGroupSpan; each leaf below 4 GiB in all.
std::string EncodeLeafGroup(std::span<const std::string_view> leaves);

// A parsed group; views into the encoded bytes, which must outlive it.
class LeafGroupView {
 public:
  // kLedgerCorrupt unless `bytes` is a well-formed group.
  static Result<LeafGroupView> Parse(std::string_view bytes);

  size_t size() const { return count_; }
  // REQUIRES: i < size().
  std::string_view leaf(size_t i) const;

 private:
  uint32_t EndOffset(size_t i) const;

  size_t count_ = 0;
  std::string_view offsets_;
  std::string_view data_;
};

}  // namespace tf::ledger::internal

#endif  // TF_LEDGER_INTERNAL_LEAF_GROUP_H_
