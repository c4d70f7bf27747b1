// File: smt/internal/sym_value.h
//
// Symbolic Rego values. A `SymVal` is a guarded union: a list of alternatives (`Alt`) whose
// guards are mutually exclusive Z3 formulas; where no guard holds the value is undefined. Each
// alternative has one kind (ValueKind) and its payload: a Z3 term for booleans (Bool), numbers
// (Real: Rego numbers are exact decimals, so rationals represent them exactly) and strings
// (String), or a collection (`Coll`) for arrays, objects and sets.
//
// Collections come in five representations:
//   - kConstant: a known Value (policy literals, base data), used as is;
//   - kItems: arrays and sets built by the policy, as guarded items. For arrays the items are
//     candidates in order and the array is the subsequence of those whose guard holds
//     (comprehension results); `prefix` says the guards are a prefix-closed chain, so item i
//     is at index i. For sets an item is a member where its guard holds (duplicates allowed);
//   - kEntries: objects built by the policy, as guarded key/value entries;
//   - kInputArray / kInputObject: a node of the symbolic input (see input_tree.h), whose
//     elements and fields are created when the policy reads them.
//
// Values are immutable; collections are shared.
#ifndef TF_SMT_INTERNAL_SYM_VALUE_H_
#define TF_SMT_INTERNAL_SYM_VALUE_H_

#include <z3++.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/value.h"

namespace tf::smt::internal {

struct Coll;

struct Alt {
  z3::expr guard;
  ValueKind kind;
  z3::expr scalar;                   // kBool: Bool, kNumber: Real, kString: String
  std::shared_ptr<const Coll> coll;  // kArray, kObject, kSet
};

struct SymVal {
  std::vector<Alt> alts;
  // Set when the value is exactly this constant wherever it is evaluated (one alternative
  // guarded by true), so operations on constants can use the engine's own semantics.
  std::optional<Value> constant;

  bool undefined() const { return alts.empty(); }
};

struct Item {
  z3::expr guard;
  SymVal value;
};

struct Entry {
  z3::expr guard;
  SymVal key;
  SymVal value;
};

enum class CollRep : uint8_t { kConstant, kItems, kEntries, kInputArray, kInputObject };

struct Coll {
  CollRep rep = CollRep::kConstant;
  Value constant;
  std::vector<Item> items;
  bool prefix = true;  // kItems arrays: item i is at index i (guards form a prefix chain)
  std::vector<Entry> entries;
  uint32_t node = UINT32_MAX;
};

// Building blocks that need no encoder state.
SymVal UndefinedValue();
SymVal BoolValue(const z3::expr& b);
SymVal NumberValue(const z3::expr& r);
SymVal StringValue(const z3::expr& s);
SymVal NullValue(z3::context& ctx);
SymVal CollValue(z3::context& ctx, ValueKind kind, std::shared_ptr<const Coll> coll);

// Where the value is defined: the disjunction of the guards.
z3::expr Defined(z3::context& ctx, const SymVal& v);
// The value restricted to `g` (undefined elsewhere).
SymVal Restrict(const SymVal& v, const z3::expr& g);
// `a` where c holds, `b` elsewhere.
SymVal IteValue(const z3::expr& c, const SymVal& a, const SymVal& b);
// Merges alternatives of the same scalar kind into one (guards or'ed, payloads ite'd), so
// values stay small after merges. Keeps `constant` only when unchanged.
SymVal Normalize(SymVal v);

}  // namespace tf::smt::internal

#endif  // TF_SMT_INTERNAL_SYM_VALUE_H_
