#include "policy/input_schema.h"

#include "core/json_schema.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace tf::policy {
namespace {

constexpr int kMaxSchemaDepth = 64;

// Keywords that only annotate: kept in value(), never checked.
constexpr std::array<std::string_view, 6> kAnnotations = {"title",   "description", "examples",
                                                          "default", "$schema",     "$comment"};

class SchemaParser {
 public:
  explicit SchemaParser(std::vector<InputSchema::Node>& nodes) : nodes_(nodes) {}

  // Parses `schema` into a new node and returns its index.
  Result<uint32_t> Parse(const Value& schema, int depth);
  const std::vector<std::string>& path() const { return path_; }

 private:
  Status Fail(std::string message) const {
    std::string where = "/";
    for (size_t i = 0; i < path_.size(); ++i)
      where += (i ? "/" : "") + path_[i];
    return Status(ErrorCode::kPackSchemaInvalid, "input_schema at " + where + ": " + message);
  }
  Status Keyword(const std::string& key, const Value& v, uint32_t node, int depth);
  Status ParseType(const Value& v, InputSchema::Node& node);
  Status ParseProperties(const Value& v, uint32_t node, int depth);
  Result<uint64_t> Count(const Value& v);
  Result<Value> NumberValue(const Value& v);

  std::vector<InputSchema::Node>& nodes_;
  std::vector<std::string> path_;
};

Result<uint8_t> TypeBit(const Value& name) {
  if (!name.is_string()) return InvalidArgument("type names are strings");
  const std::string& s = name.string();
  if (s == "null") return uint8_t{1u << static_cast<int>(ValueKind::kNull)};
  if (s == "boolean") return uint8_t{1u << static_cast<int>(ValueKind::kBool)};
  if (s == "number") return uint8_t{1u << static_cast<int>(ValueKind::kNumber)};
  if (s == "integer") return InputSchema::kIntegerBit;
  if (s == "string") return uint8_t{1u << static_cast<int>(ValueKind::kString)};
  if (s == "array") return uint8_t{1u << static_cast<int>(ValueKind::kArray)};
  if (s == "object") return uint8_t{1u << static_cast<int>(ValueKind::kObject)};
  return InvalidArgument("unknown type \"" + s + "\"");
}

Status SchemaParser::ParseType(const Value& v, InputSchema::Node& node) {
  std::vector<Value> names;
  if (v.is_array()) {
    names.assign(v.array().begin(), v.array().end());
    if (names.empty()) return Fail("type lists at least one type");
  } else {
    names.push_back(v);
  }
  for (const Value& name : names) {
    Result<uint8_t> bit = TypeBit(name);
    if (!bit.ok()) return Fail(std::string(bit.status().message()));
    node.types |= *bit;
  }
  return Status();
}

Result<uint64_t> SchemaParser::Count(const Value& v) {
  std::optional<int64_t> n = v.is_number() ? v.number().ToInt64() : std::nullopt;
  if (!n || *n < 0) return Fail("must be a non-negative integer");
  return static_cast<uint64_t>(*n);
}

Result<Value> SchemaParser::NumberValue(const Value& v) {
  if (!v.is_number()) return Fail("must be a number");
  return v;
}

Status SchemaParser::ParseProperties(const Value& v, uint32_t node, int depth) {
  if (!v.is_object()) return Fail("properties is an object of schemas");
  std::vector<std::pair<std::string, uint32_t>> props;
  for (const auto& [key, sub] : v.object()) {
    path_.push_back(key.string());
    TF_ASSIGN_OR_RETURN(uint32_t child, Parse(sub, depth + 1));
    path_.pop_back();
    props.emplace_back(key.string(), child);
  }
  nodes_[node].properties = std::move(props);  // Value objects iterate in key order: sorted
  return Status();
}

Status SchemaParser::Keyword(const std::string& key, const Value& v, uint32_t node, int depth) {
  InputSchema::Node* n = &nodes_[node];
  if (key == "type") return ParseType(v, *n);
  if (key == "properties") return ParseProperties(v, node, depth);
  if (key == "required") {
    if (!v.is_array()) return Fail("required is a list of property names");
    for (const Value& name : v.array()) {
      if (!name.is_string()) return Fail("required is a list of property names");
      n->required.push_back(name.string());
    }
    return Status();
  }
  if (key == "additionalProperties" || key == "items") {
    if (key == "additionalProperties" && v.is_bool()) {
      n->additional_allowed = v.bool_value();
      return Status();
    }
    if (!v.is_object()) return Fail(key + " is a schema");
    TF_ASSIGN_OR_RETURN(uint32_t child, Parse(v, depth + 1));
    n = &nodes_[node];  // Parse may have grown nodes_
    (key == "items" ? n->items : n->additional_schema) = child;
    return Status();
  }
  if (key == "enum") {
    if (!v.is_array() || v.size() == 0) return Fail("enum is a non-empty list");
    n->enum_values = v;
    return Status();
  }
  if (key == "const") {
    n->const_value = v;
    return Status();
  }
  if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum" ||
      key == "exclusiveMaximum") {
    TF_ASSIGN_OR_RETURN(Value num, NumberValue(v));
    (key == "minimum"            ? n->minimum
     : key == "maximum"          ? n->maximum
     : key == "exclusiveMinimum" ? n->exclusive_minimum
                                 : n->exclusive_maximum) = num;
    return Status();
  }
  if (key == "minLength" || key == "maxLength" || key == "minItems" || key == "maxItems") {
    TF_ASSIGN_OR_RETURN(uint64_t count, Count(v));
    (key == "minLength"   ? n->min_length
     : key == "maxLength" ? n->max_length
     : key == "minItems"  ? n->min_items
                          : n->max_items) = count;
    return Status();
  }
  if (key == "examples") {
    if (!v.is_array()) return Fail("examples is a list");
    n->examples = v;
    return Status();
  }
  if (std::find(kAnnotations.begin(), kAnnotations.end(), key) != kAnnotations.end()) {
    return Status();
  }
  return Fail("unsupported keyword \"" + key + "\" (see docs/PACKS.md for the subset)");
}

Result<uint32_t> SchemaParser::Parse(const Value& schema, int depth) {
  if (depth > kMaxSchemaDepth) return Fail("nested deeper than 64 levels");
  if (!schema.is_object()) return Fail("a schema is an object");
  uint32_t node = static_cast<uint32_t>(nodes_.size());
  nodes_.emplace_back();
  for (const auto& [key, v] : schema.object()) {
    if (!key.is_string()) return Fail("keywords are strings");
    path_.push_back(key.string());
    TF_RETURN_IF_ERROR(Keyword(key.string(), v, node, depth));
    path_.pop_back();
  }
  return node;
}

}  // namespace

Result<InputSchema> InputSchema::FromValue(const Value& schema,
                                           std::vector<std::string>* error_path) {
  InputSchema out;
  SchemaParser parser(out.nodes_);
  Result<uint32_t> root = parser.Parse(schema, 0);
  if (!root.ok()) {
    if (error_path != nullptr) *error_path = parser.path();
    return root.status();
  }
  // The subset is JSON Schema, so core's validator must accept it too (a second opinion on,
  // e.g., the types of keyword values).
  Result<JsonSchema> standard = JsonSchema::Compile(schema);
  if (!standard.ok()) {
    return Status(ErrorCode::kPackSchemaInvalid,
                  "input_schema: " + std::string(standard.status().message()));
  }
  out.value_ = schema;
  return out;
}

}  // namespace tf::policy
