// InputSchema::Validate: a direct walk of the parsed schema nodes. It runs on every decision,
// so the success path allocates nothing: the JSON Pointer of an offending value is assembled
// only on failure, one step per level as the error unwinds.
#include <algorithm>
#include <span>
#include <string_view>

#include "core/utf8.h"
#include "policy/input_schema.h"

namespace tf::policy {
namespace {

// RFC 6901: '~' as "~0" and '/' as "~1".
void AppendPointerToken(std::string& pointer, std::string_view token) {
  pointer += '/';
  for (char c : token) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

std::string TypeNames(uint8_t types) {
  static constexpr std::pair<uint8_t, std::string_view> kNames[] = {
      {1u << static_cast<int>(ValueKind::kNull), "null"},
      {1u << static_cast<int>(ValueKind::kBool), "boolean"},
      {InputSchema::kIntegerBit, "integer"},
      {1u << static_cast<int>(ValueKind::kNumber), "number"},
      {1u << static_cast<int>(ValueKind::kString), "string"},
      {1u << static_cast<int>(ValueKind::kArray), "array"},
      {1u << static_cast<int>(ValueKind::kObject), "object"},
  };
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if ((types & bit) == 0) continue;
    if (!out.empty()) out += " or ";
    out += name;
  }
  return out;
}

class Validator {
 public:
  explicit Validator(const std::vector<InputSchema::Node>& nodes) : nodes_(nodes) {}

  // Returns false on the first mismatch, leaving its description in failure().
  bool Check(uint32_t node_index, const Value& v);
  Status failure() const;

 private:
  bool Fail(std::string message) {
    message_ = std::move(message);
    return false;
  }
  // Records one step of the failing value's path (innermost first) and keeps failing.
  bool Unwind(std::string step) {
    reversed_path_.push_back(std::move(step));
    return false;
  }
  static bool TypeMatches(uint8_t types, const Value& v);
  bool CheckNumber(const InputSchema::Node& n, const Value& v);
  bool CheckString(const InputSchema::Node& n, const Value& v);
  bool CheckObject(const InputSchema::Node& n, const Value& v);
  bool CheckArray(const InputSchema::Node& n, const Value& v);

  const std::vector<InputSchema::Node>& nodes_;
  std::string message_;
  std::vector<std::string> reversed_path_;
};

Status Validator::failure() const {
  std::string pointer;
  for (auto it = reversed_path_.rbegin(); it != reversed_path_.rend(); ++it) {
    AppendPointerToken(pointer, *it);
  }
  return Status(ErrorCode::kInputSchemaViolation,
                "input does not match the pack's input schema at " +
                    (pointer.empty() ? std::string("/") : pointer) + ": " + message_);
}

// Compares a number with a bound; small integers (the common case) without big arithmetic.
int CompareNumber(const Value& v, const Value& bound) {
  if (v.is_small_int() && bound.is_small_int()) {
    return v.small_int() < bound.small_int() ? -1 : v.small_int() > bound.small_int() ? 1 : 0;
  }
  return v.number().Compare(bound.number());
}

bool Validator::TypeMatches(uint8_t types, const Value& v) {
  if (types == InputSchema::Node::kAnyType) return true;
  if ((types & (1u << static_cast<int>(v.kind()))) != 0) return true;
  return (types & InputSchema::kIntegerBit) != 0 &&
         (v.is_small_int() || (v.is_number() && v.number().IsInteger()));
}

bool Validator::CheckNumber(const InputSchema::Node& n, const Value& v) {
  if (n.minimum && CompareNumber(v, *n.minimum) < 0) return Fail("below minimum");
  if (n.maximum && CompareNumber(v, *n.maximum) > 0) return Fail("above maximum");
  if (n.exclusive_minimum && CompareNumber(v, *n.exclusive_minimum) <= 0) {
    return Fail("not above exclusiveMinimum");
  }
  if (n.exclusive_maximum && CompareNumber(v, *n.exclusive_maximum) >= 0) {
    return Fail("not below exclusiveMaximum");
  }
  return true;
}

bool Validator::CheckString(const InputSchema::Node& n, const Value& v) {
  if (!n.min_length && !n.max_length) return true;
  size_t length = CountCodePoints(v.string());
  if (n.min_length && length < *n.min_length) return Fail("shorter than minLength");
  if (n.max_length && length > *n.max_length) return Fail("longer than maxLength");
  return true;
}

// Input entries and schema properties are both sorted by name (Value objects keep their keys in
// byte order, as std::string compares), so one merge pass matches them.
bool Validator::CheckObject(const InputSchema::Node& n, const Value& v) {
  for (const std::string& name : n.required) {
    if (v.Find(name) == nullptr) return Fail("missing required property \"" + name + "\"");
  }
  const std::vector<std::pair<std::string, uint32_t>>& props = n.properties;
  size_t p = 0;
  for (const auto& [key, child] : v.object()) {
    if (!key.is_string()) return Fail("object keys must be strings");
    const std::string& name = key.string();
    int order = 1;
    while (p < props.size() && (order = props[p].first.compare(name)) < 0)
      ++p;
    uint32_t schema = n.additional_schema;
    if (p < props.size() && order == 0) {
      schema = props[p].second;
    } else if (!n.additional_allowed) {
      Fail("property not allowed (additionalProperties is false)");
      return Unwind(name);
    }
    if (schema != UINT32_MAX && !Check(schema, child)) return Unwind(name);
  }
  return true;
}

bool Validator::CheckArray(const InputSchema::Node& n, const Value& v) {
  std::span<const Value> items = v.is_array() ? v.array() : v.set();
  if (n.min_items && items.size() < *n.min_items) return Fail("fewer items than minItems");
  if (n.max_items && items.size() > *n.max_items) return Fail("more items than maxItems");
  if (n.items == UINT32_MAX) return true;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!Check(n.items, items[i])) return Unwind(std::to_string(i));
  }
  return true;
}

bool Validator::Check(uint32_t node_index, const Value& v) {
  const InputSchema::Node& n = nodes_[node_index];
  if (!TypeMatches(n.types, v)) {
    return Fail("expected " + TypeNames(n.types) + ", got " + std::string(v.TypeName()));
  }
  if (n.const_value && *n.const_value != v) return Fail("not the const value");
  if (n.enum_values) {
    std::span<const Value> options = n.enum_values->array();
    if (std::none_of(options.begin(), options.end(), [&](const Value& e) { return e == v; })) {
      return Fail("not one of the enum values");
    }
  }
  switch (v.kind()) {
    case ValueKind::kNumber:
      return CheckNumber(n, v);
    case ValueKind::kString:
      return CheckString(n, v);
    case ValueKind::kObject:
      return CheckObject(n, v);
    case ValueKind::kArray:
    case ValueKind::kSet:
      return CheckArray(n, v);
    default:
      return true;
  }
}

}  // namespace

Status InputSchema::Validate(const Value& input) const {
  Validator validator(nodes_);
  return validator.Check(0, input) ? Status() : validator.failure();
}

}  // namespace tf::policy
