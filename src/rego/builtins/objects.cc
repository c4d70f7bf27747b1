// The object namespace: object.get, object.keys, object.remove, object.filter, object.union,
// object.union_n and object.subset.
#include <algorithm>

#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

constexpr std::string_view kKeysText = "one of {object, set, array}";

// Follows `path` through objects (by key), arrays (by integer index) and sets (by member).
const Value* FindPath(const Value& root, std::span<const Value> path) {
  const Value* node = &root;
  for (const Value& segment : path) {
    if (node->is_set()) {
      if (!node->Contains(segment)) return nullptr;
      node = &segment;
    } else if (node->is_object() || (node->is_array() && segment.is_number())) {
      node = node->Find(segment);
      if (node == nullptr) return nullptr;
    } else {
      return nullptr;
    }
  }
  return node;
}

Result<Value> Get(BuiltinContext&, std::span<const Value> a) {
  if (!a[1].is_array()) {
    const Value* found = a[0].Find(a[1]);
    return found != nullptr ? *found : a[2];
  }
  const Value* found = FindPath(a[0], a[1].array());
  return found != nullptr ? *found : a[2];
}

Result<Value> Keys(BuiltinContext&, std::span<const Value> a) {
  std::vector<Value> keys;
  keys.reserve(a[0].object().size());
  for (const ObjectEntry& e : a[0].object())
    keys.push_back(e.first);
  return Value::SetFromSorted(std::move(keys));
}

// The keys named by an array, a set or an object (its keys), as a set.
Value KeySet(const Value& keys) {
  if (keys.is_set()) return keys;
  if (keys.is_array())
    return Value::Set(std::vector<Value>(keys.array().begin(), keys.array().end()));
  std::vector<Value> out;
  for (const ObjectEntry& e : keys.object())
    out.push_back(e.first);
  return Value::SetFromSorted(std::move(out));
}

template <bool kKeep>
Result<Value> SelectKeys(BuiltinContext&, std::span<const Value> a) {
  Value keys = KeySet(a[1]);
  std::vector<ObjectEntry> out;
  for (const ObjectEntry& e : a[0].object()) {
    if (keys.Contains(e.first) == kKeep) out.push_back(e);
  }
  return Value::ObjectFromSorted(std::move(out));
}

// Asymmetric recursive union: `b` wins, except that two objects under one key are merged.
Value Merge(const Value& a, const Value& b) {
  std::vector<ObjectEntry> out;
  auto ia = a.object().begin(), ea = a.object().end();
  auto ib = b.object().begin(), eb = b.object().end();
  while (ia != ea || ib != eb) {
    if (ib == eb || (ia != ea && ia->first < ib->first)) {
      out.push_back(*ia++);
    } else if (ia == ea || ib->first < ia->first) {
      out.push_back(*ib++);
    } else {
      const bool both_objects = ia->second.is_object() && ib->second.is_object();
      out.emplace_back(ib->first, both_objects ? Merge(ia->second, ib->second) : ib->second);
      ++ia;
      ++ib;
    }
  }
  return Value::ObjectFromSorted(std::move(out));
}

Result<Value> Union(BuiltinContext&, std::span<const Value> a) {
  return Merge(a[0], a[1]);
}

Result<Value> UnionN(BuiltinContext&, std::span<const Value> a) {
  Value acc = Value::EmptyObject();
  for (const Value& o : a[0].array()) {
    if (!o.is_object()) return ElementTypeError(1, a[0], o, "object");
    acc = Merge(acc, o);
  }
  return acc;
}

bool SetSubset(const Value& super, const Value& sub) {
  return std::includes(super.set().begin(), super.set().end(), sub.set().begin(), sub.set().end());
}

// `sub` appears contiguously in `super`.
bool ArraySubset(const Value& super, const Value& sub) {
  auto s = super.array();
  auto t = sub.array();
  return std::search(s.begin(), s.end(), t.begin(), t.end()) != s.end() || t.empty();
}

// Every member of `sub` occurs in `super`; an empty array holds nothing, not even the empty set.
bool ArraySetSubset(const Value& super, const Value& sub) {
  if (super.array().empty()) return false;
  return std::all_of(sub.set().begin(), sub.set().end(), [&](const Value& v) {
    return std::find(super.array().begin(), super.array().end(), v) != super.array().end();
  });
}

bool ObjectSubset(const Value& super, const Value& sub) {
  for (const ObjectEntry& e : sub.object()) {
    const Value* s = super.Find(e.first);
    if (s == nullptr) return false;
    if (*s == e.second) continue;
    if (s->is_object() && e.second.is_object() && ObjectSubset(*s, e.second)) continue;
    if (s->is_set() && e.second.is_set() && SetSubset(*s, e.second)) continue;
    if (s->is_array() && e.second.is_array() && ArraySubset(*s, e.second)) continue;
    return false;
  }
  return true;
}

Result<Value> Subset(BuiltinContext&, std::span<const Value> a) {
  const Value& super = a[0];
  const Value& sub = a[1];
  if (super.is_object() && sub.is_object()) return Value::Bool(ObjectSubset(super, sub));
  if (super.is_set() && sub.is_set()) return Value::Bool(SetSubset(super, sub));
  if (super.is_array() && sub.is_array()) return Value::Bool(ArraySubset(super, sub));
  if (super.is_array() && sub.is_set()) return Value::Bool(ArraySetSubset(super, sub));
  return TypeErrorWithoutOperand(
      "both arguments object.subset must be of the same type or array and set");
}

BuiltinDecl KeysFilter(std::string_view name, BuiltinFn fn) {
  return BuiltinDecl{.name = name,
                     .params = {{kObject, "object"}, {kArray | kSet | kObject, "keys", kKeysText}},
                     .result = kObject,
                     .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> ObjectBuiltins() {
  constexpr KindSet kCollection = kObject | kSet | kArray;
  return {
      {.name = "object.get",
       .params = {{kObject, "object"}, {kAnyKind, "key"}, {kAnyKind, "default"}},
       .result = kAnyKind,
       .fn = Get},
      {.name = "object.keys", .params = {{kObject, "object"}}, .result = kSet, .fn = Keys},
      KeysFilter("object.remove", SelectKeys<false>),
      KeysFilter("object.filter", SelectKeys<true>),
      {.name = "object.union",
       .params = {{kObject, "a"}, {kObject, "b"}},
       .result = kObject,
       .fn = Union},
      {.name = "object.union_n", .params = {{kArray, "objects"}}, .result = kObject, .fn = UnionN},
      {.name = "object.subset",
       .params = {{kCollection, "super", kKeysText}, {kCollection, "sub", kKeysText}},
       .result = kBoolean,
       .fn = Subset},
  };
}

}  // namespace tf::rego::builtins
