// File: smt/internal/encoder.h
//
// Operations on symbolic values with the interpreter's semantics: equality and Rego's total
// order, truthiness and kinds, field/index/member access, membership, `count`, and iteration
// over collections. Every operation works alternative by alternative (see sym_value.h); where a
// case is outside the encoded fragment (comparing two symbolic objects by order, iterating an
// input object whose keys the schema leaves open, ...) it returns kSmtUnsupported naming it,
// and the caller adds the source location.
//
// An Encoder belongs to one analysis (one Z3 context, one symbolic input) and one thread.
#ifndef TF_SMT_INTERNAL_ENCODER_H_
#define TF_SMT_INTERNAL_ENCODER_H_

#include <z3++.h>

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "smt/internal/input_tree.h"
#include "smt/internal/sym_value.h"

namespace tf::smt::internal {

// One element of an iteration: the key (array index, object key, set element) and value, and
// where the element exists.
struct Element {
  z3::expr present;
  SymVal key;
  SymVal value;
};

struct Iteration {
  std::vector<Element> elements;
  // True when `elements` is in the interpreter's iteration order (array index order, or the
  // sorted order of constant keys); false when the order depends on symbolic values.
  bool ordered = true;
};

Status Unsupported(std::string what);

class Encoder {
 public:
  Encoder(z3::context& ctx, InputTree& tree) : ctx_(ctx), tree_(tree) {}
  Encoder(const Encoder&) = delete;
  Encoder& operator=(const Encoder&) = delete;

  z3::context& ctx() { return ctx_; }
  InputTree& tree() { return tree_; }
  z3::expr True() { return ctx_.bool_val(true); }
  z3::expr False() { return ctx_.bool_val(false); }

  // A constant. Fails for a string Z3 cannot represent (see z3_literals.h).
  Result<SymVal> Const(const Value& v);
  Result<z3::expr> StringConst(const std::string& s);

  // Rego equality (Compare == 0): true where both are defined and equal.
  Result<z3::expr> Equal(const SymVal& a, const SymVal& b);
  // Rego's total order: a < b (or a <= b), where both are defined.
  Result<z3::expr> Less(const SymVal& a, const SymVal& b, bool or_equal);
  // Defined and not `false` (kTruthy).
  z3::expr Truthy(const SymVal& v);
  // Defined with a kind whose bit (1 << ValueKind) is in `kinds`.
  z3::expr HasKind(const SymVal& v, uint8_t kinds);
  // Only the alternatives whose kind is in `kinds`.
  static SymVal OfKinds(const SymVal& v, uint8_t kinds);

  // coll[key]: object field, array index, set member (kDot).
  Result<SymVal> Dot(const SymVal& coll, const SymVal& key);
  // `x in xs` (internal.member_2) and `k, v in xs` (internal.member_3): true where the member
  // is found; false elsewhere (the caller restricts to where the arguments are defined).
  Result<z3::expr> Member(const SymVal& x, const SymVal& xs);
  Result<z3::expr> MemberWithKey(const SymVal& k, const SymVal& v, const SymVal& xs);
  // count(v) where v is a string or a collection (undefined for other kinds).
  Result<SymVal> Count(const SymVal& v);
  // The elements of one collection alternative.
  Result<Iteration> Iterate(const Alt& alt);
  // Number of elements of a collection alternative (Int): distinct members and keys.
  Result<z3::expr> Size(const Alt& alt);

  // Array alternatives as positions: item i is at index i where its guard holds, and the
  // guards form a prefix chain (comprehension results are compacted).
  Result<std::vector<Item>> ArrayPositions(const Alt& alt);
  // Set members (maybe repeated) and object entries (keys maybe repeated with equal values).
  Result<std::vector<Item>> SetMembers(const Alt& alt);
  Result<std::vector<Entry>> ObjectEntries(const Alt& alt);

 private:
  Result<z3::expr> AltEqual(const Alt& x, const Alt& y);
  Result<z3::expr> AltLess(const Alt& x, const Alt& y, bool or_equal);
  Result<SymVal> AltDot(const Alt& coll, const SymVal& key);
  Result<z3::expr> AltMember(const SymVal& x, const Alt& xs);
  Result<z3::expr> ArrayEqual(const Alt& x, const Alt& y);
  Result<z3::expr> ObjectEqual(const Alt& x, const Alt& y);
  Result<z3::expr> SetEqual(const Alt& x, const Alt& y);
  Result<z3::expr> DistinctCount(const std::vector<Item>& items);
  Result<std::vector<Item>> Compact(const std::vector<Item>& candidates);

  z3::context& ctx_;
  InputTree& tree_;
  std::map<std::string, z3::expr> strings_;
};

}  // namespace tf::smt::internal

#endif  // TF_SMT_INTERNAL_ENCODER_H_
