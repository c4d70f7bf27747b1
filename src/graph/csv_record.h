// File: graph/csv_record.h
//
// RFC 4180 records: fields separated by ',', a field may be quoted with '"' (a doubled quote
// inside stands for one quote, and a quoted field may hold commas and line breaks). A record
// that continues over several lines is joined by the caller while `CsvQuoteOpen` says so.
#ifndef TF_GRAPH_CSV_RECORD_H_
#define TF_GRAPH_CSV_RECORD_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tf::graph {

// Splits one record into `fields` (reusing its strings). kInvalidArgument for a quote inside an
// unquoted field, text after a closing quote, or an unterminated quote.
Status SplitCsvRecord(std::string_view record, std::vector<std::string>& fields);

// True when `text` ends inside a quoted field, i.e. the record continues on the next line.
bool CsvQuoteOpen(std::string_view text);

}  // namespace tf::graph

#endif  // TF_GRAPH_CSV_RECORD_H_
