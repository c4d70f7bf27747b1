// Column declarations, CSV records, row parsing and time values.
#include <gtest/gtest.h>

#include "core/json.h"
#include "graph/column_spec.h"
#include "graph/csv_record.h"
#include "graph/line_source.h"
#include "graph/row_parser.h"
#include "graph/time_value.h"

namespace tf::graph {
namespace {

TEST(ColumnSpecTest, EdgeColumnsWithTypes) {
  Result<ColumnSpec> spec = ParseColumnSpec("src,dst,rating:int,time:time", RecordKind::kEdge);
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  ASSERT_EQ(spec->columns.size(), 4u);
  EXPECT_EQ(spec->columns[0].role, ColumnRole::kSrc);
  EXPECT_EQ(spec->columns[1].role, ColumnRole::kDst);
  EXPECT_EQ(spec->columns[2].role, ColumnRole::kProperty);
  EXPECT_EQ(spec->columns[2].type, ColumnType::kInt);
  // The first time column becomes the observation time.
  EXPECT_EQ(spec->columns[3].role, ColumnRole::kObservedAt);
}

TEST(ColumnSpecTest, RefusesMalformedDeclarations) {
  struct Case {
    const char* text;
    RecordKind kind;
    const char* says;
  };
  const Case cases[] = {
      {"src,rating:int", RecordKind::kEdge, "src and dst"},
      {"name", RecordKind::kNode, "id column"},
      {"id,x:decimal", RecordKind::kNode, "unknown type"},
      {"id,id", RecordKind::kNode, "declared twice"},
      {"id,9lives", RecordKind::kNode, "a name is"},
      {"src:int,dst", RecordKind::kEdge, "structural"},
      {"id,observed_at:int", RecordKind::kNode, "observed_at"},
  };
  for (const Case& c : cases) {
    Result<ColumnSpec> spec = ParseColumnSpec(c.text, c.kind);
    ASSERT_FALSE(spec.ok()) << c.text;
    EXPECT_EQ(spec.status().code(), ErrorCode::kGraphColumnsInvalid) << c.text;
    EXPECT_NE(spec.status().message().find(c.says), std::string::npos)
        << c.text << ": " << spec.status().message();
  }
}

TEST(CsvRecordTest, QuotedFields) {
  std::vector<std::string> fields;
  ASSERT_TRUE(SplitCsvRecord("a,\"b,c\",\"say \"\"hi\"\"\",", fields).ok());
  EXPECT_EQ(fields, (std::vector<std::string>{"a", "b,c", "say \"hi\"", ""}));
  EXPECT_TRUE(CsvQuoteOpen("a,\"multi"));
  EXPECT_FALSE(CsvQuoteOpen("a,\"closed\""));
  EXPECT_FALSE(SplitCsvRecord("a,b\"c", fields).ok());
  EXPECT_FALSE(SplitCsvRecord("\"a\"b", fields).ok());
  EXPECT_FALSE(SplitCsvRecord("\"open", fields).ok());
}

TEST(RowParserTest, EdgeCsvRow) {
  ColumnSpec spec = *ParseColumnSpec("src,dst,rating:int,time:time", RecordKind::kEdge);
  std::vector<std::string> fields = {"610", "977", "-3", "1307526243.273450"};
  Result<EdgeRecord> e = ParseEdgeCsvRow(spec, fields, {});
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->src, "610");
  EXPECT_EQ(e->dst, "977");
  EXPECT_EQ(e->type, "RELATED");
  EXPECT_EQ(e->observed_at, 1307526243'273450000);
  EXPECT_EQ(*e->properties.Find("rating"), Value::Int(-3));
}

TEST(RowParserTest, BadCsvRowsNameTheProblem) {
  ColumnSpec spec = *ParseColumnSpec("src,dst,rating:int", RecordKind::kEdge);
  std::vector<std::string> bad_int = {"1", "2", "x"};
  Result<EdgeRecord> e = ParseEdgeCsvRow(spec, bad_int, {});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), ErrorCode::kGraphRowInvalid);
  EXPECT_NE(e.status().message().find("rating"), std::string::npos);
  std::vector<std::string> short_row = {"1", "2"};
  EXPECT_FALSE(ParseEdgeCsvRow(spec, short_row, {}).ok());
  std::vector<std::string> empty_id = {"", "2", "1"};
  EXPECT_FALSE(ParseEdgeCsvRow(spec, empty_id, {}).ok());
}

TEST(RowParserTest, NodeJson) {
  Result<Value> row =
      ParseJson(R"({"id":42,"labels":["User","Admin","User"],"properties":{"name":"ada"},)"
                R"("observed_at":"2011-06-08T09:44:03Z"})");
  ASSERT_TRUE(row.ok());
  Result<NodeRecord> n = ParseNodeJson(*row, {});
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(n->id, "42");
  EXPECT_EQ(n->labels, (std::vector<std::string>{"Admin", "User"}));
  EXPECT_EQ(n->observed_at, 1307526243'000000000);
  EXPECT_FALSE(ParseNodeJson(*ParseJson(R"({"id":"1","colour":"red"})"), {}).ok());
  EXPECT_FALSE(ParseNodeJson(*ParseJson(R"({"labels":["X"]})"), {}).ok());
  EXPECT_FALSE(ParseEdgeJson(*ParseJson(R"({"src":"1"})"), {}).ok());
}

TEST(TimeValueTest, SecondsAndRfc3339) {
  EXPECT_EQ(*ParseTimeText("1307526243.273450"), 1307526243'273450000);
  EXPECT_EQ(*ParseTimeText("0"), 0);
  EXPECT_EQ(*ParseTimeText("1970-01-01T00:00:01Z"), 1'000'000'000);
  EXPECT_FALSE(ParseTimeText("yesterday").ok());
  EXPECT_FALSE(ParseTimeText("1.2.3").ok());
  EXPECT_EQ(*ParseAge("30d"), int64_t{30} * 86400 * 1'000'000'000);
  EXPECT_EQ(*ParseAge("90s"), int64_t{90} * 1'000'000'000);
  EXPECT_FALSE(ParseAge("-1d").ok());
  EXPECT_FALSE(ParseAge("10").ok());
}

TEST(LineSourceTest, CountsLinesAndDropsCr) {
  auto in = LineSource::FromString("a\r\nb\n\nc", "mem");
  std::vector<std::string> lines;
  std::string_view line;
  while (in->Next(line))
    lines.emplace_back(line);
  EXPECT_EQ(lines, (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(in->line_number(), 4u);
  EXPECT_TRUE(in->status().ok());
  EXPECT_FALSE(LineSource::Open("/nonexistent/file.csv").ok());
}

}  // namespace
}  // namespace tf::graph
