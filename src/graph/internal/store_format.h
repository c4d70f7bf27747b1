// File: graph/internal/store_format.h
//
// Key and value encodings of the graph store (layout in graph_store.h and docs/GRAPH.md).
#ifndef TF_GRAPH_INTERNAL_STORE_FORMAT_H_
#define TF_GRAPH_INTERNAL_STORE_FORMAT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "graph/graph_store.h"

namespace tf::graph::internal {

inline constexpr size_t kAdjPrefixBytes = 9;  // dir + node
inline constexpr size_t kAdjKeyBytes = 25;    // dir + node + ~time + edge id

// Order-preserving map of a signed time to unsigned, inverted so that newer sorts first.
inline uint64_t InvertedTime(int64_t time) {
  return ~(static_cast<uint64_t>(time) ^ (uint64_t{1} << 63));
}
inline int64_t TimeFromInverted(uint64_t inv) {
  return static_cast<int64_t>(~inv ^ (uint64_t{1} << 63));
}

char DirByte(EdgeDir dir);
std::string NodeKey(NodeIndex index);
std::string AdjPrefix(EdgeDir dir, NodeIndex node);
std::string AdjKey(EdgeDir dir, NodeIndex node, int64_t time, uint64_t edge_id);
void AppendAdjKey(std::string& out, EdgeDir dir, NodeIndex node, int64_t time, uint64_t edge_id);

struct AdjKeyParts {
  EdgeDir dir = EdgeDir::kOut;
  NodeIndex node = 0;
  int64_t time = 0;
  uint64_t edge_id = 0;
};
std::optional<AdjKeyParts> ParseAdjKey(std::string_view key);

// Value: varint other, varint type, then (outgoing only) the properties' canonical JSON.
void AppendAdjValue(std::string& out, NodeIndex other, uint32_t type, std::string_view properties);
bool ParseAdjValue(std::string_view value, AdjacentEdge& out);

std::string EncodeNode(const StoredNode& node, std::string_view properties_json);
Result<StoredNode> DecodeNode(NodeIndex index, std::string_view value);
// Only the id, without decoding the rest.
Result<std::string_view> DecodeNodeId(std::string_view value);

std::string EncodeState(const StoreState& state);
Result<StoreState> DecodeState(std::string_view value);

Status Corrupt(std::string what);

}  // namespace tf::graph::internal

#endif  // TF_GRAPH_INTERNAL_STORE_FORMAT_H_
