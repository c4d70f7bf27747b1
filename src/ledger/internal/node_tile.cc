#include "ledger/internal/node_tile.h"

#include <cstring>

namespace tf::ledger::internal {
namespace {

constexpr size_t kHeaderSize = 2 * kTileLevels;
// An update: level, position within the level, hash.
constexpr size_t kUpdateSize = 2 + kHashSize;

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

void NodeTile::AppendUpdate(const NodeId& id, const Hash& hash, std::string& updates) {
  updates.push_back(static_cast<char>(id.level));
  updates.push_back(static_cast<char>(PositionInTile(id)));
  updates.append(reinterpret_cast<const char*>(hash.data()), kHashSize);
}

Status NodeTile::Put(const NodeId& id, const Hash& hash) {
  if (PutAt(id.level, PositionInTile(id), hash)) return Status::Ok();
  return InvalidArgument("node (level " + std::to_string(id.level) + ", index " +
                         std::to_string(id.index) + ") would leave a gap in its tile");
}

Status NodeTile::Apply(std::string_view updates) {
  if (updates.size() % kUpdateSize != 0) return Malformed();
  for (size_t at = 0; at < updates.size(); at += kUpdateSize) {
    const int level = static_cast<uint8_t>(updates[at]);
    const uint64_t position = static_cast<uint8_t>(updates[at + 1]);
    if (level >= kTileLevels || position >= (kTileWidth >> level)) return Malformed();
    Hash hash;
    std::memcpy(hash.data(), updates.data() + at + 2, kHashSize);
    if (!PutAt(level, position, hash)) return Malformed();
  }
  return Status::Ok();
}

bool NodeTile::complete() const {
  for (int level = 0; level < kTileLevels; ++level) {
    if (levels_[level].size() != (kTileWidth >> level)) return false;
  }
  return true;
}

bool NodeTile::PutAt(int level, uint64_t position, const Hash& hash) {
  std::vector<Hash>& held = levels_[level];
  if (position > held.size()) return false;
  if (position == held.size()) {
    held.push_back(hash);
  } else {
    held[position] = hash;
  }
  return true;
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
