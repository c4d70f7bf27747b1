// File: policy/input_schema.h
//
// The optional input schema of a pack: a JSON Schema subset that pins down the shape of the
// input the pack's rules read. Decisions validate their input against it (an input that does not
// fit fails closed with kInputSchemaViolation), and the proofs (issue 5) read the types and
// bounds from the parsed nodes. The schema is also checked with core's JsonSchema when it is
// parsed, so it is valid JSON Schema as well as inside the subset; validation walks the parsed
// nodes directly because it runs on every decision (core's general validator builds a path
// string per value).
//
// Supported keywords: type (null, boolean, integer, number, string, array, object, or a list of
// them), properties, required, additionalProperties (boolean or schema), items (one schema),
// enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum (numbers), minLength,
// maxLength (code points), minItems, maxItems, and the annotations title, description,
// examples, default, $schema, $comment. Anything else (pattern, format, $ref, anyOf, …) is
// refused, so a schema never means less to the validator or the prover than it says.
//
//   tf::Result<tf::policy::InputSchema> schema = tf::policy::InputSchema::FromValue(doc);
//   tf::Status s = schema->Validate(input);  // kInputSchemaViolation: "/supplier/tier: ..."
#ifndef TF_POLICY_INPUT_SCHEMA_H_
#define TF_POLICY_INPUT_SCHEMA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"

namespace tf::policy {

class InputSchema {
 public:
  // Checks that `schema` stays inside the subset. On failure (kPackSchemaInvalid) and when
  // `error_path` is given, it receives the keys/indices leading to the offending part, so the
  // caller can point at a line of the file the schema came from.
  static Result<InputSchema> FromValue(const Value& schema,
                                       std::vector<std::string>* error_path = nullptr);

  // The schema document as written.
  const Value& value() const { return value_; }

  // OK when `input` conforms; otherwise kInputSchemaViolation naming the JSON Pointer (RFC
  // 6901) of the first mismatch (in key order) and the keyword. Messages name types, keywords
  // and property names, never the input's values. Thread-safe.
  Status Validate(const Value& input) const;

  // One node of the parsed schema; public for the validator and the proofs.
  struct Node {
    static constexpr uint8_t kAnyType = 0;
    uint8_t types = kAnyType;  // bit per ValueKind, plus kIntegerBit; 0 accepts every kind
    std::vector<std::pair<std::string, uint32_t>> properties;  // sorted by name
    std::vector<std::string> required;
    bool additional_allowed = true;
    uint32_t additional_schema = UINT32_MAX;
    uint32_t items = UINT32_MAX;
    std::optional<Value> enum_values;  // an array
    std::optional<Value> const_value;
    std::optional<Value> minimum, maximum, exclusive_minimum, exclusive_maximum;  // numbers
    std::optional<uint64_t> min_length, max_length, min_items, max_items;
    std::optional<Value> examples;  // an array (an annotation: sample values, never checked)
  };
  static constexpr uint8_t kIntegerBit = 1u << 7;

  const std::vector<Node>& nodes() const { return nodes_; }  // nodes()[0] is the root

 private:
  InputSchema() = default;
  Value value_;
  std::vector<Node> nodes_;
};

}  // namespace tf::policy

#endif  // TF_POLICY_INPUT_SCHEMA_H_
