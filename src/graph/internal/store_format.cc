#include "graph/internal/store_format.h"

#include "core/json.h"
#include "graph/internal/codec.h"

namespace tf::graph::internal {

Status Corrupt(std::string what) {
  return Status(ErrorCode::kGraphStoreCorrupt, "graph store: " + std::move(what));
}

char DirByte(EdgeDir dir) {
  return dir == EdgeDir::kOut ? 'o' : 'i';
}

std::string NodeKey(NodeIndex index) {
  std::string k;
  PutFixed64Be(k, index);
  return k;
}

std::string AdjPrefix(EdgeDir dir, NodeIndex node) {
  std::string k(1, DirByte(dir));
  PutFixed64Be(k, node);
  return k;
}

std::string AdjKey(EdgeDir dir, NodeIndex node, int64_t time, uint64_t edge_id) {
  std::string k;
  AppendAdjKey(k, dir, node, time, edge_id);
  return k;
}

void AppendAdjKey(std::string& out, EdgeDir dir, NodeIndex node, int64_t time, uint64_t edge_id) {
  out.push_back(DirByte(dir));
  PutFixed64Be(out, node);
  PutFixed64Be(out, InvertedTime(time));
  PutFixed64Be(out, edge_id);
}

std::optional<AdjKeyParts> ParseAdjKey(std::string_view key) {
  if (key.size() != kAdjKeyBytes || (key[0] != 'o' && key[0] != 'i')) return std::nullopt;
  AdjKeyParts p;
  p.dir = key[0] == 'o' ? EdgeDir::kOut : EdgeDir::kIn;
  p.node = DecodeFixed64Be(key.data() + 1);
  p.time = TimeFromInverted(DecodeFixed64Be(key.data() + 9));
  p.edge_id = DecodeFixed64Be(key.data() + 17);
  return p;
}

void AppendAdjValue(std::string& out, NodeIndex other, uint32_t type, std::string_view properties) {
  PutVarint(out, other);
  PutVarint(out, type);
  out.append(properties);
}

bool ParseAdjValue(std::string_view value, AdjacentEdge& out) {
  Reader r(value);
  uint64_t other = 0, type = 0;
  if (!r.Varint(other) || !r.Varint(type) || type > UINT32_MAX) return false;
  out.other = other;
  out.type = static_cast<uint32_t>(type);
  out.properties = r.Rest();
  return true;
}

std::string EncodeNode(const StoredNode& node, std::string_view properties_json) {
  std::string v;
  PutString(v, node.record.id);
  PutVarint(v, node.batch);
  PutVarint(v, node.position);
  PutVarint(v, node.record.labels.size());
  for (const std::string& l : node.record.labels)
    PutString(v, l);
  PutVarint(v, ZigZag(node.record.observed_at));
  v.append(properties_json);
  return v;
}

Result<StoredNode> DecodeNode(NodeIndex index, std::string_view value) {
  Reader r(value);
  StoredNode n;
  n.index = index;
  std::string_view id;
  uint64_t labels = 0;
  if (!r.String(id) || !r.Varint(n.batch) || !r.Varint(n.position) || !r.Varint(labels) ||
      labels > kMaxLabels) {
    return Corrupt("node " + std::to_string(index) + " does not decode");
  }
  n.record.id = std::string(id);
  for (uint64_t i = 0; i < labels; ++i) {
    std::string_view l;
    if (!r.String(l)) return Corrupt("node " + std::to_string(index) + " labels do not decode");
    n.record.labels.emplace_back(l);
  }
  if (!r.SignedVarint(n.record.observed_at)) {
    return Corrupt("node " + std::to_string(index) + " time does not decode");
  }
  const std::string_view rest = r.Rest();
  if (rest.empty()) return n;  // no properties
  Result<Value> props = ParseJson(rest);
  if (!props.ok() || !props->is_object()) {
    return Corrupt("node " + std::to_string(index) + " properties do not decode");
  }
  n.record.properties = std::move(*props);
  return n;
}

Result<std::string_view> DecodeNodeId(std::string_view value) {
  Reader r(value);
  std::string_view id;
  if (!r.String(id)) return Corrupt("node id does not decode");
  return id;
}

std::string EncodeState(const StoreState& s) {
  std::string v;
  PutVarint(v, 1);  // format version
  PutVarint(v, s.applied_batch);
  PutVarint(v, s.applied_seq);
  PutVarint(v, s.node_count);
  PutVarint(v, s.edge_count);
  PutVarint(v, s.archived_edges);
  PutVarint(v, ZigZag(s.archive_cutoff));
  PutVarint(v, s.type_count);
  return v;
}

Result<StoreState> DecodeState(std::string_view value) {
  Reader r(value);
  StoreState s;
  uint64_t version = 0;
  if (!r.Varint(version) || version != 1 || !r.Varint(s.applied_batch) ||
      !r.Varint(s.applied_seq) || !r.Varint(s.node_count) || !r.Varint(s.edge_count) ||
      !r.Varint(s.archived_edges) || !r.SignedVarint(s.archive_cutoff) || !r.Varint(s.type_count) ||
      !r.done()) {
    return Corrupt("state record does not decode");
  }
  return s;
}

}  // namespace tf::graph::internal
