// File: graph/column_spec.h
//
// How the columns of a CSV ingest file map to a record, declared as `name[:type],…`
// (`--node-columns id,name,labels` or `--edge-columns src,dst,rating:int,time:time`).
//
// Structural names: nodes need `id` and may have `labels` (';'-separated); edges need `src` and
// `dst` and may have `type`. The record's observed_at comes from the column named `observed_at`
// or else from the first column of type `time`; without one it is the ingest time. Every other
// column becomes a property of its type: string (default), int, float, bool, time (stored as an
// RFC 3339 string) — or `ignore`, which skips the column.
#ifndef TF_GRAPH_COLUMN_SPEC_H_
#define TF_GRAPH_COLUMN_SPEC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tf::graph {

enum class RecordKind : uint8_t { kNode = 0, kEdge = 1 };

enum class ColumnType : uint8_t { kString, kInt, kFloat, kBool, kTime, kIgnore };

// What a column contributes to the record.
enum class ColumnRole : uint8_t {
  kProperty,
  kId,
  kLabels,
  kSrc,
  kDst,
  kType,
  kObservedAt,
  kIgnore,
};

struct Column {
  std::string name;
  ColumnType type = ColumnType::kString;
  ColumnRole role = ColumnRole::kProperty;
};

struct ColumnSpec {
  RecordKind kind = RecordKind::kNode;
  std::vector<Column> columns;
};

// Parses a declaration. kGraphColumnsInvalid naming the offending column.
Result<ColumnSpec> ParseColumnSpec(std::string_view text, RecordKind kind);
// The same from already split names (a CSV header row).
Result<ColumnSpec> ColumnSpecFromHeader(const std::vector<std::string>& names, RecordKind kind);

}  // namespace tf::graph

#endif  // TF_GRAPH_COLUMN_SPEC_H_
