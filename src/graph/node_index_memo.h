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
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tf::graph {

class NodeIndexMemo {
 public:
  explicit NodeIndexMemo(size_t capacity) : capacity_(capacity) {}

  std::optional<uint64_t> Find(std::string_view id) const {
    auto it = indexes_.find(id);
    if (it == indexes_.end()) return std::nullopt;
    return it->second;
  }
  // REQUIRES: `index` is the store's index of `id`.
  void Learn(std::string_view id, uint64_t index) {
    // find first: emplace would build (and allocate) an entry even for an id already known.
    if (indexes_.size() < capacity_ && indexes_.find(id) == indexes_.end()) {
      indexes_.emplace(id, index);
    }
  }
  size_t size() const { return indexes_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, uint64_t, Hash, std::equal_to<>> indexes_;
  size_t capacity_;
};

}  // namespace tf::graph

#endif  // TF_GRAPH_NODE_INDEX_MEMO_H_
