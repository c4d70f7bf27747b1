#include "ledger/internal/node_cache.h"

#include <mutex>

namespace tf::ledger::internal {
namespace {

// Reads in chunks so loading a large tree never holds more than this many ids at once.
constexpr size_t kLoadChunk = 4096;

// Asks `first` for what it has and `fallback` for the rest, in one call to the fallback.
template <typename LookupFn>
Status ReadThrough(
    std::span<const NodeId> ids, std::span<Hash> out, LookupFn&& lookup,
    const std::function<Status(std::span<const NodeId>, std::span<Hash>)>& fallback) {
  std::vector<NodeId> missing;
  std::vector<size_t> where;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!lookup(ids[i], &out[i])) {
      missing.push_back(ids[i]);
      where.push_back(i);
    }
  }
  if (missing.empty()) return Status::Ok();
  std::vector<Hash> found(missing.size());
  TF_RETURN_IF_ERROR(fallback(missing, found));
  for (size_t j = 0; j < missing.size(); ++j)
    out[where[j]] = found[j];
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

bool NodeCache::Lookup(const NodeId& id, Hash* out) const {
  if (id.level < min_level_) return false;
  std::shared_lock lock(mu_);
  const std::vector<Hash>& level = levels_[id.level];
  if (id.index >= level.size()) return false;
  *out = level[id.index];
  return true;
}

Status StoreNodeReader::ReadNodes(std::span<const NodeId> ids, std::span<Hash> out) const {
  return ReadThrough(
      ids, out, [this](const NodeId& id, Hash* h) { return cache_.Lookup(id, h); },
      [this](std::span<const NodeId> m, std::span<Hash> f) { return store_.ReadNodes(m, f); });
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
  return ReadThrough(
      ids, out, [this](const NodeId& id, Hash* h) { return window_.Lookup(id, h); },
      [this](std::span<const NodeId> m, std::span<Hash> f) { return fallback_.ReadNodes(m, f); });
}

}  // namespace tf::ledger::internal
