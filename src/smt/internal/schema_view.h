// File: smt/internal/schema_view.h
//
// A pack's input schema (the JSON Schema subset of docs/PACKS.md) read as constraints for the
// prover: the kinds a value may have, the properties an object has or must have, array items
// and bounds, enumerations and numeric and length bounds. Keywords that only annotate (title,
// description, examples, default, $schema, $comment) are skipped; any other keyword is refused,
// so the prover never quantifies over fewer inputs than the schema admits without saying so.
#ifndef TF_SMT_INTERNAL_SCHEMA_VIEW_H_
#define TF_SMT_INTERNAL_SCHEMA_VIEW_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"

namespace tf::smt::internal {

inline constexpr uint32_t kNoSchema = UINT32_MAX;

// Bits per JSON kind (ValueKind values 0..5); sets never occur in JSON input.
inline constexpr uint8_t KindBit(ValueKind k) {
  return static_cast<uint8_t>(1u << static_cast<int>(k));
}
inline constexpr uint8_t kJsonKinds = 0x3F;

struct SchemaNode {
  uint8_t kinds = kJsonKinds;
  bool integer_only = false;  // numbers must be integral ("integer" without "number")
  std::map<std::string, uint32_t> properties;
  std::set<std::string> required;
  bool additional_allowed = true;
  uint32_t additional = kNoSchema;  // schema of properties not listed, if any
  uint32_t items = kNoSchema;
  std::optional<std::vector<Value>> enum_values;  // scalars only
  std::optional<Number> minimum, maximum, exclusive_minimum, exclusive_maximum;
  std::optional<uint64_t> min_length, max_length, min_items, max_items;
  Value source;  // the schema object as written, to validate values built from it
  // What the prover may assume about objects: no keys beyond `properties`.
  bool closed() const { return !additional_allowed; }
};

class SchemaView {
 public:
  // kSmtUnsupported naming the keyword and its path when the schema leaves the subset.
  static Result<SchemaView> Parse(const Value& schema);

  const SchemaNode& node(uint32_t i) const { return nodes_[i]; }
  uint32_t root() const { return 0; }
  const Value& document() const { return document_; }

 private:
  Result<uint32_t> ParseNode(const Value& v, const std::string& path);
  std::vector<SchemaNode> nodes_;
  Value document_;
};

}  // namespace tf::smt::internal

#endif  // TF_SMT_INTERNAL_SCHEMA_VIEW_H_
