// File: graph/line_source.h
//
// `LineSource`: the lines of an ingest file, read in large blocks. Lines end at LF; a CR before
// the LF is dropped. Tracks the 1-based line number (for error messages) and the bytes consumed
// (for progress). Not thread-safe.
//
//   TF_ASSIGN_OR_RETURN(std::unique_ptr<LineSource> in, LineSource::Open("edges.csv"));
//   std::string_view line;
//   while (in->Next(line)) Use(in->line_number(), line);
//   TF_RETURN_IF_ERROR(in->status());
#ifndef TF_GRAPH_LINE_SOURCE_H_
#define TF_GRAPH_LINE_SOURCE_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tf::graph {

class LineSource {
 public:
  // kIoError naming the path when it cannot be opened.
  static Result<std::unique_ptr<LineSource>> Open(const std::string& path);
  // Reads from memory (tests, fuzzing). `name` is used in messages.
  static std::unique_ptr<LineSource> FromString(std::string text, std::string name);
  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // The next line; false at the end or on a read error (see status()). The view stays valid
  // until the next call.
  bool Next(std::string_view& line);
  uint64_t line_number() const { return line_number_; }
  uint64_t bytes_consumed() const { return consumed_; }
  // Size of the file, 0 when unknown.
  uint64_t total_bytes() const { return total_; }
  const std::string& name() const { return name_; }
  const Status& status() const { return status_; }

 private:
  LineSource(std::FILE* file, std::string name, uint64_t total);
  void Fill();

  std::FILE* file_ = nullptr;
  std::string name_;
  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false;
  uint64_t line_number_ = 0;
  uint64_t consumed_ = 0;
  uint64_t total_ = 0;
  Status status_;
};

}  // namespace tf::graph

#endif  // TF_GRAPH_LINE_SOURCE_H_
