// File: graph/internal/store_impl.h
//
// GraphStore's private state, shared by graph_store.cc (open, reads) and graph_store_apply.cc
// (writes). RocksDB stays inside these files.
#ifndef TF_GRAPH_INTERNAL_STORE_IMPL_H_
#define TF_GRAPH_INTERNAL_STORE_IMPL_H_

#include <rocksdb/db.h>

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/graph_store.h"
#include "graph/internal/adjacency_cache.h"

namespace tf::graph {

enum StoreCf : size_t { kCfMeta = 0, kCfIds, kCfNodes, kCfAdj, kCfArchive, kCfCount };

struct GraphStore::Impl {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  // Batches (Apply) skip the write-ahead log: the ledger holds every batch and each open rolls
  // the store forward from it, and atomic flushes persist whole writes of all column families.
  rocksdb::WriteOptions batch_write_options;
  // Archive moves are not in the ledger: they go through the log.
  rocksdb::WriteOptions logged_write_options;

  // Serialises Apply and MoveToArchive (the state they read-modify-write).
  std::mutex write_mu;

  mutable std::shared_mutex mu;  // guards state, type_ids, type_names, cache
  StoreState state;
  // Serves hot-tier visits while it matches the state; writes drop it.
  std::shared_ptr<const internal::AdjacencyCache> cache;
  std::unordered_map<std::string, uint32_t> type_ids;
  std::vector<std::string> type_names;

  rocksdb::ColumnFamilyHandle* cf(StoreCf c) const { return handles[c]; }
};

Status FromRocks(const rocksdb::Status& s, std::string_view what);

inline rocksdb::Slice ToSlice(std::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

}  // namespace tf::graph

#endif  // TF_GRAPH_INTERNAL_STORE_IMPL_H_
