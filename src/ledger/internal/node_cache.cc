#include "ledger/internal/node_cache.h"

#include <mutex>

#include "ledger/internal/tree_math.h"

namespace tf::ledger::internal {
namespace {

// Reads in chunks so loading a large tree never holds more than this many ids at once.
constexpr size_t kLoadChunk = 4096;

// Reads the nodes at positions `missing` of `ids` from `source` (a Store or a NodeReader), in
// one call.
template <typename Source>
Status ReadMissing(std::span<const NodeId> ids, std::span<Hash> out,
                   const std::vector<size_t>& missing, Source& source) {
  if (missing.empty()) return Status::Ok();
  std::vector<NodeId> missing_ids;
  missing_ids.reserve(missing.size());
  for (size_t i : missing)
    missing_ids.push_back(ids[i]);
  std::vector<Hash> found(missing.size());
  TF_RETURN_IF_ERROR(source.ReadNodes(missing_ids, found));
  for (size_t j = 0; j < missing.size(); ++j)
    out[missing[j]] = found[j];
  return Status::Ok();
}

}  // namespace

Status NodeCache::Load(Store& store, uint64_t size) {
  std::array<std::vector<Hash>, kMaxTreeLevel + 1> loaded;
  for (int level = min_level_; level <= kMaxTreeLevel && (size >> level) > 0; ++level) {
    const uint64_t count = size >> level;  // Complete nodes at this level.
    std::vector<Hash>& hashes = loaded[level];
    hashes.resize(count);
    for (uint64_t start = 0; start < count; start += kLoadChunk) {
      const uint64_t n = std::min<uint64_t>(kLoadChunk, count - start);
      std::vector<NodeId> ids(n);
      for (uint64_t i = 0; i < n; ++i)
        ids[i] = NodeId{static_cast<uint8_t>(level), start + i};
      TF_RETURN_IF_ERROR(store.ReadNodes(ids, std::span<Hash>(hashes).subspan(start, n)));
    }
  }
  std::unique_lock lock(mu_);
  levels_ = std::move(loaded);
  return Status::Ok();
}

void NodeCache::Add(std::span<const std::pair<NodeId, Hash>> nodes) {
  std::unique_lock lock(mu_);
  for (const auto& [id, hash] : nodes) {
    if (id.level < min_level_) continue;
    std::vector<Hash>& level = levels_[id.level];
    if (id.index == level.size()) level.push_back(hash);
  }
}

void NodeCache::LookupAll(std::span<const NodeId> ids, std::span<Hash> out,
                          std::vector<size_t>& missing) const {
  std::shared_lock lock(mu_);
  for (size_t i = 0; i < ids.size(); ++i) {
    const NodeId& id = ids[i];
    const std::vector<Hash>* level = id.level >= min_level_ ? &levels_[id.level] : nullptr;
    if (level != nullptr && id.index < level->size()) {
      out[i] = (*level)[id.index];
    } else {
      missing.push_back(i);
    }
  }
}

std::optional<RightEdge> NodeCache::Edge(uint64_t size) const {
  std::shared_lock lock(mu_);
  if (edge_ && edge_->size() == size) return edge_;
  return std::nullopt;
}

void NodeCache::RememberEdge(RightEdge edge) const {
  std::unique_lock lock(mu_);
  edge_ = std::move(edge);
}

Status StoreNodeReader::ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) const {
  std::vector<size_t> missing;
  missing.reserve(ids.size());
  cache_.LookupAll(ids, out, missing);
  return ReadMissing(ids, out, missing, store_);
}

Result<RightEdge> StoreNodeReader::EdgeAt(uint64_t size) const {
  if (size == 0) return RightEdge(0, {});
  if (std::optional<RightEdge> edge = cache_.Edge(size)) return std::move(*edge);
  std::vector<NodeId> ids;
  AppendCompleteSubtrees(0, size, ids);
  std::vector<Hash> peaks(ids.size());
  TF_RETURN_IF_ERROR(ReadNodes(ids, peaks));
  RightEdge edge(size, peaks);
  cache_.RememberEdge(edge);
  return edge;
}

void NodeWindow::Add(const NodeId& id, const Hash& hash) {
  Level& level = levels_[id.level];
  if (level.hashes.empty()) level.first = id.index;
  level.hashes.push_back(hash);
}

bool NodeWindow::Lookup(const NodeId& id, Hash* out) const {
  const Level& level = levels_[id.level];
  if (id.index < level.first || id.index - level.first >= level.hashes.size()) return false;
  *out = level.hashes[id.index - level.first];
  return true;
}

Status WindowNodeReader::ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) const {
  std::vector<size_t> missing;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!window_.Lookup(ids[i], &out[i])) missing.push_back(i);
  }
  return ReadMissing(ids, out, missing, fallback_);
}

}  // namespace tf::ledger::internal
