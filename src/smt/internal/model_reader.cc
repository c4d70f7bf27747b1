// Counterexamples from models: JSON values for the symbolic input, schema defaults for parts
// the policy never read.
#include "smt/internal/model_reader.h"

#include "core/json.h"
#include "core/json_schema.h"
#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

constexpr int kMaxDefaultDepth = 32;

struct SchemaRef {
  const SchemaView* view;
  uint32_t node;
};

bool Holds(const z3::model& m, const z3::expr& e) {
  return m.eval(e, true).is_true();
}

std::vector<SchemaRef> SchemasOf(const InputTree& tree, const std::vector<uint32_t>& nodes) {
  std::vector<SchemaRef> out;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i] != kNoSchema) out.push_back({&tree.schemas()[i], nodes[i]});
  }
  return out;
}

bool Valid(const Value& v, const std::vector<SchemaRef>& schemas) {
  for (const SchemaRef& s : schemas) {
    Result<JsonSchema> compiled = JsonSchema::Compile(s.view->node(s.node).source);
    if (!compiled.ok() || !compiled->Validate(v).empty()) return false;
  }
  return true;
}

// The schemas of property `key` of objects described by `schemas`.
std::vector<SchemaRef> PropertySchemas(const std::vector<SchemaRef>& schemas,
                                       const std::string& key) {
  std::vector<SchemaRef> out;
  for (const SchemaRef& s : schemas) {
    const SchemaNode& n = s.view->node(s.node);
    auto it = n.properties.find(key);
    if (it != n.properties.end()) {
      out.push_back({s.view, it->second});
    } else if (n.additional != kNoSchema) {
      out.push_back({s.view, n.additional});
    }
  }
  return out;
}

std::vector<SchemaRef> ItemSchemas(const std::vector<SchemaRef>& schemas) {
  std::vector<SchemaRef> out;
  for (const SchemaRef& s : schemas) {
    if (s.view->node(s.node).items != kNoSchema)
      out.push_back({s.view, s.view->node(s.node).items});
  }
  return out;
}

// A small value every schema admits.
Result<Value> DefaultFor(const std::vector<SchemaRef>& schemas, int depth) {
  if (schemas.empty()) return Value::Null();
  if (depth > kMaxDefaultDepth)
    return Status(ErrorCode::kSmtSolverUnknown, "schema too deep to fill");
  std::vector<Value> candidates;
  uint8_t kinds = kJsonKinds;
  uint64_t min_length = 0;
  uint64_t min_items = 0;
  std::set<std::string> required;
  for (const SchemaRef& s : schemas) {
    const SchemaNode& n = s.view->node(s.node);
    kinds &= n.kinds;
    if (n.enum_values)
      candidates.insert(candidates.end(), n.enum_values->begin(), n.enum_values->end());
    if (n.min_length) min_length = std::max(min_length, *n.min_length);
    if (n.min_items) min_items = std::max(min_items, *n.min_items);
    required.insert(n.required.begin(), n.required.end());
    for (const std::optional<Number>& b : {n.minimum, n.maximum}) {
      if (b) candidates.push_back(Value::FromNumber(*b));
    }
    if (n.exclusive_minimum)
      candidates.push_back(Value::FromNumber(Number::Add(*n.exclusive_minimum, 1)));
    if (n.exclusive_maximum)
      candidates.push_back(Value::FromNumber(Number::Sub(*n.exclusive_maximum, 1)));
  }
  if (kinds & KindBit(ValueKind::kNull)) candidates.push_back(Value::Null());
  if (kinds & KindBit(ValueKind::kBool)) candidates.push_back(Value::Bool(false));
  if (kinds & KindBit(ValueKind::kNumber)) candidates.push_back(Value::Int(0));
  if (kinds & KindBit(ValueKind::kString))
    candidates.push_back(Value::String(std::string(min_length, 'a')));
  if (kinds & KindBit(ValueKind::kArray)) {
    TF_ASSIGN_OR_RETURN(Value item, DefaultFor(ItemSchemas(schemas), depth + 1));
    candidates.push_back(Value::Array(std::vector<Value>(min_items, item)));
  }
  if (kinds & KindBit(ValueKind::kObject)) {
    std::vector<ObjectEntry> entries;
    for (const std::string& key : required) {
      TF_ASSIGN_OR_RETURN(Value v, DefaultFor(PropertySchemas(schemas, key), depth + 1));
      entries.emplace_back(Value::String(key), std::move(v));
    }
    candidates.push_back(Value::Object(std::move(entries)));
  }
  for (const Value& c : candidates) {
    if (Valid(c, schemas)) return c;
  }
  return Status(ErrorCode::kSmtSolverUnknown,
                "found no value the input schema admits to fill a part the policy does not read");
}

Status NotJson(const InputNode& n, const std::string& what) {
  return Status(ErrorCode::kSmtSolverUnknown, "the solver's value for " + n.name + " " + what);
}

Result<Value> ReadNode(const z3::model& m, const InputTree& tree, uint32_t id) {
  const InputNode& n = tree.node(id);
  std::vector<SchemaRef> schemas = SchemasOf(tree, n.schemas);
  int kind = m.eval(n.kind, true).get_numeral_int();
  switch (static_cast<ValueKind>(kind)) {
    case ValueKind::kNull:
      return Value::Null();
    case ValueKind::kBool:
      return Value::Bool(Holds(m, n.b));
    case ValueKind::kNumber: {
      std::optional<Number> v = DecimalFromModel(m.eval(n.n, true));
      if (!v) return NotJson(n, "is a number without a finite decimal expansion");
      return Value::FromNumber(*v);
    }
    case ValueKind::kString: {
      std::optional<std::string> v = Utf8FromModel(m.eval(n.s, true));
      if (!v) return NotJson(n, "is a string with a surrogate code point");
      return Value::String(std::move(*v));
    }
    case ValueKind::kArray: {
      std::vector<SchemaRef> items = ItemSchemas(schemas);
      int64_t len = 0;
      if (n.length) {
        len = m.eval(*n.length, true).get_numeral_int64();
      } else {
        for (const SchemaRef& s : schemas) {
          if (s.view->node(s.node).min_items)
            len = std::max<int64_t>(len, static_cast<int64_t>(*s.view->node(s.node).min_items));
        }
      }
      std::vector<Value> out;
      for (int64_t i = 0; i < len; ++i) {
        if (static_cast<size_t>(i) < n.elements.size()) {
          TF_ASSIGN_OR_RETURN(Value e, ReadNode(m, tree, n.elements[static_cast<size_t>(i)]));
          out.push_back(std::move(e));
        } else {
          TF_ASSIGN_OR_RETURN(Value e, DefaultFor(items, 0));
          out.push_back(std::move(e));
        }
      }
      return Value::Array(std::move(out));
    }
    case ValueKind::kObject: {
      std::vector<ObjectEntry> entries;
      std::set<std::string> seen;
      for (const auto& [key, child] : n.fields) {
        seen.insert(key);
        if (!Holds(m, tree.node(child).present)) continue;
        TF_ASSIGN_OR_RETURN(Value v, ReadNode(m, tree, child));
        entries.emplace_back(Value::String(key), std::move(v));
      }
      for (const SchemaRef& s : schemas) {
        for (const std::string& key : s.view->node(s.node).required) {
          if (!seen.insert(key).second) continue;
          TF_ASSIGN_OR_RETURN(Value v, DefaultFor(PropertySchemas(schemas, key), 0));
          entries.emplace_back(Value::String(key), std::move(v));
        }
      }
      return Value::Object(std::move(entries));
    }
    default:
      return NotJson(n, "has no JSON kind");
  }
}

}  // namespace

std::vector<z3::expr> Repairs(const z3::model& m, const InputTree& tree) {
  std::vector<z3::expr> out;
  z3::context& ctx = const_cast<InputTree&>(tree).ctx();
  for (size_t i = 0; i < tree.num_nodes(); ++i) {
    const InputNode& n = tree.node(static_cast<uint32_t>(i));
    if (!Holds(m, n.present)) continue;
    int kind = m.eval(n.kind, true).get_numeral_int();
    if (kind == static_cast<int>(ValueKind::kNumber) && !DecimalFromModel(m.eval(n.n, true))) {
      // JSON numbers are decimals: look for one with at most six fractional digits.
      out.push_back(z3::is_int(n.n * ctx.real_val(1000000)));
    }
    if (kind == static_cast<int>(ValueKind::kString) && !Utf8FromModel(m.eval(n.s, true))) {
      z3::expr low = z3::range(ctx.string_val("\\u{0}"), ctx.string_val("\\u{d7ff}"));
      z3::expr high = z3::range(ctx.string_val("\\u{e000}"), ctx.string_val("\\u{2ffff}"));
      out.push_back(z3::in_re(n.s, z3::star(low | high)));
    }
  }
  return out;
}

Result<Value> ReadInput(const z3::model& m, const InputTree& tree) {
  std::vector<SchemaRef> roots;
  for (const SchemaView& v : tree.schemas())
    roots.push_back({&v, v.root()});
  Value input = Value::EmptyObject();
  if (tree.input_root() != kNoNode) {
    TF_ASSIGN_OR_RETURN(input, ReadNode(m, tree, tree.input_root()));
  } else if (!roots.empty()) {
    TF_ASSIGN_OR_RETURN(input, DefaultFor(roots, 0));
  }
  for (const SchemaView& v : tree.schemas()) {
    Result<JsonSchema> compiled = JsonSchema::Compile(v.document());
    if (!compiled.ok()) return compiled.status();
    std::vector<SchemaViolation> violations = compiled->Validate(input);
    if (!violations.empty()) {
      return Status(ErrorCode::kSmtEncodingMismatch,
                    "the counterexample " + ToJson(input) + " violates the input schema at " +
                        violations[0].field + " (" + violations[0].keyword +
                        "): the encoding of the schema is wrong");
    }
  }
  return input;
}

Result<Value> ReadData(const z3::model& m, const InputTree& tree) {
  std::vector<ObjectEntry> entries;
  for (const auto& [path, id] : tree.data_roots()) {
    if (!Holds(m, tree.node(id).present)) continue;
    std::string name;
    for (const std::string& p : path)
      name += (name.empty() ? "" : ".") + p;
    TF_ASSIGN_OR_RETURN(Value v, ReadNode(m, tree, id));
    entries.emplace_back(Value::String(name), std::move(v));
  }
  return Value::Object(std::move(entries));
}

}  // namespace tf::smt::internal
