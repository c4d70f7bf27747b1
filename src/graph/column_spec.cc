#include "graph/column_spec.h"

#include <algorithm>

namespace tf::graph {
namespace {

Status Invalid(std::string message) {
  return Status(ErrorCode::kGraphColumnsInvalid, std::move(message));
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s[0])) return false;
  return std::all_of(s.begin(), s.end(),
                     [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

Result<ColumnType> ParseType(std::string_view t, std::string_view column) {
  if (t == "string") return ColumnType::kString;
  if (t == "int") return ColumnType::kInt;
  if (t == "float") return ColumnType::kFloat;
  if (t == "bool") return ColumnType::kBool;
  if (t == "time") return ColumnType::kTime;
  if (t == "ignore") return ColumnType::kIgnore;
  return Invalid("column \"" + std::string(column) + "\": unknown type \"" + std::string(t) +
                 "\" (string, int, float, bool, time, ignore)");
}

ColumnRole StructuralRole(std::string_view name, RecordKind kind) {
  if (kind == RecordKind::kNode) {
    if (name == "id") return ColumnRole::kId;
    if (name == "labels") return ColumnRole::kLabels;
  } else {
    if (name == "src") return ColumnRole::kSrc;
    if (name == "dst") return ColumnRole::kDst;
    if (name == "type") return ColumnRole::kType;
  }
  if (name == "observed_at") return ColumnRole::kObservedAt;
  return ColumnRole::kProperty;
}

Result<Column> ParseColumn(std::string_view item, RecordKind kind) {
  Column c;
  const size_t colon = item.find(':');
  std::string_view name = item.substr(0, colon);
  if (!IsIdentifier(name)) {
    return Invalid("column \"" + std::string(item) +
                   "\": a name is a letter or '_' then letters, digits or '_' (at most 64)");
  }
  c.name = std::string(name);
  c.role = StructuralRole(name, kind);
  if (colon != std::string_view::npos) {
    TF_ASSIGN_OR_RETURN(c.type, ParseType(item.substr(colon + 1), name));
  } else if (c.role == ColumnRole::kObservedAt) {
    c.type = ColumnType::kTime;
  }
  if (c.type == ColumnType::kIgnore) {
    c.role = ColumnRole::kIgnore;
    return c;
  }
  const bool structural = c.role != ColumnRole::kProperty && c.role != ColumnRole::kObservedAt;
  if (structural && c.type != ColumnType::kString) {
    return Invalid("column \"" + c.name + "\" is structural and holds text; it takes no type");
  }
  if (c.role == ColumnRole::kObservedAt && c.type != ColumnType::kTime) {
    return Invalid("column observed_at must be of type time");
  }
  return c;
}

Result<ColumnSpec> Finish(ColumnSpec spec) {
  auto count = [&](ColumnRole r) {
    return std::count_if(spec.columns.begin(), spec.columns.end(),
                         [&](const Column& c) { return c.role == r; });
  };
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (spec.columns[i].role != ColumnRole::kIgnore &&
          spec.columns[i].name == spec.columns[j].name)
        return Invalid("column \"" + spec.columns[i].name + "\" is declared twice");
    }
  }
  if (spec.kind == RecordKind::kNode && count(ColumnRole::kId) != 1) {
    return Invalid("node columns need an id column");
  }
  if (spec.kind == RecordKind::kEdge &&
      (count(ColumnRole::kSrc) != 1 || count(ColumnRole::kDst) != 1)) {
    return Invalid("edge columns need src and dst columns");
  }
  // Without an observed_at column, the first time column is the observation time.
  if (count(ColumnRole::kObservedAt) == 0) {
    for (Column& c : spec.columns) {
      if (c.role == ColumnRole::kProperty && c.type == ColumnType::kTime) {
        c.role = ColumnRole::kObservedAt;
        break;
      }
    }
  }
  return spec;
}

}  // namespace

Result<ColumnSpec> ParseColumnSpec(std::string_view text, RecordKind kind) {
  ColumnSpec spec;
  spec.kind = kind;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ')
      item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ')
      item.remove_suffix(1);
    TF_ASSIGN_OR_RETURN(Column c, ParseColumn(item, kind));
    spec.columns.push_back(std::move(c));
    start = comma + 1;
  }
  return Finish(std::move(spec));
}

Result<ColumnSpec> ColumnSpecFromHeader(const std::vector<std::string>& names, RecordKind kind) {
  ColumnSpec spec;
  spec.kind = kind;
  for (const std::string& n : names) {
    TF_ASSIGN_OR_RETURN(Column c, ParseColumn(n, kind));
    spec.columns.push_back(std::move(c));
  }
  return Finish(std::move(spec));
}

}  // namespace tf::graph
