// Builtin encoders: set union and intersection, and sums of numbers.
#include "smt/internal/builtin_encoders.h"
#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

template <bool kUnion>
Result<BuiltinOutcome> SetOp(const BuiltinCall& c) {
  Encoder& enc = c.enc;
  SymVal out;
  for (const Alt& x : c.args[0].alts) {
    for (const Alt& y : c.args[1].alts) {
      z3::expr g = And(x.guard, y.guard);
      if (g.is_false()) continue;
      TF_ASSIGN_OR_RETURN(std::vector<Item> xs, enc.SetMembers(x));
      auto coll = std::make_shared<Coll>();
      coll->rep = CollRep::kItems;
      if (kUnion) {
        TF_ASSIGN_OR_RETURN(std::vector<Item> ys, enc.SetMembers(y));
        coll->items = std::move(xs);
        for (Item& i : ys)
          coll->items.push_back(std::move(i));
      } else {
        SymVal ys;
        ys.alts.push_back(Alt{enc.True(), y.kind, y.scalar, y.coll});
        for (const Item& m : xs) {
          TF_ASSIGN_OR_RETURN(z3::expr in, enc.Member(m.value, ys));
          coll->items.push_back(Item{And(m.guard, in), m.value});
        }
      }
      SymVal v = CollValue(enc.ctx(), ValueKind::kSet, std::move(coll));
      for (Alt& a : Restrict(v, g).alts)
        out.alts.push_back(std::move(a));
    }
  }
  return BuiltinOutcome{std::move(out), enc.False()};
}

// sum over an array or set of numbers; another element is an error. Sets sum distinct members.
Result<BuiltinOutcome> Sum(const BuiltinCall& c) {
  Encoder& enc = c.enc;
  z3::context& ctx = enc.ctx();
  SymVal out;
  z3::expr error = enc.False();
  for (const Alt& coll : c.args[0].alts) {
    std::vector<Item> items;
    if (coll.kind == ValueKind::kArray) {
      TF_ASSIGN_OR_RETURN(items, enc.ArrayPositions(coll));
    } else {
      TF_ASSIGN_OR_RETURN(std::vector<Item> members, enc.SetMembers(coll));
      for (size_t i = 0; i < members.size(); ++i) {
        z3::expr first = members[i].guard;
        for (size_t j = 0; j < i; ++j) {
          TF_ASSIGN_OR_RETURN(z3::expr eq, enc.Equal(members[j].value, members[i].value));
          first = And(first, Not(And(members[j].guard, eq)));
        }
        items.push_back(Item{first, members[i].value});
      }
    }
    z3::expr total = ctx.real_val(0);
    for (const Item& item : items) {
      z3::expr n = ctx.real_val(0);
      for (const Alt& e : item.value.alts) {
        if (e.kind == ValueKind::kNumber) {
          n = Ite(e.guard, e.scalar, n);
        } else {
          error = Or(error, And(coll.guard, And(item.guard, e.guard)));
        }
      }
      Assign(total, total + Ite(item.guard, n, ctx.real_val(0)));
    }
    out.alts.push_back(Alt{coll.guard, ValueKind::kNumber, total.simplify(), nullptr});
  }
  return BuiltinOutcome{Normalize(std::move(out)), error};
}

struct Named {
  std::string_view name;
  BuiltinEncoder fn;
};

constexpr Named kCollections[] = {
    {"or", SetOp<true>},
    {"and", SetOp<false>},
    {"sum", Sum},
};

}  // namespace

BuiltinEncoder FindCollectionEncoder(std::string_view name) {
  for (const Named& n : kCollections) {
    if (n.name == name) return n.fn;
  }
  return nullptr;
}

}  // namespace tf::smt::internal
