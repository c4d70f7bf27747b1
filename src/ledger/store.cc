#include "ledger/store.h"

#include <iterator>

namespace tf::ledger {
namespace {

template <typename T>
void MoveAppend(std::vector<T>& to, std::vector<T>& from) {
  if (to.empty()) {
    to = std::move(from);
    return;
  }
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

void WriteBatch::Reserve(size_t entries, size_t leaf_bytes, size_t nodes) {
  entries_.reserve(entries);
  entry_bytes_.reserve(leaf_bytes);
  nodes_.reserve(nodes);
}

void WriteBatch::Append(WriteBatch&& other) {
  for (size_t i = 0; i < other.entry_count(); ++i) {
    const EntryPut e = other.entry(i);
    PutEntry(e.seq, e.leaf_bytes);
  }
  other.entries_.clear();
  other.entry_bytes_.clear();
  MoveAppend(nodes_, other.nodes_);
  MoveAppend(checkpoints_, other.checkpoints_);
  MoveAppend(blob_puts_, other.blob_puts_);
  MoveAppend(blob_deletes_, other.blob_deletes_);
  MoveAppend(item_puts_, other.item_puts_);
  MoveAppend(meta_, other.meta_);
  if (other.expected_tree_size_) expected_tree_size_ = other.expected_tree_size_;
}

bool WriteBatch::empty() const {
  return entries_.empty() && nodes_.empty() && checkpoints_.empty() && blob_puts_.empty() &&
         blob_deletes_.empty() && item_puts_.empty() && meta_.empty();
}

}  // namespace tf::ledger
