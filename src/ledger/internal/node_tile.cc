#include "ledger/internal/node_tile.h"

#include <cstring>

namespace tf::ledger::internal {
namespace {

constexpr size_t kHeaderSize = 2 * kTileLevels;

Status Malformed() {
  return Status(ErrorCode::kLedgerCorrupt, "stored node tile is malformed");
}

// The per-level counts, checked against the tile's shape and the value's length.
Result<std::array<uint64_t, kTileLevels>> ReadCounts(std::string_view bytes) {
  if (bytes.size() < kHeaderSize) return Malformed();
  std::array<uint64_t, kTileLevels> counts{};
  size_t hashes = 0;
  for (int level = 0; level < kTileLevels; ++level) {
    counts[level] = (uint64_t{static_cast<uint8_t>(bytes[2 * level])} << 8) |
                    static_cast<uint8_t>(bytes[2 * level + 1]);
    if (counts[level] > (kTileWidth >> level)) return Malformed();
    hashes += counts[level];
  }
  if (bytes.size() != kHeaderSize + hashes * kHashSize) return Malformed();
  return counts;
}

}  // namespace

Result<NodeTile> NodeTile::Decode(std::string_view bytes) {
  TF_ASSIGN_OR_RETURN(auto counts, ReadCounts(bytes));
  NodeTile tile;
  const char* p = bytes.data() + kHeaderSize;
  for (int level = 0; level < kTileLevels; ++level) {
    tile.levels_[level].resize(counts[level]);
    for (Hash& h : tile.levels_[level]) {
      std::memcpy(h.data(), p, kHashSize);
      p += kHashSize;
    }
  }
  return tile;
}

Result<bool> NodeTile::Find(std::string_view bytes, const NodeId& id, Hash* out) {
  TF_ASSIGN_OR_RETURN(auto counts, ReadCounts(bytes));
  const uint64_t position = PositionInTile(id);
  if (position >= counts[id.level]) return false;
  size_t offset = kHeaderSize;
  for (int level = 0; level < id.level; ++level)
    offset += counts[level] * kHashSize;
  std::memcpy(out->data(), bytes.data() + offset + position * kHashSize, kHashSize);
  return true;
}

Status NodeTile::Put(const NodeId& id, const Hash& hash) {
  std::vector<Hash>& level = levels_[id.level];
  const uint64_t position = PositionInTile(id);
  if (position < level.size()) {
    level[position] = hash;
  } else if (position == level.size()) {
    level.push_back(hash);
  } else {
    return InvalidArgument("node (level " + std::to_string(id.level) + ", index " +
                           std::to_string(id.index) + ") would leave a gap in its tile");
  }
  return Status::Ok();
}

std::string NodeTile::Encode() const {
  size_t hashes = 0;
  for (const std::vector<Hash>& level : levels_)
    hashes += level.size();
  std::string out(kHeaderSize + hashes * kHashSize, '\0');
  char* p = out.data() + kHeaderSize;
  for (int level = 0; level < kTileLevels; ++level) {
    const size_t count = levels_[level].size();
    out[2 * level] = static_cast<char>(count >> 8);
    out[2 * level + 1] = static_cast<char>(count & 0xff);
    for (const Hash& h : levels_[level]) {
      std::memcpy(p, h.data(), kHashSize);
      p += kHashSize;
    }
  }
  return out;
}

}  // namespace tf::ledger::internal
