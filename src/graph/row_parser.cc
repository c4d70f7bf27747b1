#include "graph/row_parser.h"

#include <charconv>

#include "graph/time_value.h"
#include "ledger/timestamp.h"

namespace tf::graph {
namespace {

Status RowError(std::string message) {
  return Status(ErrorCode::kGraphRowInvalid, std::move(message));
}

Status Wrap(const Status& s) {
  if (s.ok()) return s;
  return RowError(std::string(s.message()));
}

// A typed cell as a property value; nullopt-like null Value for an empty cell (absent).
Result<Value> TypedCell(const Column& c, const std::string& text) {
  const std::string where = "column " + c.name + ": ";
  switch (c.type) {
    case ColumnType::kString:
      return Value::String(text);
    case ColumnType::kInt: {
      int64_t v = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || p != text.data() + text.size()) {
        return RowError(where + "\"" + text + "\" is not an integer");
      }
      return Value::Int(v);
    }
    case ColumnType::kFloat: {
      Result<Number> n = Number::Parse(text);
      if (!n.ok()) return RowError(where + "\"" + text + "\" is not a number");
      return Value::FromNumber(*n);
    }
    case ColumnType::kBool:
      if (text == "true") return Value::Bool(true);
      if (text == "false") return Value::Bool(false);
      return RowError(where + "\"" + text + "\" is not true or false");
    case ColumnType::kTime: {
      Result<int64_t> t = ParseTimeText(text);
      if (!t.ok()) return RowError(where + std::string(t.status().message()));
      return Value::String(ledger::FormatTimestamp(*t));
    }
    case ColumnType::kIgnore:
      return Value();
  }
  return Value();
}

Status CheckWidth(const ColumnSpec& spec, std::span<const std::string> fields) {
  if (fields.size() != spec.columns.size()) {
    return RowError("row has " + std::to_string(fields.size()) + " fields, " +
                    std::to_string(spec.columns.size()) + " columns are declared");
  }
  return Status();
}

// Fills the fields every record kind shares; `take` receives structural columns.
template <typename Take>
Status ReadCells(const ColumnSpec& spec, std::span<const std::string> fields, Value& properties,
                 int64_t& observed_at, Take take) {
  TF_RETURN_IF_ERROR(CheckWidth(spec, fields));
  std::vector<ObjectEntry> props;
  for (size_t i = 0; i < fields.size(); ++i) {
    const Column& c = spec.columns[i];
    const std::string& text = fields[i];
    switch (c.role) {
      case ColumnRole::kIgnore:
        break;
      case ColumnRole::kObservedAt: {
        Result<int64_t> t = ParseTimeText(text);
        if (!t.ok()) return RowError("column " + c.name + ": " + std::string(t.status().message()));
        observed_at = *t;
        break;
      }
      case ColumnRole::kProperty: {
        if (text.empty()) break;  // an empty cell is an absent property
        TF_ASSIGN_OR_RETURN(Value v, TypedCell(c, text));
        props.emplace_back(Value::String(c.name), std::move(v));
        break;
      }
      default:
        TF_RETURN_IF_ERROR(take(c.role, text));
    }
  }
  properties = Value::Object(std::move(props));
  return Status();
}

void SplitLabels(const std::string& text, std::vector<std::string>& labels) {
  size_t start = 0;
  while (start < text.size()) {
    size_t semi = text.find(';', start);
    if (semi == std::string::npos) semi = text.size();
    if (semi > start) labels.push_back(text.substr(start, semi - start));
    start = semi + 1;
  }
}

Result<std::string> IdValue(const Value* v, std::string_view key) {
  if (v == nullptr) return RowError("missing \"" + std::string(key) + "\"");
  if (v->is_string()) return v->string();
  if (v->is_number() && v->number().IsInteger()) return v->number().ToString();
  return RowError("\"" + std::string(key) + "\" must be a string or an integer");
}

Status CheckKeys(const Value& row, std::initializer_list<std::string_view> allowed,
                 std::string_view what) {
  if (!row.is_object()) return RowError("a row must be a JSON object");
  for (const ObjectEntry& e : row.object()) {
    bool known = false;
    for (std::string_view k : allowed)
      known = known || (e.first.is_string() && e.first.string() == k);
    if (!known) {
      std::string list;
      for (std::string_view k : allowed)
        list += (list.empty() ? "" : ", ") + std::string(k);
      return RowError("unknown key in " + std::string(what) + " row (expected " + list + ")");
    }
  }
  return Status();
}

Status JsonCommon(const Value& row, Value& properties, int64_t& observed_at) {
  if (const Value* p = row.Find("properties")) {
    if (!p->is_object()) return RowError("\"properties\" must be an object");
    properties = *p;
  }
  if (const Value* t = row.Find("observed_at")) {
    Result<int64_t> parsed = ParseTimeValue(*t);
    if (!parsed.ok()) return RowError("observed_at: " + std::string(parsed.status().message()));
    observed_at = *parsed;
  }
  return Status();
}

}  // namespace

Result<NodeRecord> ParseNodeCsvRow(const ColumnSpec& spec, std::span<const std::string> fields,
                                   const RowDefaults& defaults) {
  NodeRecord n;
  n.observed_at = defaults.observed_at;
  n.labels = defaults.node_labels;
  TF_RETURN_IF_ERROR(ReadCells(spec, fields, n.properties, n.observed_at,
                               [&](ColumnRole role, const std::string& text) {
                                 if (role == ColumnRole::kId) n.id = text;
                                 if (role == ColumnRole::kLabels) SplitLabels(text, n.labels);
                                 return Status();
                               }));
  TF_RETURN_IF_ERROR(Wrap(NormalizeNode(n)));
  return n;
}

Result<EdgeRecord> ParseEdgeCsvRow(const ColumnSpec& spec, std::span<const std::string> fields,
                                   const RowDefaults& defaults) {
  EdgeRecord e;
  e.observed_at = defaults.observed_at;
  e.type = defaults.edge_type;
  TF_RETURN_IF_ERROR(ReadCells(spec, fields, e.properties, e.observed_at,
                               [&](ColumnRole role, const std::string& text) {
                                 if (role == ColumnRole::kSrc) e.src = text;
                                 if (role == ColumnRole::kDst) e.dst = text;
                                 if (role == ColumnRole::kType && !text.empty()) e.type = text;
                                 return Status();
                               }));
  TF_RETURN_IF_ERROR(Wrap(ValidateEdge(e)));
  return e;
}

Result<NodeRecord> ParseNodeJson(const Value& row, const RowDefaults& defaults) {
  TF_RETURN_IF_ERROR(CheckKeys(row, {"id", "labels", "properties", "observed_at"}, "node"));
  NodeRecord n;
  n.observed_at = defaults.observed_at;
  n.labels = defaults.node_labels;
  TF_ASSIGN_OR_RETURN(n.id, IdValue(row.Find("id"), "id"));
  if (const Value* labels = row.Find("labels")) {
    if (labels->is_string()) {
      n.labels.push_back(labels->string());
    } else if (labels->is_array()) {
      for (const Value& l : labels->array()) {
        if (!l.is_string()) return RowError("\"labels\" must hold strings");
        n.labels.push_back(l.string());
      }
    } else {
      return RowError("\"labels\" must be a string or an array of strings");
    }
  }
  TF_RETURN_IF_ERROR(JsonCommon(row, n.properties, n.observed_at));
  TF_RETURN_IF_ERROR(Wrap(NormalizeNode(n)));
  return n;
}

Result<EdgeRecord> ParseEdgeJson(const Value& row, const RowDefaults& defaults) {
  TF_RETURN_IF_ERROR(CheckKeys(row, {"src", "dst", "type", "properties", "observed_at"}, "edge"));
  EdgeRecord e;
  e.observed_at = defaults.observed_at;
  e.type = defaults.edge_type;
  TF_ASSIGN_OR_RETURN(e.src, IdValue(row.Find("src"), "src"));
  TF_ASSIGN_OR_RETURN(e.dst, IdValue(row.Find("dst"), "dst"));
  if (const Value* t = row.Find("type")) {
    if (!t->is_string()) return RowError("\"type\" must be a string");
    e.type = t->string();
  }
  TF_RETURN_IF_ERROR(JsonCommon(row, e.properties, e.observed_at));
  TF_RETURN_IF_ERROR(Wrap(ValidateEdge(e)));
  return e;
}

}  // namespace tf::graph
