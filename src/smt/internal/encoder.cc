// Constants, kinds, truthiness, equality and Rego's total order on symbolic values.
#include "smt/internal/encoder.h"

#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

const Value* ConstantColl(const Alt& a) {
  return a.coll != nullptr && a.coll->rep == CollRep::kConstant ? &a.coll->constant : nullptr;
}

}  // namespace

Status Unsupported(std::string what) {
  return Status(ErrorCode::kSmtUnsupported, std::move(what));
}

Result<z3::expr> Encoder::StringConst(const std::string& s) {
  auto it = strings_.find(s);
  if (it != strings_.end()) return it->second;
  std::optional<z3::expr> lit = StringLiteral(ctx_, s);
  if (!lit) {
    return Unsupported("a string constant with code points beyond U+2FFFF or invalid UTF-8");
  }
  strings_.emplace(s, *lit);
  return *lit;
}

Result<SymVal> Encoder::Const(const Value& v) {
  SymVal out;
  switch (v.kind()) {
    case ValueKind::kNull:
      out = NullValue(ctx_);
      break;
    case ValueKind::kBool:
      out = BoolValue(ctx_.bool_val(v.bool_value()));
      break;
    case ValueKind::kNumber:
      out = NumberValue(NumberLiteral(ctx_, v.number()));
      break;
    case ValueKind::kString: {
      TF_ASSIGN_OR_RETURN(z3::expr s, StringConst(v.string()));
      out = StringValue(s);
      break;
    }
    default: {
      auto coll = std::make_shared<Coll>();
      coll->rep = CollRep::kConstant;
      coll->constant = v;
      out = CollValue(ctx_, v.kind(), std::move(coll));
      break;
    }
  }
  out.constant = v;
  return out;
}

z3::expr Encoder::Truthy(const SymVal& v) {
  if (v.constant) return ctx_.bool_val(!(v.constant->is_bool() && !v.constant->bool_value()));
  z3::expr out = False();
  for (const Alt& a : v.alts) {
    out = Or(out, a.kind == ValueKind::kBool ? And(a.guard, a.scalar) : a.guard);
  }
  return out;
}

z3::expr Encoder::HasKind(const SymVal& v, uint8_t kinds) {
  z3::expr out = False();
  for (const Alt& a : v.alts) {
    if ((kinds & (1u << static_cast<int>(a.kind))) != 0) out = Or(out, a.guard);
  }
  return out;
}

SymVal Encoder::OfKinds(const SymVal& v, uint8_t kinds) {
  SymVal out;
  for (const Alt& a : v.alts) {
    if ((kinds & (1u << static_cast<int>(a.kind))) != 0) out.alts.push_back(a);
  }
  if (out.alts.size() == v.alts.size()) out.constant = v.constant;
  return out;
}

Result<z3::expr> Encoder::Equal(const SymVal& a, const SymVal& b) {
  if (a.constant && b.constant) return ctx_.bool_val(*a.constant == *b.constant);
  z3::expr out = False();
  for (const Alt& x : a.alts) {
    for (const Alt& y : b.alts) {
      if (x.kind != y.kind) continue;
      z3::expr both = And(x.guard, y.guard);
      if (both.is_false()) continue;
      TF_ASSIGN_OR_RETURN(z3::expr eq, AltEqual(x, y));
      out = Or(out, And(both, eq));
    }
  }
  return out;
}

Result<z3::expr> Encoder::AltEqual(const Alt& x, const Alt& y) {
  if (x.kind != y.kind) return False();
  switch (x.kind) {
    case ValueKind::kNull:
      return True();
    case ValueKind::kBool:
    case ValueKind::kNumber:
    case ValueKind::kString:
      return x.scalar == y.scalar;
    default:
      break;
  }
  const Value* cx = ConstantColl(x);
  const Value* cy = ConstantColl(y);
  if (cx != nullptr && cy != nullptr) return ctx_.bool_val(*cx == *cy);
  if (x.kind == ValueKind::kArray) return ArrayEqual(x, y);
  if (x.kind == ValueKind::kObject) return ObjectEqual(x, y);
  return SetEqual(x, y);
}

Result<z3::expr> Encoder::ArrayEqual(const Alt& x, const Alt& y) {
  TF_ASSIGN_OR_RETURN(std::vector<Item> px, ArrayPositions(x));
  TF_ASSIGN_OR_RETURN(std::vector<Item> py, ArrayPositions(y));
  // Positions form prefix chains, so equal lengths and equal elements at every common index.
  z3::expr out = True();
  size_t common = std::min(px.size(), py.size());
  for (size_t k = 0; k < std::max(px.size(), py.size()); ++k) {
    z3::expr gx = k < px.size() ? px[k].guard : False();
    z3::expr gy = k < py.size() ? py[k].guard : False();
    out = And(out, gx == gy);
    if (k < common) {
      TF_ASSIGN_OR_RETURN(z3::expr eq, Equal(px[k].value, py[k].value));
      out = And(out, Implies(gx, eq));
    }
  }
  return out.simplify();
}

Result<z3::expr> Encoder::ObjectEqual(const Alt& x, const Alt& y) {
  TF_ASSIGN_OR_RETURN(std::vector<Entry> ex, ObjectEntries(x));
  TF_ASSIGN_OR_RETURN(std::vector<Entry> ey, ObjectEntries(y));
  z3::expr out = True();
  for (int side = 0; side < 2; ++side) {
    const std::vector<Entry>& from = side == 0 ? ex : ey;
    const std::vector<Entry>& to = side == 0 ? ey : ex;
    for (const Entry& e : from) {
      z3::expr found = False();
      for (const Entry& f : to) {
        TF_ASSIGN_OR_RETURN(z3::expr k, Equal(e.key, f.key));
        if (k.is_false()) continue;
        TF_ASSIGN_OR_RETURN(z3::expr v, Equal(e.value, f.value));
        found = Or(found, And(f.guard, And(k, v)));
      }
      out = And(out, Implies(e.guard, found));
    }
  }
  return out;
}

Result<z3::expr> Encoder::SetEqual(const Alt& x, const Alt& y) {
  TF_ASSIGN_OR_RETURN(std::vector<Item> mx, SetMembers(x));
  TF_ASSIGN_OR_RETURN(std::vector<Item> my, SetMembers(y));
  z3::expr out = True();
  for (int side = 0; side < 2; ++side) {
    const std::vector<Item>& from = side == 0 ? mx : my;
    const std::vector<Item>& to = side == 0 ? my : mx;
    for (const Item& m : from) {
      z3::expr found = False();
      for (const Item& n : to) {
        TF_ASSIGN_OR_RETURN(z3::expr eq, Equal(m.value, n.value));
        found = Or(found, And(n.guard, eq));
      }
      out = And(out, Implies(m.guard, found));
    }
  }
  return out;
}

Result<z3::expr> Encoder::Less(const SymVal& a, const SymVal& b, bool or_equal) {
  if (a.constant && b.constant) {
    int c = a.constant->Compare(*b.constant);
    return ctx_.bool_val(or_equal ? c <= 0 : c < 0);
  }
  z3::expr out = False();
  for (const Alt& x : a.alts) {
    for (const Alt& y : b.alts) {
      z3::expr both = And(x.guard, y.guard);
      if (both.is_false()) continue;
      TF_ASSIGN_OR_RETURN(z3::expr lt, AltLess(x, y, or_equal));
      out = Or(out, And(both, lt));
    }
  }
  return out;
}

Result<z3::expr> Encoder::AltLess(const Alt& x, const Alt& y, bool or_equal) {
  // Kinds order first (ValueKind's declaration order is Rego's).
  if (x.kind != y.kind) return ctx_.bool_val(x.kind < y.kind);
  switch (x.kind) {
    case ValueKind::kNull:
      return ctx_.bool_val(or_equal);
    case ValueKind::kBool:
      return or_equal ? Or(Not(x.scalar), y.scalar) : And(Not(x.scalar), y.scalar);
    case ValueKind::kNumber:
      return or_equal ? x.scalar <= y.scalar : x.scalar < y.scalar;
    case ValueKind::kString:
      // Z3 orders strings by code points, which is the byte order of their UTF-8 encodings.
      return z3::expr(ctx_, or_equal ? Z3_mk_str_le(ctx_, x.scalar, y.scalar)
                                     : Z3_mk_str_lt(ctx_, x.scalar, y.scalar));
    default:
      break;
  }
  const Value* cx = ConstantColl(x);
  const Value* cy = ConstantColl(y);
  if (cx != nullptr && cy != nullptr) {
    int c = cx->Compare(*cy);
    return ctx_.bool_val(or_equal ? c <= 0 : c < 0);
  }
  return Unsupported("ordering comparison (<, <=, >, >=, sorting) of symbolic " +
                     std::string(KindName(x.kind)) + "s");
}

}  // namespace tf::smt::internal
