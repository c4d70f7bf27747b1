// File: core/json_schema.h
//
// JSON Schema validation (draft-07 keywords, with draft-04's boolean exclusive bounds), for
// OPA's json.verify_schema / json.match_schema and for checking documents against the schemas
// packs declare. A schema is compiled once, then validates many documents; validation reports
// every violation with the path of the offending value.
//
//   TF_ASSIGN_OR_RETURN(JsonSchema schema, JsonSchema::Compile(schema_value));
//   std::vector<SchemaViolation> errors = schema.Validate(document);
#ifndef TF_CORE_JSON_SCHEMA_H_
#define TF_CORE_JSON_SCHEMA_H_

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"

namespace tf {

struct SchemaViolation {
  std::string field;    // JSON-pointer-like path of the value, "(root)" for the document
  std::string keyword;  // the schema keyword that failed ("type", "required", ...)
  std::string message;  // for people
};

class JsonSchema {
 public:
  // Checks the schema itself (types of keywords, known type names, resolvable local $refs,
  // compilable patterns). Errors are kInvalidArgument.
  static Result<JsonSchema> Compile(const Value& schema);

  JsonSchema(JsonSchema&&) noexcept;
  JsonSchema& operator=(JsonSchema&&) noexcept;
  ~JsonSchema();

  // Every violation (empty when the document is valid).
  std::vector<SchemaViolation> Validate(const Value& document) const;

 private:
  struct Impl;
  explicit JsonSchema(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tf

#endif  // TF_CORE_JSON_SCHEMA_H_
