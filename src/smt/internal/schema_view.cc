// Reading the input schema subset into prover constraints.
#include "smt/internal/schema_view.h"

namespace tf::smt::internal {
namespace {

Status Unsupported(const std::string& path, const std::string& what) {
  return Status(ErrorCode::kSmtUnsupported,
                "input schema " + (path.empty() ? std::string("(root)") : path) + ": " + what);
}

bool IsAnnotation(const std::string& key) {
  return key == "title" || key == "description" || key == "examples" || key == "default" ||
         key == "$schema" || key == "$comment";
}

Result<uint8_t> TypeBits(const Value& t, const std::string& path, bool* integer_only) {
  std::vector<Value> names;
  if (t.is_string()) {
    names.push_back(t);
  } else if (t.is_array()) {
    names.assign(t.array().begin(), t.array().end());
  } else {
    return Unsupported(path, "type must be a string or a list of strings");
  }
  uint8_t bits = 0;
  bool number = false;
  bool integer = false;
  for (const Value& n : names) {
    if (!n.is_string()) return Unsupported(path, "type must be a string or a list of strings");
    const std::string& s = n.string();
    if (s == "null") {
      bits |= KindBit(ValueKind::kNull);
    } else if (s == "boolean") {
      bits |= KindBit(ValueKind::kBool);
    } else if (s == "number") {
      number = true;
    } else if (s == "integer") {
      integer = true;
    } else if (s == "string") {
      bits |= KindBit(ValueKind::kString);
    } else if (s == "array") {
      bits |= KindBit(ValueKind::kArray);
    } else if (s == "object") {
      bits |= KindBit(ValueKind::kObject);
    } else {
      return Unsupported(path, "unknown type \"" + s + "\"");
    }
  }
  if (number || integer) bits |= KindBit(ValueKind::kNumber);
  *integer_only = integer && !number;
  return bits;
}

Result<uint64_t> Count(const Value& v, const std::string& path, const std::string& key) {
  if (!v.is_number() || !v.number().IsInteger() || v.number().Sign() < 0 || !v.number().ToInt64()) {
    return Unsupported(path, key + " must be a non-negative integer");
  }
  return static_cast<uint64_t>(*v.number().ToInt64());
}

Result<Number> Bound(const Value& v, const std::string& path, const std::string& key) {
  if (!v.is_number()) return Unsupported(path, key + " must be a number");
  return v.number();
}

}  // namespace

Result<SchemaView> SchemaView::Parse(const Value& schema) {
  SchemaView view;
  view.document_ = schema;
  TF_ASSIGN_OR_RETURN(uint32_t root, view.ParseNode(schema, ""));
  (void)root;
  return view;
}

Result<uint32_t> SchemaView::ParseNode(const Value& v, const std::string& path) {
  if (v.is_bool()) {
    uint32_t index = static_cast<uint32_t>(nodes_.size());
    nodes_.emplace_back();
    nodes_[index].source = v;
    if (!v.bool_value()) nodes_[index].kinds = 0;  // `false` admits nothing
    return index;
  }
  if (!v.is_object()) return Unsupported(path, "a schema must be an object or a boolean");
  uint32_t index = static_cast<uint32_t>(nodes_.size());
  nodes_.emplace_back();
  nodes_[index].source = v;
  for (const auto& [k, value] : v.object()) {
    if (!k.is_string()) return Unsupported(path, "non-string keyword");
    const std::string& key = k.string();
    std::string at = path + "/" + key;
    if (IsAnnotation(key)) continue;
    if (key == "type") {
      bool integer_only = false;
      TF_ASSIGN_OR_RETURN(uint8_t bits, TypeBits(value, at, &integer_only));
      nodes_[index].kinds = bits;
      nodes_[index].integer_only = integer_only;
    } else if (key == "properties") {
      if (!value.is_object()) return Unsupported(at, "properties must be an object");
      for (const auto& [name, sub] : value.object()) {
        if (!name.is_string()) return Unsupported(at, "property names must be strings");
        TF_ASSIGN_OR_RETURN(uint32_t child, ParseNode(sub, at + "/" + name.string()));
        nodes_[index].properties[name.string()] = child;
      }
    } else if (key == "required") {
      if (!value.is_array()) return Unsupported(at, "required must be a list of names");
      for (const Value& name : value.array()) {
        if (!name.is_string()) return Unsupported(at, "required must be a list of names");
        nodes_[index].required.insert(name.string());
      }
    } else if (key == "additionalProperties") {
      if (value.is_bool()) {
        nodes_[index].additional_allowed = value.bool_value();
      } else {
        TF_ASSIGN_OR_RETURN(uint32_t child, ParseNode(value, at));
        nodes_[index].additional = child;
      }
    } else if (key == "items") {
      if (value.is_array()) return Unsupported(at, "tuple items are outside the subset");
      TF_ASSIGN_OR_RETURN(uint32_t child, ParseNode(value, at));
      nodes_[index].items = child;
    } else if (key == "enum" || key == "const") {
      std::vector<Value> values;
      if (key == "const") {
        values.push_back(value);
      } else if (value.is_array()) {
        values.assign(value.array().begin(), value.array().end());
      } else {
        return Unsupported(at, "enum must be a list");
      }
      for (const Value& e : values) {
        if (e.is_collection()) return Unsupported(at, "enum and const values must be scalars");
      }
      if (nodes_[index].enum_values) {
        // Both enum and const: the values both admit.
        std::vector<Value> both;
        for (const Value& e : values) {
          for (const Value& f : *nodes_[index].enum_values) {
            if (e == f) both.push_back(e);
          }
        }
        values = std::move(both);
      }
      nodes_[index].enum_values = std::move(values);
    } else if (key == "minimum") {
      TF_ASSIGN_OR_RETURN(nodes_[index].minimum, Bound(value, at, key));
    } else if (key == "maximum") {
      TF_ASSIGN_OR_RETURN(nodes_[index].maximum, Bound(value, at, key));
    } else if (key == "exclusiveMinimum") {
      TF_ASSIGN_OR_RETURN(nodes_[index].exclusive_minimum, Bound(value, at, key));
    } else if (key == "exclusiveMaximum") {
      TF_ASSIGN_OR_RETURN(nodes_[index].exclusive_maximum, Bound(value, at, key));
    } else if (key == "minLength") {
      TF_ASSIGN_OR_RETURN(nodes_[index].min_length, Count(value, at, key));
    } else if (key == "maxLength") {
      TF_ASSIGN_OR_RETURN(nodes_[index].max_length, Count(value, at, key));
    } else if (key == "minItems") {
      TF_ASSIGN_OR_RETURN(nodes_[index].min_items, Count(value, at, key));
    } else if (key == "maxItems") {
      TF_ASSIGN_OR_RETURN(nodes_[index].max_items, Count(value, at, key));
    } else {
      return Unsupported(at, "keyword \"" + key + "\" is outside the subset the prover reads");
    }
  }
  return index;
}

}  // namespace tf::smt::internal
