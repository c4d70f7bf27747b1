// File: ledger/internal/tile_merge_operator.h
//
// The merge operator of RocksDbStore's "tiles" column family. A write that extends a partial
// tile merges only the nodes it adds (NodeTile updates, node_tile.h) instead of rewriting the
// whole tile, so a commit of a few entries writes a few hundred bytes of nodes rather than up
// to 16 KB of tile. Reads and compactions apply the updates, in order, to the stored tile and
// get the bytes a whole-tile Put would have stored.
#ifndef TF_LEDGER_INTERNAL_TILE_MERGE_OPERATOR_H_
#define TF_LEDGER_INTERNAL_TILE_MERGE_OPERATOR_H_

#include <memory>

namespace rocksdb {
class MergeOperator;
}

namespace tf::ledger::internal {

std::shared_ptr<rocksdb::MergeOperator> NewTileMergeOperator();

}  // namespace tf::ledger::internal

#endif  // TF_LEDGER_INTERNAL_TILE_MERGE_OPERATOR_H_
