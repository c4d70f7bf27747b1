// File: graph/graph_record.h
//
// The graph's data model. A node is `{id, labels, properties, observed_at}`; an edge is a
// directed, typed observation `{src, dst, type, properties, observed_at}` between two node ids.
// Ids are strings (1..256 bytes of UTF-8); labels and edge types are 1..128 bytes of UTF-8;
// properties are a JSON object; observed_at is nanoseconds since the Unix epoch.
//
// Each record has one canonical byte form, its *leaf bytes*: the RFC 8785 canonical JSON of
//
//   {"id":"42","kind":"node","labels":["User"],"observed_at":"2011-06-08T09:44:03.273450000Z",
//    "properties":{"name":"ada"}}
//   {"dst":"977","kind":"edge","observed_at":"…","properties":{"rating":1},"src":"610",
//    "type":"RATED"}
//
// An ingest batch's Merkle root is built over its records' leaf bytes (RFC 9162 leaf hashes),
// so anyone holding a record and its proof can check it with any JCS implementation.
#ifndef TF_GRAPH_GRAPH_RECORD_H_
#define TF_GRAPH_GRAPH_RECORD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"
#include "core/value.h"

namespace tf::graph {

inline constexpr size_t kMaxNodeIdBytes = 256;
inline constexpr size_t kMaxNameBytes = 128;  // labels and edge types
inline constexpr size_t kMaxLabels = 32;

struct NodeRecord {
  std::string id;
  std::vector<std::string> labels;  // sorted, unique (Normalize)
  Value properties = Value::EmptyObject();
  int64_t observed_at = 0;
};

struct EdgeRecord {
  std::string src;
  std::string dst;
  std::string type;
  Value properties = Value::EmptyObject();
  int64_t observed_at = 0;
};

using GraphRecord = std::variant<NodeRecord, EdgeRecord>;

// kInvalidArgument with a reason naming the field.
Status ValidateNodeId(std::string_view id);
Status ValidateName(std::string_view name, std::string_view what);  // a label or an edge type
// An object with string keys whose values have a canonical JSON form.
Status ValidateProperties(const Value& properties);
// Sorts and de-duplicates the labels, then validates the whole record.
Status NormalizeNode(NodeRecord& node);
Status ValidateEdge(const EdgeRecord& edge);

// Appends the record's leaf bytes (see above). REQUIRES: the record is valid.
Status AppendLeafBytes(std::string& out, const NodeRecord& node);
Status AppendLeafBytes(std::string& out, const EdgeRecord& edge);

// The record as a Value (the same fields as the leaf bytes; observed_at as an RFC 3339 string).
Value RecordToValue(const NodeRecord& node);
Value RecordToValue(const EdgeRecord& edge);

// Reads leaf bytes back, strictly: exactly the fields above, valid, and in canonical form.
Result<GraphRecord> RecordFromLeafBytes(std::string_view bytes);

}  // namespace tf::graph

#endif  // TF_GRAPH_GRAPH_RECORD_H_
