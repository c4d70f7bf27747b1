// The symbolic input: nodes, their variables and the schema's constraints.
#include "smt/internal/input_tree.h"

#include <algorithm>

#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

constexpr ValueKind kJsonKindList[] = {ValueKind::kNull,   ValueKind::kBool,  ValueKind::kNumber,
                                       ValueKind::kString, ValueKind::kArray, ValueKind::kObject};

int KindCount(uint8_t kinds) {
  int n = 0;
  for (ValueKind k : kJsonKindList)
    n += (kinds & KindBit(k)) != 0 ? 1 : 0;
  return n;
}

}  // namespace

InputTree::InputTree(z3::context& ctx, uint32_t array_bound) : ctx_(ctx), bound_(array_bound) {}

Status InputTree::AddSchema(const Value& schema) {
  TF_ASSIGN_OR_RETURN(SchemaView view, SchemaView::Parse(schema));
  schemas_.push_back(std::move(view));
  return Status();
}

uint32_t InputTree::InputRoot() {
  if (input_root_ != kNoNode) return input_root_;
  std::vector<uint32_t> schemas;
  for (const SchemaView& v : schemas_)
    schemas.push_back(v.root());
  input_root_ = NewNode("input", kNoNode, "", false, ctx_.bool_val(true), std::move(schemas));
  return input_root_;
}

uint32_t InputTree::DataRoot(const std::vector<std::string>& path) {
  auto it = data_roots_.find(path);
  if (it != data_roots_.end()) return it->second;
  std::string name = "data";
  for (const std::string& p : path)
    name += "." + p;
  z3::expr present = ctx_.bool_const((name + "@present").c_str());
  uint32_t id = NewNode(name, kNoNode, "", false, present, {});
  data_roots_.emplace(path, id);
  return id;
}

z3::expr InputTree::KindIs(const InputNode& n, ValueKind k) const {
  if ((n.kinds & KindBit(k)) == 0) return ctx_.bool_val(false);
  if (KindCount(n.kinds) == 1) return ctx_.bool_val(true);
  return n.kind == ctx_.int_val(static_cast<int>(k));
}

uint32_t InputTree::NewNode(std::string name, uint32_t parent, std::string key, bool is_element,
                            const z3::expr& present, std::vector<uint32_t> schemas) {
  InputNode n(ctx_);
  n.name = std::move(name);
  n.parent = parent;
  n.key = std::move(key);
  n.is_element = is_element;
  n.present = present;
  n.schemas = std::move(schemas);
  for (size_t i = 0; i < n.schemas.size(); ++i) {
    if (n.schemas[i] != kNoSchema) n.kinds &= schemas_[i].node(n.schemas[i]).kinds;
  }
  if (n.kinds == 0) {
    // No value fits: the node cannot exist.
    constraints_.push_back(Not(present));
  }
  n.kind = ctx_.int_const((n.name + "@kind").c_str());
  for (ValueKind k : kJsonKindList) {
    if (KindCount(n.kinds) == 1 && n.kinds == KindBit(k))
      n.kind = ctx_.int_val(static_cast<int>(k));
  }
  n.b = ctx_.bool_const((n.name + "@bool").c_str());
  n.n = ctx_.real_const((n.name + "@number").c_str());
  n.s = ctx_.string_const((n.name + "@string").c_str());
  uint32_t id = static_cast<uint32_t>(nodes_.size());
  nodes_.push_back(std::move(n));
  const InputNode& node = nodes_[id];
  if (KindCount(node.kinds) > 1) {
    z3::expr any = ctx_.bool_val(false);
    for (ValueKind k : kJsonKindList) {
      if ((node.kinds & KindBit(k)) != 0)
        any = Or(any, node.kind == ctx_.int_val(static_cast<int>(k)));
    }
    constraints_.push_back(any);
  }
  ConstrainScalars(id);
  return id;
}

// The schema's scalar constraints: integer, bounds, lengths, enumerations.
void InputTree::ConstrainScalars(uint32_t id) {
  const InputNode& n = nodes_[id];
  for (size_t i = 0; i < n.schemas.size(); ++i) {
    if (n.schemas[i] == kNoSchema) continue;
    const SchemaNode& s = schemas_[i].node(n.schemas[i]);
    z3::expr is_number = And(n.present, KindIs(n, ValueKind::kNumber));
    z3::expr is_string = And(n.present, KindIs(n, ValueKind::kString));
    if (s.integer_only) constraints_.push_back(Implies(is_number, z3::is_int(n.n)));
    if (s.minimum)
      constraints_.push_back(Implies(is_number, n.n >= NumberLiteral(ctx_, *s.minimum)));
    if (s.maximum)
      constraints_.push_back(Implies(is_number, n.n <= NumberLiteral(ctx_, *s.maximum)));
    if (s.exclusive_minimum) {
      constraints_.push_back(Implies(is_number, n.n > NumberLiteral(ctx_, *s.exclusive_minimum)));
    }
    if (s.exclusive_maximum) {
      constraints_.push_back(Implies(is_number, n.n < NumberLiteral(ctx_, *s.exclusive_maximum)));
    }
    if (s.min_length) {
      constraints_.push_back(
          Implies(is_string, n.s.length() >= ctx_.int_val(static_cast<int64_t>(*s.min_length))));
    }
    if (s.max_length) {
      constraints_.push_back(
          Implies(is_string, n.s.length() <= ctx_.int_val(static_cast<int64_t>(*s.max_length))));
    }
    if (s.enum_values) {
      z3::expr any = ctx_.bool_val(false);
      for (const Value& v : *s.enum_values) {
        z3::expr kind_ok = KindIs(n, v.kind());
        switch (v.kind()) {
          case ValueKind::kNull:
            any = Or(any, kind_ok);
            break;
          case ValueKind::kBool:
            any = Or(any, And(kind_ok, n.b == ctx_.bool_val(v.bool_value())));
            break;
          case ValueKind::kNumber:
            any = Or(any, And(kind_ok, n.n == NumberLiteral(ctx_, v.number())));
            break;
          case ValueKind::kString:
            if (std::optional<z3::expr> lit = StringLiteral(ctx_, v.string())) {
              any = Or(any, And(kind_ok, n.s == *lit));
            }
            break;
          default:
            break;  // SchemaView admits scalars only
        }
      }
      constraints_.push_back(Implies(n.present, any));
    }
  }
}

SymVal InputTree::Materialize(uint32_t id) {
  if (nodes_[id].materialized) return *nodes_[id].materialized;
  const InputNode& n = nodes_[id];
  SymVal v;
  for (ValueKind k : kJsonKindList) {
    if ((n.kinds & KindBit(k)) == 0) continue;
    z3::expr guard = And(n.present, KindIs(n, k));
    switch (k) {
      case ValueKind::kNull:
        v.alts.push_back(Alt{guard, k, ctx_.bool_val(true), nullptr});
        break;
      case ValueKind::kBool:
        v.alts.push_back(Alt{guard, k, n.b, nullptr});
        break;
      case ValueKind::kNumber:
        v.alts.push_back(Alt{guard, k, n.n, nullptr});
        break;
      case ValueKind::kString:
        v.alts.push_back(Alt{guard, k, n.s, nullptr});
        break;
      case ValueKind::kArray:
      case ValueKind::kObject: {
        auto coll = std::make_shared<Coll>();
        coll->rep = k == ValueKind::kArray ? CollRep::kInputArray : CollRep::kInputObject;
        coll->node = id;
        v.alts.push_back(Alt{guard, k, ctx_.bool_val(true), std::move(coll)});
        break;
      }
      default:
        break;
    }
  }
  nodes_[id].materialized = v;
  return v;
}

uint32_t InputTree::Field(uint32_t id, const std::string& key) {
  auto it = nodes_[id].fields.find(key);
  if (it != nodes_[id].fields.end()) return it->second;
  const InputNode& parent = nodes_[id];
  z3::expr is_object = And(parent.present, KindIs(parent, ValueKind::kObject));
  std::vector<uint32_t> schemas(parent.schemas.size(), kNoSchema);
  bool possible = !is_object.is_false();
  bool required = false;
  for (size_t i = 0; i < parent.schemas.size(); ++i) {
    if (parent.schemas[i] == kNoSchema) continue;
    const SchemaNode& s = schemas_[i].node(parent.schemas[i]);
    auto prop = s.properties.find(key);
    if (prop != s.properties.end()) {
      schemas[i] = prop->second;
    } else if (s.additional != kNoSchema) {
      schemas[i] = s.additional;
    } else if (!s.additional_allowed) {
      possible = false;
    }
    if (s.required.count(key) != 0) required = true;
  }
  std::string name = parent.name + "." + key;
  z3::expr present = possible ? ctx_.bool_const((name + "@present").c_str()) : ctx_.bool_val(false);
  if (possible) {
    constraints_.push_back(Implies(present, is_object));
    if (required) constraints_.push_back(Implies(is_object, present));
  } else if (required) {
    // A required property the schema also forbids: no object fits.
    constraints_.push_back(Not(is_object));
  }
  uint32_t child = NewNode(std::move(name), id, key, false, present, std::move(schemas));
  nodes_[id].fields.emplace(key, child);
  return child;
}

std::optional<std::vector<std::string>> InputTree::ClosedKeys(uint32_t id) const {
  const InputNode& n = nodes_[id];
  std::optional<std::vector<std::string>> keys;
  for (size_t i = 0; i < n.schemas.size(); ++i) {
    if (n.schemas[i] == kNoSchema) continue;
    const SchemaNode& s = schemas_[i].node(n.schemas[i]);
    if (!s.closed() || s.additional != kNoSchema) continue;
    std::vector<std::string> mine;
    for (const auto& [name, sub] : s.properties)
      mine.push_back(name);
    if (!keys) {
      keys = std::move(mine);
    } else {
      std::vector<std::string> both;
      std::set_intersection(keys->begin(), keys->end(), mine.begin(), mine.end(),
                            std::back_inserter(both));
      keys = std::move(both);
    }
  }
  return keys;
}

z3::expr InputTree::Length(uint32_t id) {
  if (nodes_[id].length) return *nodes_[id].length;
  const InputNode& n = nodes_[id];
  z3::expr len = ctx_.int_const((n.name + "@length").c_str());
  z3::expr is_array = And(n.present, KindIs(n, ValueKind::kArray));
  constraints_.push_back(len >= 0);
  constraints_.push_back(len <= ctx_.int_val(static_cast<int64_t>(bound_)));
  bool schema_bounded = false;
  for (size_t i = 0; i < n.schemas.size(); ++i) {
    if (n.schemas[i] == kNoSchema) continue;
    const SchemaNode& s = schemas_[i].node(n.schemas[i]);
    if (s.min_items) {
      constraints_.push_back(
          Implies(is_array, len >= ctx_.int_val(static_cast<int64_t>(*s.min_items))));
    }
    if (s.max_items) {
      constraints_.push_back(
          Implies(is_array, len <= ctx_.int_val(static_cast<int64_t>(*s.max_items))));
      if (*s.max_items <= bound_) schema_bounded = true;
    }
  }
  if (!schema_bounded && !is_array.is_false()) bounded_ = true;
  nodes_[id].length = len;
  return len;
}

const std::vector<uint32_t>& InputTree::Elements(uint32_t id) {
  if (nodes_[id].elements.empty() && bound_ > 0) {
    z3::expr len = Length(id);
    const InputNode& n = nodes_[id];
    z3::expr is_array = And(n.present, KindIs(n, ValueKind::kArray));
    std::vector<uint32_t> item_schemas(n.schemas.size(), kNoSchema);
    for (size_t i = 0; i < n.schemas.size(); ++i) {
      if (n.schemas[i] != kNoSchema) item_schemas[i] = schemas_[i].node(n.schemas[i]).items;
    }
    std::string base = n.name;
    std::vector<uint32_t> elements;
    for (uint32_t i = 0; i < bound_; ++i) {
      z3::expr present = And(is_array, ctx_.int_val(static_cast<int64_t>(i)) < len);
      elements.push_back(NewNode(base + "[" + std::to_string(i) + "]", id, std::to_string(i), true,
                                 present, item_schemas));
    }
    nodes_[id].elements = std::move(elements);
  }
  return nodes_[id].elements;
}

}  // namespace tf::smt::internal
