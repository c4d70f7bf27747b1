// File: core/json.h
//
// JSON in and out of `Value`. Parsing uses simdjson's On-Demand API and keeps every number
// exact (the raw token goes to `Number::Parse`, never through a double). Output is compact or
// indented JSON with object keys in `Value` order; sets are written as arrays; non-string object
// keys (Rego allows them) are written as the JSON text of the key.
//
// For hashing, use core/canonical_json.h instead: this writer is for people and APIs.
#ifndef TF_CORE_JSON_H_
#define TF_CORE_JSON_H_

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/value.h"

namespace tf {

// A reusable parser: keeps simdjson's buffers between documents. Not thread-safe; use one per
// thread.
class JsonParser {
 public:
  JsonParser();
  ~JsonParser();
  JsonParser(const JsonParser&) = delete;
  JsonParser& operator=(const JsonParser&) = delete;

  // Parses one JSON document. Errors are kJsonParseError with a reason.
  Result<Value> Parse(std::string_view text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One-shot parse with a temporary parser.
Result<Value> ParseJson(std::string_view text);

struct JsonWriteOptions {
  // Indent nested values with `indent`, one entry per line (as Go's json.MarshalIndent).
  bool pretty = false;
  std::string indent = "  ";
  // Prefix for every line after the first when pretty (as Go's MarshalIndent prefix).
  std::string prefix;
  // Escape <, > and & as \u003c, \u003e, \u0026 (Go's json.Marshal default, used by OPA's
  // json.marshal builtin).
  bool escape_html = false;
};

std::string ToJson(const Value& value, const JsonWriteOptions& options = {});
void AppendJson(std::string& out, const Value& value, const JsonWriteOptions& options = {});
// Appends `s` as a quoted JSON string. Invalid UTF-8 bytes become U+FFFD.
void AppendJsonString(std::string& out, std::string_view s, bool escape_html = false);

}  // namespace tf

#endif  // TF_CORE_JSON_H_
