// Builtin encoders: arithmetic on exact numbers (Z3 reals), and `minus` on sets.
#include <functional>

#include "smt/internal/builtin_encoders.h"
#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

using Fn2 = std::function<z3::expr(const z3::expr&, const z3::expr&)>;
using Fn1 = std::function<z3::expr(const z3::expr&)>;

z3::expr Floor(const z3::expr& x) {
  return z3::to_real(RealToInt(x));
}

// The value of fn over every pair of number alternatives.
SymVal Lift2(const SymVal& a, const SymVal& b, const Fn2& fn) {
  SymVal out;
  for (const Alt& x : a.alts) {
    for (const Alt& y : b.alts) {
      if (x.kind != ValueKind::kNumber || y.kind != ValueKind::kNumber) continue;
      z3::expr g = And(x.guard, y.guard);
      if (g.is_false()) continue;
      out.alts.push_back(Alt{g, ValueKind::kNumber, fn(x.scalar, y.scalar), nullptr});
    }
  }
  return Normalize(std::move(out));
}

SymVal Lift1(const SymVal& a, const Fn1& fn) {
  SymVal out;
  for (const Alt& x : a.alts) {
    if (x.kind == ValueKind::kNumber)
      out.alts.push_back(Alt{x.guard, x.kind, fn(x.scalar), nullptr});
  }
  return out;
}

BuiltinOutcome Ok(const BuiltinCall& c, SymVal v) {
  return BuiltinOutcome{std::move(v), c.enc.False()};
}

Result<BuiltinOutcome> Plus(const BuiltinCall& c) {
  return Ok(
      c, Lift2(c.args[0], c.args[1], [](const z3::expr& x, const z3::expr& y) { return x + y; }));
}

Result<BuiltinOutcome> Mul(const BuiltinCall& c) {
  return Ok(
      c, Lift2(c.args[0], c.args[1], [](const z3::expr& x, const z3::expr& y) { return x * y; }));
}

// Set difference, for `minus` on two sets.
Result<SymVal> SetMinus(Encoder& enc, const Alt& x, const Alt& y) {
  TF_ASSIGN_OR_RETURN(std::vector<Item> members, enc.SetMembers(x));
  SymVal ys;
  ys.alts.push_back(Alt{enc.True(), y.kind, y.scalar, y.coll});
  auto coll = std::make_shared<Coll>();
  coll->rep = CollRep::kItems;
  for (const Item& m : members) {
    TF_ASSIGN_OR_RETURN(z3::expr in, enc.Member(m.value, ys));
    coll->items.push_back(Item{And(m.guard, Not(in)), m.value});
  }
  return CollValue(enc.ctx(), ValueKind::kSet, std::move(coll));
}

Result<BuiltinOutcome> Minus(const BuiltinCall& c) {
  SymVal out;
  z3::expr error = c.enc.False();
  for (const Alt& x : c.args[0].alts) {
    for (const Alt& y : c.args[1].alts) {
      z3::expr g = And(x.guard, y.guard);
      if (g.is_false()) continue;
      if (x.kind != y.kind) {
        error = Or(error, g);  // a number and a set
      } else if (x.kind == ValueKind::kNumber) {
        out.alts.push_back(Alt{g, x.kind, x.scalar - y.scalar, nullptr});
      } else {
        TF_ASSIGN_OR_RETURN(SymVal diff, SetMinus(c.enc, x, y));
        for (Alt& a : Restrict(diff, g).alts)
          out.alts.push_back(std::move(a));
      }
    }
  }
  return BuiltinOutcome{Normalize(std::move(out)), error};
}

// The interpreter rounds a quotient to Number::kDivisionDigits significant digits (half to
// even). The encoding does not model the rounding: the result is any number within half a unit
// of the 34th digit of the exact quotient, which contains the rounded one. Proofs stay sound;
// a counterexample must be confirmed by the interpreter.
Result<BuiltinOutcome> Div(const BuiltinCall& c) {
  z3::context& ctx = c.enc.ctx();
  SymVal out;
  z3::expr error = c.enc.False();
  for (const Alt& x : c.args[0].alts) {
    for (const Alt& y : c.args[1].alts) {
      z3::expr g = And(x.guard, y.guard);
      if (g.is_false()) continue;
      error = Or(error, And(g, y.scalar == ctx.real_val(0)));
      z3::expr exact = x.scalar / y.scalar;
      z3::expr r =
          ctx.real_const(("div@" + std::to_string(c.enc.tree().constraints().size())).c_str());
      z3::expr magnitude = Ite(exact >= 0, exact, -exact);
      z3::expr slack = magnitude * ctx.real_val("5/10000000000000000000000000000000000");
      c.enc.tree().Assume(
          Implies(y.scalar != ctx.real_val(0), r - exact <= slack && exact - r <= slack));
      out.alts.push_back(Alt{g, ValueKind::kNumber, r, nullptr});
    }
  }
  *c.exact = false;
  return BuiltinOutcome{Normalize(std::move(out)), error};
}

// Integers only; the sign follows the dividend (truncated division), as Go and OPA.
Result<BuiltinOutcome> Rem(const BuiltinCall& c) {
  z3::context& ctx = c.enc.ctx();
  SymVal out;
  z3::expr error = c.enc.False();
  for (const Alt& x : c.args[0].alts) {
    for (const Alt& y : c.args[1].alts) {
      z3::expr g = And(x.guard, y.guard);
      if (g.is_false()) continue;
      z3::expr bad =
          Or(Not(z3::is_int(x.scalar)), Or(Not(z3::is_int(y.scalar)), y.scalar == ctx.real_val(0)));
      error = Or(error, And(g, bad));
      z3::expr q = x.scalar / y.scalar;
      z3::expr trunc = Ite(q >= 0, Floor(q), -Floor(-q));
      out.alts.push_back(Alt{g, ValueKind::kNumber, x.scalar - y.scalar * trunc, nullptr});
    }
  }
  return BuiltinOutcome{Normalize(std::move(out)), error};
}

Result<BuiltinOutcome> Abs(const BuiltinCall& c) {
  return Ok(c, Lift1(c.args[0], [](const z3::expr& x) { return Ite(x >= 0, x, -x); }));
}

Result<BuiltinOutcome> FloorEncoder(const BuiltinCall& c) {
  return Ok(c, Lift1(c.args[0], Floor));
}

Result<BuiltinOutcome> Ceil(const BuiltinCall& c) {
  return Ok(c, Lift1(c.args[0], [](const z3::expr& x) { return -Floor(-x); }));
}

// Half away from zero, as Number::Round.
Result<BuiltinOutcome> Round(const BuiltinCall& c) {
  return Ok(c, Lift1(c.args[0], [](const z3::expr& x) {
              z3::expr half = x.ctx().real_val(1, 2);
              return Ite(x >= 0, Floor(x + half), -Floor(-x + half));
            }));
}

struct Named {
  std::string_view name;
  BuiltinEncoder fn;
};

constexpr Named kNumbers[] = {
    {"plus", Plus}, {"minus", Minus},        {"mul", Mul},   {"div", Div},     {"rem", Rem},
    {"abs", Abs},   {"floor", FloorEncoder}, {"ceil", Ceil}, {"round", Round},
};

}  // namespace

BuiltinEncoder FindNumberEncoder(std::string_view name) {
  for (const Named& n : kNumbers) {
    if (n.name == name) return n.fn;
  }
  return nullptr;
}

}  // namespace tf::smt::internal
