#include "graph/csv_record.h"

#include <algorithm>

namespace tf::graph {

Status SplitCsvRecord(std::string_view record, std::vector<std::string>& fields) {
  size_t n = 0;
  size_t i = 0;
  for (;;) {
    if (n == fields.size()) fields.emplace_back();
    std::string& field = fields[n++];
    field.clear();
    if (i < record.size() && record[i] == '"') {
      ++i;
      for (;;) {
        const size_t q = record.find('"', i);
        if (q == std::string_view::npos) {
          return InvalidArgument("unterminated quoted field " + std::to_string(n));
        }
        field.append(record.substr(i, q - i));
        i = q + 1;
        if (i < record.size() && record[i] == '"') {
          field.push_back('"');
          ++i;
          continue;
        }
        break;
      }
      if (i < record.size() && record[i] != ',') {
        return InvalidArgument("text after the closing quote of field " + std::to_string(n));
      }
    } else {
      size_t end = record.find(',', i);
      if (end == std::string_view::npos) end = record.size();
      std::string_view raw = record.substr(i, end - i);
      if (raw.find('"') != std::string_view::npos) {
        return InvalidArgument("a quote inside unquoted field " + std::to_string(n));
      }
      field.assign(raw);
      i = end;
    }
    if (i >= record.size()) break;
    ++i;  // the comma
  }
  fields.resize(n);
  return Status();
}

bool CsvQuoteOpen(std::string_view text) {
  return std::count(text.begin(), text.end(), '"') % 2 == 1;
}

}  // namespace tf::graph
