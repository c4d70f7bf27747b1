#include "ledger/internal/tile_merge_operator.h"

#include <rocksdb/merge_operator.h>

#include "ledger/internal/node_tile.h"

namespace tf::ledger::internal {
namespace {

class TileMergeOperator final : public rocksdb::MergeOperator {
 public:
  // Returning false makes the read (or compaction) fail with Corruption: a malformed tile or
  // update is never papered over.
  bool FullMergeV2(const MergeOperationInput& in, MergeOperationOutput* out) const override {
    NodeTile tile;
    if (in.existing_value != nullptr) {
      Result<NodeTile> stored = NodeTile::Decode(in.existing_value->ToStringView());
      if (!stored.ok()) return false;
      tile = std::move(*stored);
    }
    for (const rocksdb::Slice& updates : in.operand_list) {
      if (!tile.Apply(updates.ToStringView()).ok()) return false;
    }
    out->new_value = tile.Encode();
    return true;
  }

  const char* Name() const override { return "tf.ledger.TileUpdates"; }
};

}  // namespace

std::shared_ptr<rocksdb::MergeOperator> NewTileMergeOperator() {
  return std::make_shared<TileMergeOperator>();
}

}  // namespace tf::ledger::internal
