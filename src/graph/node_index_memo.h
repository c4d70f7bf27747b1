// File: graph/node_index_memo.h
//
// `NodeIndexMemo`: node ids whose store index is already known, kept by a bulk ingest across its
// batches so that each batch reads from RocksDB only the ids it has not met before (the id
// lookups were a fifth of ingest CPU). Safe to keep for as long as the store is open: a node's
// index never changes once assigned and nodes are never removed. Bounded: once it holds
// `capacity` ids it learns no more, and further ids are read from the store as before.
//
//   NodeIndexMemo memo(2'000'000);
//   TF_ASSIGN_OR_RETURN(BatchNodeLookup lookup, store.LookUpNodes(records, &memo));
//   TF_RETURN_IF_ERROR(store.Apply({batch, seq, records, &lookup, &memo}));  // learns the batch
//
// Not thread safe.
#ifndef TF_GRAPH_NODE_INDEX_MEMO_H_
#define TF_GRAPH_NODE_INDEX_MEMO_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "graph/node_id_table.h"

namespace tf::graph {

class NodeIndexMemo {
 public:
  explicit NodeIndexMemo(size_t capacity) : capacity_(capacity) {}

  std::optional<uint64_t> Find(std::string_view id) const {
    const uint64_t* index = indexes_.Find(id);
    if (index == nullptr) return std::nullopt;
    return *index;
  }
  // REQUIRES: `index` is the store's index of `id`.
  void Learn(std::string_view id, uint64_t index) {
    if (indexes_.size() >= capacity_) return;
    bool inserted = false;
    uint64_t& slot = indexes_.FindOrInsert(id, inserted);
    if (inserted) slot = index;
  }
  size_t size() const { return indexes_.size(); }

 private:
  NodeIdTable indexes_{KeyStorage::kCopies};
  size_t capacity_;
};

}  // namespace tf::graph

#endif  // TF_GRAPH_NODE_INDEX_MEMO_H_
