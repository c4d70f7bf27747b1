// Access to symbolic collections: positions, members, entries, `.`/`[]`, `in`, count and
// iteration.
#include <map>

#include "core/utf8.h"
#include "smt/internal/encoder.h"
#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

const Value* ConstantColl(const Alt& a) {
  return a.coll != nullptr && a.coll->rep == CollRep::kConstant ? &a.coll->constant : nullptr;
}

constexpr const char* kOpenObject =
    "an input object whose keys the schema leaves open (iterating it, comparing it whole, "
    "counting it or reading it with a computed key needs additionalProperties: false)";

}  // namespace

Result<std::vector<Item>> Encoder::Compact(const std::vector<Item>& candidates) {
  // Candidate j lands at index (number of earlier candidates present).
  std::vector<z3::expr> before;
  z3::expr count = ctx_.int_val(0);
  for (const Item& c : candidates) {
    before.push_back(count);
    Assign(count, (count + Ite(c.guard, ctx_.int_val(1), ctx_.int_val(0))).simplify());
  }
  std::vector<Item> out;
  for (size_t k = 0; k < candidates.size(); ++k) {
    z3::expr index = ctx_.int_val(static_cast<int64_t>(k));
    SymVal value;
    z3::expr present = False();
    for (size_t j = k; j < candidates.size(); ++j) {
      z3::expr here = And(candidates[j].guard, (before[j] == index).simplify());
      if (here.is_false()) continue;
      value = IteValue(here, candidates[j].value, value);
      present = Or(present, here);
    }
    if (present.is_false()) break;
    out.push_back(Item{present, std::move(value)});
  }
  return out;
}

Result<std::vector<Item>> Encoder::ArrayPositions(const Alt& alt) {
  std::vector<Item> out;
  if (const Value* c = ConstantColl(alt)) {
    for (const Value& e : c->array()) {
      TF_ASSIGN_OR_RETURN(SymVal v, Const(e));
      out.push_back(Item{True(), std::move(v)});
    }
    return out;
  }
  if (alt.coll->rep == CollRep::kInputArray) {
    for (uint32_t e : tree_.Elements(alt.coll->node)) {
      out.push_back(Item{tree_.node(e).present, tree_.Materialize(e)});
    }
    return out;
  }
  if (alt.coll->prefix) return alt.coll->items;
  return Compact(alt.coll->items);
}

Result<std::vector<Item>> Encoder::SetMembers(const Alt& alt) {
  if (const Value* c = ConstantColl(alt)) {
    std::vector<Item> out;
    for (const Value& e : c->set()) {
      TF_ASSIGN_OR_RETURN(SymVal v, Const(e));
      out.push_back(Item{True(), std::move(v)});
    }
    return out;
  }
  return alt.coll->items;
}

Result<std::vector<Entry>> Encoder::ObjectEntries(const Alt& alt) {
  std::vector<Entry> out;
  if (const Value* c = ConstantColl(alt)) {
    for (const auto& [k, v] : c->object()) {
      TF_ASSIGN_OR_RETURN(SymVal key, Const(k));
      TF_ASSIGN_OR_RETURN(SymVal value, Const(v));
      out.push_back(Entry{True(), std::move(key), std::move(value)});
    }
    return out;
  }
  if (alt.coll->rep == CollRep::kInputObject) {
    std::optional<std::vector<std::string>> keys = tree_.ClosedKeys(alt.coll->node);
    if (!keys) return Unsupported(kOpenObject);
    for (const std::string& k : *keys) {
      uint32_t field = tree_.Field(alt.coll->node, k);
      TF_ASSIGN_OR_RETURN(SymVal key, Const(Value::String(k)));
      out.push_back(Entry{tree_.node(field).present, std::move(key), tree_.Materialize(field)});
    }
    return out;
  }
  return alt.coll->entries;
}

Result<SymVal> Encoder::Dot(const SymVal& coll, const SymVal& key) {
  if (coll.constant && key.constant) {
    const Value* found = coll.constant->is_set() ? (coll.constant->FindInSet(*key.constant))
                                                 : coll.constant->Find(*key.constant);
    if (found == nullptr) return UndefinedValue();
    return Const(*found);
  }
  SymVal out;
  for (const Alt& a : coll.alts) {
    TF_ASSIGN_OR_RETURN(SymVal part, AltDot(a, key));
    for (Alt& p : Restrict(part, a.guard).alts)
      out.alts.push_back(std::move(p));
  }
  return Normalize(std::move(out));
}

Result<SymVal> Encoder::AltDot(const Alt& a, const SymVal& key) {
  switch (a.kind) {
    case ValueKind::kArray: {
      TF_ASSIGN_OR_RETURN(std::vector<Item> pos, ArrayPositions(a));
      if (key.constant) {
        std::optional<int64_t> k;
        if (key.constant->is_number()) k = key.constant->number().ToInt64();
        if (!k || *k < 0 || static_cast<size_t>(*k) >= pos.size()) return UndefinedValue();
        return Restrict(pos[static_cast<size_t>(*k)].value, pos[static_cast<size_t>(*k)].guard);
      }
      SymVal out;
      for (size_t k = 0; k < pos.size(); ++k) {
        TF_ASSIGN_OR_RETURN(SymVal index, Const(Value::Int(static_cast<int64_t>(k))));
        TF_ASSIGN_OR_RETURN(z3::expr eq, Equal(key, index));
        for (Alt& p : Restrict(pos[k].value, And(pos[k].guard, eq)).alts)
          out.alts.push_back(std::move(p));
      }
      return out;
    }
    case ValueKind::kSet: {
      TF_ASSIGN_OR_RETURN(z3::expr in, AltMember(key, a));
      return Restrict(key, in);
    }
    case ValueKind::kObject: {
      if (a.coll->rep == CollRep::kInputObject) {
        if (key.constant) {
          if (!key.constant->is_string()) return UndefinedValue();
          return tree_.Materialize(tree_.Field(a.coll->node, key.constant->string()));
        }
        if (HasKind(key, KindBit(ValueKind::kString)).is_false()) return UndefinedValue();
        if (!tree_.ClosedKeys(a.coll->node)) return Unsupported(kOpenObject);
      }
      TF_ASSIGN_OR_RETURN(std::vector<Entry> entries, ObjectEntries(a));
      SymVal out;
      z3::expr earlier = False();
      for (const Entry& e : entries) {
        TF_ASSIGN_OR_RETURN(z3::expr eq, Equal(key, e.key));
        z3::expr match = And(e.guard, eq);
        if (match.is_false()) continue;
        for (Alt& p : Restrict(e.value, And(match, Not(earlier))).alts)
          out.alts.push_back(std::move(p));
        earlier = Or(earlier, match);
      }
      return out;
    }
    default:
      return UndefinedValue();
  }
}

Result<z3::expr> Encoder::Member(const SymVal& x, const SymVal& xs) {
  if (x.constant && xs.constant) {
    const Value& c = *xs.constant;
    const Value& v = *x.constant;
    if (c.is_set()) return ctx_.bool_val(c.Contains(v));
    if (c.is_array()) {
      for (const Value& e : c.array()) {
        if (e == v) return True();
      }
      return False();
    }
    if (c.is_object()) {
      for (const auto& [k, e] : c.object()) {
        if (e == v) return True();
      }
      return False();
    }
    return False();
  }
  z3::expr out = False();
  for (const Alt& a : xs.alts) {
    TF_ASSIGN_OR_RETURN(z3::expr in, AltMember(x, a));
    out = Or(out, And(a.guard, in));
  }
  return out;
}

Result<z3::expr> Encoder::AltMember(const SymVal& x, const Alt& a) {
  z3::expr out = False();
  switch (a.kind) {
    case ValueKind::kSet: {
      if (const Value* c = ConstantColl(a); c != nullptr && x.constant) {
        return ctx_.bool_val(c->Contains(*x.constant));
      }
      TF_ASSIGN_OR_RETURN(std::vector<Item> members, SetMembers(a));
      for (const Item& m : members) {
        TF_ASSIGN_OR_RETURN(z3::expr eq, Equal(x, m.value));
        out = Or(out, And(m.guard, eq));
      }
      return out;
    }
    case ValueKind::kArray: {
      TF_ASSIGN_OR_RETURN(std::vector<Item> pos, ArrayPositions(a));
      for (const Item& p : pos) {
        TF_ASSIGN_OR_RETURN(z3::expr eq, Equal(x, p.value));
        out = Or(out, And(p.guard, eq));
      }
      return out;
    }
    case ValueKind::kObject: {
      TF_ASSIGN_OR_RETURN(std::vector<Entry> entries, ObjectEntries(a));
      for (const Entry& e : entries) {
        TF_ASSIGN_OR_RETURN(z3::expr eq, Equal(x, e.value));
        out = Or(out, And(e.guard, eq));
      }
      return out;
    }
    default:
      return out;
  }
}

Result<z3::expr> Encoder::MemberWithKey(const SymVal& k, const SymVal& v, const SymVal& xs) {
  z3::expr out = False();
  for (const Alt& a : xs.alts) {
    z3::expr in = False();
    if (a.kind == ValueKind::kSet) {
      TF_ASSIGN_OR_RETURN(z3::expr member, AltMember(k, a));
      TF_ASSIGN_OR_RETURN(z3::expr same, Equal(k, v));
      in = And(member, same);
    } else if (a.kind == ValueKind::kArray || a.kind == ValueKind::kObject) {
      TF_ASSIGN_OR_RETURN(SymVal found, AltDot(a, k));
      TF_ASSIGN_OR_RETURN(in, Equal(found, v));
    }
    out = Or(out, And(a.guard, in));
  }
  return out;
}

Result<z3::expr> Encoder::DistinctCount(const std::vector<Item>& items) {
  z3::expr count = ctx_.int_val(0);
  for (size_t i = 0; i < items.size(); ++i) {
    z3::expr first = items[i].guard;
    for (size_t j = 0; j < i && !first.is_false(); ++j) {
      TF_ASSIGN_OR_RETURN(z3::expr eq, Equal(items[j].value, items[i].value));
      first = And(first, Not(And(items[j].guard, eq)));
    }
    Assign(count, count + Ite(first, ctx_.int_val(1), ctx_.int_val(0)));
  }
  return count.simplify();
}

Result<z3::expr> Encoder::Size(const Alt& a) {
  if (const Value* c = ConstantColl(a)) return ctx_.int_val(static_cast<int64_t>(c->size()));
  switch (a.kind) {
    case ValueKind::kString:
      return a.scalar.length();
    case ValueKind::kArray: {
      if (a.coll->rep == CollRep::kInputArray) return tree_.Length(a.coll->node);
      z3::expr n = ctx_.int_val(0);
      for (const Item& i : a.coll->items)
        Assign(n, n + Ite(i.guard, ctx_.int_val(1), ctx_.int_val(0)));
      return n.simplify();
    }
    case ValueKind::kSet:
      return DistinctCount(a.coll->items);
    case ValueKind::kObject: {
      TF_ASSIGN_OR_RETURN(std::vector<Entry> entries, ObjectEntries(a));
      std::vector<Item> keys;
      for (const Entry& e : entries)
        keys.push_back(Item{e.guard, e.key});
      return DistinctCount(keys);
    }
    default:
      return Unsupported("size of a " + std::string(KindName(a.kind)));
  }
}

Result<SymVal> Encoder::Count(const SymVal& v) {
  if (v.constant) {
    if (v.constant->is_string() || v.constant->is_collection()) {
      Value n = Value::Int(static_cast<int64_t>(
          v.constant->is_string() ? CountCodePoints(v.constant->string()) : v.constant->size()));
      return Const(n);
    }
    return UndefinedValue();
  }
  SymVal out;
  for (const Alt& a : v.alts) {
    if (a.kind != ValueKind::kString && a.kind != ValueKind::kArray &&
        a.kind != ValueKind::kObject && a.kind != ValueKind::kSet) {
      continue;
    }
    TF_ASSIGN_OR_RETURN(z3::expr n, Size(a));
    out.alts.push_back(Alt{a.guard, ValueKind::kNumber, z3::to_real(n), nullptr});
  }
  return Normalize(std::move(out));
}

Result<Iteration> Encoder::Iterate(const Alt& a) {
  Iteration it;
  if (a.kind == ValueKind::kArray) {
    TF_ASSIGN_OR_RETURN(std::vector<Item> pos, ArrayPositions(a));
    for (size_t k = 0; k < pos.size(); ++k) {
      TF_ASSIGN_OR_RETURN(SymVal index, Const(Value::Int(static_cast<int64_t>(k))));
      it.elements.push_back(Element{pos[k].guard, std::move(index), pos[k].value});
    }
    return it;
  }
  std::vector<Item> keys;    // element keys (sets: the members)
  std::vector<SymVal> vals;  // element values
  if (a.kind == ValueKind::kSet) {
    TF_ASSIGN_OR_RETURN(keys, SetMembers(a));
    for (const Item& m : keys)
      vals.push_back(m.value);
  } else if (a.kind == ValueKind::kObject) {
    TF_ASSIGN_OR_RETURN(std::vector<Entry> entries, ObjectEntries(a));
    for (const Entry& e : entries) {
      keys.push_back(Item{e.guard, e.key});
      vals.push_back(e.value);
    }
  } else {
    return it;
  }
  bool constant_keys = true;
  for (const Item& k : keys)
    constant_keys = constant_keys && k.value.constant.has_value();
  if (constant_keys) {
    // The interpreter iterates in key order; equal constant keys are one element.
    std::map<Value, std::pair<z3::expr, SymVal>> grouped;
    for (size_t i = 0; i < keys.size(); ++i) {
      auto found = grouped.find(*keys[i].value.constant);
      if (found == grouped.end()) {
        grouped.emplace(*keys[i].value.constant,
                        std::make_pair(keys[i].guard, Restrict(vals[i], keys[i].guard)));
      } else {
        found->second.second = IteValue(keys[i].guard, vals[i], found->second.second);
        found->second.first = Or(found->second.first, keys[i].guard);
      }
    }
    for (auto& [k, pv] : grouped) {
      TF_ASSIGN_OR_RETURN(SymVal key, Const(k));
      it.elements.push_back(Element{pv.first, std::move(key), std::move(pv.second)});
    }
    return it;
  }
  // Symbolic keys: the first occurrence of each key is the element; the order is not known.
  it.ordered = false;
  for (size_t i = 0; i < keys.size(); ++i) {
    z3::expr first = keys[i].guard;
    for (size_t j = 0; j < i && !first.is_false(); ++j) {
      TF_ASSIGN_OR_RETURN(z3::expr eq, Equal(keys[j].value, keys[i].value));
      first = And(first, Not(And(keys[j].guard, eq)));
    }
    it.elements.push_back(Element{first, keys[i].value, vals[i]});
  }
  return it;
}

}  // namespace tf::smt::internal
