#include "graph/graph_record.h"

#include <algorithm>
#include <cstdlib>

#include "core/canonical_json.h"
#include "core/json.h"
#include "core/utf8.h"
#include "ledger/timestamp.h"

namespace tf::graph {
namespace {

Status CheckText(std::string_view s, size_t max, std::string_view what) {
  if (s.empty()) return InvalidArgument(std::string(what) + " is empty");
  if (s.size() > max) {
    return InvalidArgument(std::string(what) + " is longer than " + std::to_string(max) + " bytes");
  }
  if (!IsValidUtf8(s)) return InvalidArgument(std::string(what) + " is not valid UTF-8");
  return Status();
}

const Value* Field(const Value& obj, std::string_view key) {
  return obj.Find(key);
}

Result<std::string> StringField(const Value& obj, std::string_view key) {
  const Value* v = Field(obj, key);
  if (v == nullptr || !v->is_string()) {
    return InvalidArgument("record field \"" + std::string(key) + "\" must be a string");
  }
  return v->string();
}

Result<int64_t> TimeField(const Value& obj) {
  TF_ASSIGN_OR_RETURN(std::string text, StringField(obj, "observed_at"));
  return ledger::ParseCanonicalTimestamp(text);
}

Result<GraphRecord> RecordFromValue(const Value& v) {
  if (!v.is_object()) return InvalidArgument("record is not an object");
  TF_ASSIGN_OR_RETURN(std::string kind, StringField(v, "kind"));
  const Value* props = Field(v, "properties");
  if (props == nullptr) return InvalidArgument("record has no properties");
  if (kind == "node") {
    if (v.size() != 5) return InvalidArgument("node record must have exactly 5 fields");
    NodeRecord n;
    TF_ASSIGN_OR_RETURN(n.id, StringField(v, "id"));
    const Value* labels = Field(v, "labels");
    if (labels == nullptr || !labels->is_array()) return InvalidArgument("labels must be an array");
    for (const Value& l : labels->array()) {
      if (!l.is_string()) return InvalidArgument("labels must be strings");
      n.labels.push_back(l.string());
    }
    n.properties = *props;
    TF_ASSIGN_OR_RETURN(n.observed_at, TimeField(v));
    TF_RETURN_IF_ERROR(NormalizeNode(n));
    return GraphRecord(std::move(n));
  }
  if (kind == "edge") {
    if (v.size() != 6) return InvalidArgument("edge record must have exactly 6 fields");
    EdgeRecord e;
    TF_ASSIGN_OR_RETURN(e.src, StringField(v, "src"));
    TF_ASSIGN_OR_RETURN(e.dst, StringField(v, "dst"));
    TF_ASSIGN_OR_RETURN(e.type, StringField(v, "type"));
    e.properties = *props;
    TF_ASSIGN_OR_RETURN(e.observed_at, TimeField(v));
    TF_RETURN_IF_ERROR(ValidateEdge(e));
    return GraphRecord(std::move(e));
  }
  return InvalidArgument("record kind must be node or edge, not \"" + kind + "\"");
}

}  // namespace

Status ValidateNodeId(std::string_view id) {
  return CheckText(id, kMaxNodeIdBytes, "node id");
}

Status ValidateName(std::string_view name, std::string_view what) {
  return CheckText(name, kMaxNameBytes, what);
}

Status ValidateProperties(const Value& properties) {
  if (!properties.is_object()) return InvalidArgument("properties must be an object");
  for (const ObjectEntry& e : properties.object()) {
    if (!e.first.is_string()) return InvalidArgument("property names must be strings");
  }
  Result<std::string> canonical = CanonicalJson(properties);
  if (!canonical.ok())
    return InvalidArgument("properties: " + std::string(canonical.status().message()));
  return Status();
}

Status NormalizeNode(NodeRecord& node) {
  TF_RETURN_IF_ERROR(ValidateNodeId(node.id));
  std::sort(node.labels.begin(), node.labels.end());
  node.labels.erase(std::unique(node.labels.begin(), node.labels.end()), node.labels.end());
  if (node.labels.size() > kMaxLabels) {
    return InvalidArgument("more than " + std::to_string(kMaxLabels) + " labels");
  }
  for (const std::string& l : node.labels)
    TF_RETURN_IF_ERROR(ValidateName(l, "label"));
  return ValidateProperties(node.properties);
}

Status ValidateEdge(const EdgeRecord& edge) {
  TF_RETURN_IF_ERROR(ValidateNodeId(edge.src).WithContext("src"));
  TF_RETURN_IF_ERROR(ValidateNodeId(edge.dst).WithContext("dst"));
  TF_RETURN_IF_ERROR(ValidateName(edge.type, "edge type"));
  return ValidateProperties(edge.properties);
}

// Keys in RFC 8785 order: id, kind, labels, observed_at, properties.
Status AppendLeafBytes(std::string& out, const NodeRecord& node) {
  out += "{\"id\":";
  AppendCanonicalString(out, node.id);
  out += ",\"kind\":\"node\",\"labels\":[";
  for (size_t i = 0; i < node.labels.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendCanonicalString(out, node.labels[i]);
  }
  out += "],\"observed_at\":\"";
  ledger::AppendTimestamp(out, node.observed_at);
  out += "\",\"properties\":";
  TF_RETURN_IF_ERROR(AppendCanonicalJson(out, node.properties));
  out.push_back('}');
  return Status();
}

// Keys in RFC 8785 order: dst, kind, observed_at, properties, src, type.
Status AppendLeafBytes(std::string& out, const EdgeRecord& edge) {
  out += "{\"dst\":";
  AppendCanonicalString(out, edge.dst);
  out += ",\"kind\":\"edge\",\"observed_at\":\"";
  ledger::AppendTimestamp(out, edge.observed_at);
  out += "\",\"properties\":";
  TF_RETURN_IF_ERROR(AppendCanonicalJson(out, edge.properties));
  out += ",\"src\":";
  AppendCanonicalString(out, edge.src);
  out += ",\"type\":";
  AppendCanonicalString(out, edge.type);
  out.push_back('}');
  return Status();
}

Value RecordToValue(const NodeRecord& node) {
  std::vector<Value> labels;
  for (const std::string& l : node.labels)
    labels.push_back(Value::String(l));
  return Value::Object(
      {{Value::String("id"), Value::String(node.id)},
       {Value::String("kind"), Value::String("node")},
       {Value::String("labels"), Value::Array(std::move(labels))},
       {Value::String("observed_at"), Value::String(ledger::FormatTimestamp(node.observed_at))},
       {Value::String("properties"), node.properties}});
}

Value RecordToValue(const EdgeRecord& edge) {
  return Value::Object(
      {{Value::String("dst"), Value::String(edge.dst)},
       {Value::String("kind"), Value::String("edge")},
       {Value::String("observed_at"), Value::String(ledger::FormatTimestamp(edge.observed_at))},
       {Value::String("properties"), edge.properties},
       {Value::String("src"), Value::String(edge.src)},
       {Value::String("type"), Value::String(edge.type)}});
}

Result<GraphRecord> RecordFromLeafBytes(std::string_view bytes) {
  TF_ASSIGN_OR_RETURN(Value v, ParseJson(bytes));
  TF_ASSIGN_OR_RETURN(GraphRecord record, RecordFromValue(v));
  std::string again;
  TF_RETURN_IF_ERROR(std::visit([&](const auto& r) { return AppendLeafBytes(again, r); }, record));
  if (again != bytes) return InvalidArgument("record is not in canonical form");
  return record;
}

}  // namespace tf::graph
