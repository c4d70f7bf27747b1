// Guarded unions: construction, restriction, merging.
#include "smt/internal/sym_value.h"

#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {

SymVal UndefinedValue() {
  return SymVal{};
}

SymVal BoolValue(const z3::expr& b) {
  SymVal v;
  v.alts.push_back(Alt{b.ctx().bool_val(true), ValueKind::kBool, b, nullptr});
  return v;
}

SymVal NumberValue(const z3::expr& r) {
  SymVal v;
  v.alts.push_back(Alt{r.ctx().bool_val(true), ValueKind::kNumber, r, nullptr});
  return v;
}

SymVal StringValue(const z3::expr& s) {
  SymVal v;
  v.alts.push_back(Alt{s.ctx().bool_val(true), ValueKind::kString, s, nullptr});
  return v;
}

SymVal NullValue(z3::context& ctx) {
  SymVal v;
  v.alts.push_back(Alt{ctx.bool_val(true), ValueKind::kNull, ctx.bool_val(true), nullptr});
  return v;
}

SymVal CollValue(z3::context& ctx, ValueKind kind, std::shared_ptr<const Coll> coll) {
  SymVal v;
  v.alts.push_back(Alt{ctx.bool_val(true), kind, ctx.bool_val(true), std::move(coll)});
  return v;
}

z3::expr Defined(z3::context& ctx, const SymVal& v) {
  z3::expr out = ctx.bool_val(false);
  for (const Alt& a : v.alts)
    out = Or(out, a.guard);
  return out;
}

SymVal Restrict(const SymVal& v, const z3::expr& g) {
  if (g.is_true()) return v;
  SymVal out;
  if (g.is_false()) return out;
  out.alts.reserve(v.alts.size());
  for (const Alt& a : v.alts) {
    z3::expr guard = And(a.guard, g);
    if (guard.is_false()) continue;
    out.alts.push_back(Alt{guard, a.kind, a.scalar, a.coll});
  }
  return out;
}

SymVal IteValue(const z3::expr& c, const SymVal& a, const SymVal& b) {
  if (c.is_true()) return a;
  if (c.is_false()) return b;
  if (a.constant && b.constant && *a.constant == *b.constant) return a;
  SymVal out = Restrict(a, c);
  SymVal rest = Restrict(b, Not(c));
  for (Alt& alt : rest.alts)
    out.alts.push_back(std::move(alt));
  return Normalize(std::move(out));
}

SymVal Normalize(SymVal v) {
  if (v.alts.size() < 2) return v;
  SymVal out;
  // At most one alternative per scalar kind; collections stay as they are.
  int slot[7] = {-1, -1, -1, -1, -1, -1, -1};
  for (Alt& a : v.alts) {
    bool scalar = a.kind == ValueKind::kNull || a.kind == ValueKind::kBool ||
                  a.kind == ValueKind::kNumber || a.kind == ValueKind::kString;
    int k = static_cast<int>(a.kind);
    if (!scalar || slot[k] < 0) {
      if (scalar) slot[k] = static_cast<int>(out.alts.size());
      out.alts.push_back(std::move(a));
      continue;
    }
    Alt& merged = out.alts[static_cast<size_t>(slot[k])];
    if (a.kind != ValueKind::kNull) merged.scalar = Ite(a.guard, a.scalar, merged.scalar);
    merged.guard = Or(merged.guard, a.guard);
  }
  return out;
}

}  // namespace tf::smt::internal
