#include "graph/internal/adjacency_cache.h"

#include <algorithm>
#include <limits>

namespace tf::graph::internal {
namespace {

// The store's key order within a node's run: newest first, equal times by edge id.
bool RunsBefore(int64_t time_a, uint64_t id_a, int64_t time_b, uint64_t id_b) {
  return time_a != time_b ? time_a > time_b : id_a < id_b;
}

}  // namespace

AdjacencyCache::Builder::Builder(uint64_t node_count) : node_count_(node_count) {
  for (Side& s : sides_)
    s.offsets.reserve(node_count + 1);
}

void AdjacencyCache::Builder::Advance(Side& side, NodeIndex to) {
  while (side.next_node <= to && side.next_node <= node_count_) {
    side.offsets.push_back(side.bytes.size());
    ++side.next_node;
  }
}

void AdjacencyCache::Builder::Add(EdgeDir dir, NodeIndex node, const AdjacentEdge& e) {
  Side& side = sides_[static_cast<int>(dir)];
  if (node + 1 != side.next_node) {
    Advance(side, node);
    side.last_time = e.time;  // a node's run starts with its newest time, delta 0 from itself
    PutVarint(side.bytes, ZigZag(e.time));
  } else {
    // Newest first: each later entry is no newer, so the delta is >= 0.
    PutVarint(side.bytes, static_cast<uint64_t>(side.last_time) - static_cast<uint64_t>(e.time));
    side.last_time = e.time;
  }
  PutVarint(side.bytes, e.other);
  PutVarint(side.bytes, e.type);
  PutVarint(side.bytes, e.edge_id);
}

void AdjacencyCache::Builder::CopyRuns(const AdjacencyCache& from, EdgeDir dir, NodeIndex begin,
                                       NodeIndex end) {
  end = std::min<NodeIndex>(end, from.node_count());
  if (begin >= end) return;
  Side& side = sides_[static_cast<int>(dir)];
  const AdjacencyCache::Side& source = from.sides_[static_cast<int>(dir)];
  while (side.next_node < begin) {
    side.offsets.push_back(side.bytes.size());
    ++side.next_node;
  }
  // A run's first time is absolute and the rest are deltas within it: runs move as bytes.
  const uint64_t first = source.offsets[begin], last = source.offsets[end];
  for (NodeIndex n = begin; n < end; ++n)
    side.offsets.push_back(side.bytes.size() + (source.offsets[n] - first));
  side.bytes.append(source.bytes, first, last - first);
  side.next_node = end;
}

AdjacencyCache AdjacencyCache::Builder::Finish() && {
  AdjacencyCache cache;
  for (int d = 0; d < 2; ++d) {
    Advance(sides_[d], node_count_);
    cache.sides_[d].offsets = std::move(sides_[d].offsets);
    cache.sides_[d].bytes = std::move(sides_[d].bytes);
  }
  return cache;
}

Result<AdjacencyCache> AdjacencyCache::WithEdges(const AdjacencyCache& base, uint64_t node_count,
                                                 std::vector<CacheEdge> out,
                                                 std::vector<CacheEdge> in) {
  Builder builder(node_count);
  std::vector<AdjacentEdge> existing;
  for (EdgeDir dir : {EdgeDir::kOut, EdgeDir::kIn}) {
    std::vector<CacheEdge>& added = dir == EdgeDir::kOut ? out : in;
    std::sort(added.begin(), added.end(), [](const CacheEdge& a, const CacheEdge& b) {
      return a.node != b.node ? a.node < b.node : RunsBefore(a.time, a.edge_id, b.time, b.edge_id);
    });
    NodeIndex copied = 0;  // runs of nodes below this are in the builder
    for (size_t i = 0; i < added.size();) {
      const NodeIndex node = added[i].node;
      size_t group_end = i;
      while (group_end < added.size() && added[group_end].node == node)
        ++group_end;
      builder.CopyRuns(base, dir, copied, node);
      existing.clear();
      TF_RETURN_IF_ERROR(base.Visit(node, dir, std::numeric_limits<int64_t>::min(),
                                    std::numeric_limits<int64_t>::max(),
                                    [&](const AdjacentEdge& e) {
                                      existing.push_back(e);
                                      return true;
                                    }));
      size_t k = 0;
      for (size_t j = i; j < group_end || k < existing.size();) {
        const bool take_new = k == existing.size() ||
                              (j < group_end && RunsBefore(added[j].time, added[j].edge_id,
                                                           existing[k].time, existing[k].edge_id));
        if (take_new) {
          const CacheEdge& c = added[j++];
          builder.Add(dir, node, AdjacentEdge{c.other, c.type, c.time, c.edge_id, {}});
        } else {
          builder.Add(dir, node, existing[k++]);
        }
      }
      copied = node + 1;
      i = group_end;
    }
    builder.CopyRuns(base, dir, copied, base.node_count());
  }
  return std::move(builder).Finish();
}

uint64_t AdjacencyCache::bytes() const {
  uint64_t total = 0;
  for (const Side& s : sides_)
    total += s.bytes.size() + s.offsets.size() * sizeof(uint64_t);
  return total;
}

}  // namespace tf::graph::internal
