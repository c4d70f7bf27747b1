#include "graph/internal/adjacency_cache.h"

#include "graph/internal/codec.h"
#include "graph/internal/store_format.h"

namespace tf::graph::internal {

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

AdjacencyCache AdjacencyCache::Builder::Finish() && {
  AdjacencyCache cache;
  for (int d = 0; d < 2; ++d) {
    Advance(sides_[d], node_count_);
    cache.sides_[d].offsets = std::move(sides_[d].offsets);
    cache.sides_[d].bytes = std::move(sides_[d].bytes);
  }
  return cache;
}

uint64_t AdjacencyCache::bytes() const {
  uint64_t total = 0;
  for (const Side& s : sides_)
    total += s.bytes.size() + s.offsets.size() * sizeof(uint64_t);
  return total;
}

Status AdjacencyCache::Visit(NodeIndex node, EdgeDir dir, int64_t oldest, int64_t newest,
                             const GraphStore::EdgeVisitor& visit) const {
  const Side& side = sides_[static_cast<int>(dir)];
  if (node + 1 >= side.offsets.size()) return Status();
  const uint64_t begin = side.offsets[node], end = side.offsets[node + 1];
  Reader r(std::string_view(side.bytes).substr(begin, end - begin));
  AdjacentEdge e;
  int64_t time = 0;
  bool first = true;
  while (!r.done()) {
    uint64_t t = 0, other = 0, type = 0, edge_id = 0;
    if (!r.Varint(t) || !r.Varint(other) || !r.Varint(type) || !r.Varint(edge_id)) {
      return Corrupt("adjacency cache entry does not decode");
    }
    time = first ? UnZigZag(t) : static_cast<int64_t>(static_cast<uint64_t>(time) - t);
    first = false;
    if (time > newest) continue;
    if (time < oldest) break;
    e.other = other;
    e.type = static_cast<uint32_t>(type);
    e.time = time;
    e.edge_id = edge_id;
    if (!visit(e)) break;
  }
  return Status();
}

}  // namespace tf::graph::internal
