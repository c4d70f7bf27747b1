// File: graph/row_parser.h
//
// Turns one ingest row into a record: a CSV row through its `ColumnSpec`, or an NDJSON line.
//
// NDJSON rows are objects with exactly these keys (others are refused):
//   node: {"id": "42" | 42, "labels": ["User"] | "User", "properties": {…}, "observed_at": t}
//   edge: {"src": …, "dst": …, "type": "RATED", "properties": {…}, "observed_at": t}
// Only id (nodes) and src, dst (edges) are required; t is Unix seconds (number or string) or an
// RFC 3339 string. Integer ids are written as decimal strings.
//
// Errors are kGraphRowInvalid without a position; the ingester prefixes file:line.
#ifndef TF_GRAPH_ROW_PARSER_H_
#define TF_GRAPH_ROW_PARSER_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "graph/column_spec.h"
#include "graph/graph_record.h"

namespace tf::graph {

// What a row leaves out.
struct RowDefaults {
  int64_t observed_at = 0;               // usually the ingest time
  std::string edge_type = "RELATED";     // edges without a type column or key
  std::vector<std::string> node_labels;  // added to every node's labels
};

Result<NodeRecord> ParseNodeCsvRow(const ColumnSpec& spec, std::span<const std::string> fields,
                                   const RowDefaults& defaults);
Result<EdgeRecord> ParseEdgeCsvRow(const ColumnSpec& spec, std::span<const std::string> fields,
                                   const RowDefaults& defaults);
Result<NodeRecord> ParseNodeJson(const Value& row, const RowDefaults& defaults);
Result<EdgeRecord> ParseEdgeJson(const Value& row, const RowDefaults& defaults);

}  // namespace tf::graph

#endif  // TF_GRAPH_ROW_PARSER_H_
