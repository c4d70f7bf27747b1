// File: ledger/internal/node_tile.h
//
// `NodeTile`: the nodes of the lowest eight tree levels under one 256-leaf subtree, stored as one
// value (tiles as in C2SP tlog-tiles and Tessera). Every node an inclusion proof needs below
// level 8 lies in the tile of its leaf, so with the upper levels in the NodeCache a proof is one
// point read. Unlike tlog-tiles, a tile keeps its interior nodes too: reading a proof hashes
// nothing, as the issue asks ("do not recompute from leaves").
//
// Encoding: eight 16-bit big-endian counts (nodes held per level, level 0 first), then the
// hashes level by level, each level from the tile's first node on. The log's last tile is
// partial and grows with it.
//
// Updates: the nodes one write adds to or changes in a tile, as RocksDbStore writes them (a
// merge operand on the stored tile, so a commit writes its few new nodes instead of the whole
// tile): per node its level (1 byte), its position within that level in the tile (1 byte) and
// its hash. Applied in order to the stored tile they give exactly the tile Put would have made.
#ifndef TF_LEDGER_INTERNAL_NODE_TILE_H_
#define TF_LEDGER_INTERNAL_NODE_TILE_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ledger/merkle_hash.h"
#include "ledger/node_id.h"

namespace tf::ledger::internal {

inline constexpr int kTileLevels = 8;
inline constexpr uint64_t kTileWidth = uint64_t{1} << kTileLevels;

inline bool InTile(const NodeId& id) {
  return id.level < kTileLevels;
}
// The tile holding `id`, and the node's position within its level there. REQUIRES: InTile(id).
inline uint64_t TileIndex(const NodeId& id) {
  return id.index >> (kTileLevels - id.level);
}
inline uint64_t PositionInTile(const NodeId& id) {
  return id.index & ((kTileWidth >> id.level) - 1);
}

class NodeTile {
 public:
  // kLedgerCorrupt when `bytes` is not a well-formed tile.
  static Result<NodeTile> Decode(std::string_view bytes);
  // Reads one node straight from an encoded tile: false when the tile does not hold it;
  // kLedgerCorrupt when the bytes are not a well-formed tile.
  static Result<bool> Find(std::string_view bytes, const NodeId& id, Hash* out);

  // Appends one node to an updates value. REQUIRES: InTile(id).
  static void AppendUpdate(const NodeId& id, const Hash& hash, std::string& updates);

  // Overwrites a held node or adds the next one of its level. REQUIRES: InTile(id).
  // kInvalidArgument when the node would leave a gap in its level.
  Status Put(const NodeId& id, const Hash& hash);
  // Puts every node of an updates value, in order. kLedgerCorrupt when the value is malformed
  // or a node would leave a gap.
  Status Apply(std::string_view updates);
  // Every node of every level is held: the tile covers 256 leaves and never changes again.
  bool complete() const;
  std::string Encode() const;

 private:
  // False when the node would leave a gap in its level.
  bool PutAt(int level, uint64_t position, const Hash& hash);

  std::array<std::vector<Hash>, kTileLevels> levels_;
};

}  // namespace tf::ledger::internal

#endif  // TF_LEDGER_INTERNAL_NODE_TILE_H_
