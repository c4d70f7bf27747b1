// Builtin encoders: strings as Z3 sequences of code points (Rego counts code points too).
#include <functional>

#include "smt/internal/builtin_encoders.h"
#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

using Fn2 = std::function<SymVal(const z3::expr&, const z3::expr&)>;

BuiltinOutcome Ok(const BuiltinCall& c, SymVal v) {
  return BuiltinOutcome{std::move(v), c.enc.False()};
}

// fn over every pair of string alternatives of the first two arguments.
SymVal Strings2(const BuiltinCall& c, const Fn2& fn) {
  SymVal out;
  for (const Alt& x : c.args[0].alts) {
    for (const Alt& y : c.args[1].alts) {
      if (x.kind != ValueKind::kString || y.kind != ValueKind::kString) continue;
      z3::expr g = And(x.guard, y.guard);
      if (g.is_false()) continue;
      for (Alt& a : Restrict(fn(x.scalar, y.scalar), g).alts)
        out.alts.push_back(std::move(a));
    }
  }
  return Normalize(std::move(out));
}

Result<BuiltinOutcome> StartsWith(const BuiltinCall& c) {
  return Ok(c, Strings2(c, [](const z3::expr& s, const z3::expr& p) {
              return BoolValue(z3::prefixof(p, s));
            }));
}

Result<BuiltinOutcome> EndsWith(const BuiltinCall& c) {
  return Ok(c, Strings2(c, [](const z3::expr& s, const z3::expr& p) {
              return BoolValue(z3::suffixof(p, s));
            }));
}

Result<BuiltinOutcome> Contains(const BuiltinCall& c) {
  return Ok(c, Strings2(c, [](const z3::expr& s, const z3::expr& n) {
              return BoolValue(s.contains(n));
            }));
}

Result<BuiltinOutcome> TrimPrefix(const BuiltinCall& c) {
  return Ok(c, Strings2(c, [](const z3::expr& s, const z3::expr& p) {
              z3::expr rest = s.extract(p.length(), s.length() - p.length());
              return StringValue(Ite(z3::prefixof(p, s), rest, s));
            }));
}

Result<BuiltinOutcome> TrimSuffix(const BuiltinCall& c) {
  return Ok(c, Strings2(c, [](const z3::expr& s, const z3::expr& p) {
              z3::expr rest = s.extract(s.ctx().int_val(0), s.length() - p.length());
              return StringValue(Ite(z3::suffixof(p, s), rest, s));
            }));
}

// Code point index of the first match, -1 when none; an empty needle is an error.
Result<BuiltinOutcome> IndexOf(const BuiltinCall& c) {
  z3::context& ctx = c.enc.ctx();
  SymVal value = Strings2(c, [&](const z3::expr& s, const z3::expr& n) {
    return NumberValue(z3::to_real(z3::indexof(s, n, ctx.int_val(0))));
  });
  z3::expr error = c.enc.False();
  for (const Alt& n : c.args[1].alts) {
    if (n.kind == ValueKind::kString) error = Or(error, And(n.guard, n.scalar.length() == 0));
  }
  return BuiltinOutcome{std::move(value), error};
}

// substring(s, offset, length) in code points: a negative length means "to the end"; offset
// and length must be integers (int64), offset non-negative.
Result<BuiltinOutcome> Substring(const BuiltinCall& c) {
  z3::context& ctx = c.enc.ctx();
  SymVal out;
  z3::expr error = c.enc.False();
  z3::expr lo = ctx.real_val("-9223372036854775808");
  z3::expr hi = ctx.real_val("9223372036854775807");
  for (const Alt& s : c.args[0].alts) {
    for (const Alt& o : c.args[1].alts) {
      for (const Alt& l : c.args[2].alts) {
        if (s.kind != ValueKind::kString || o.kind != ValueKind::kNumber ||
            l.kind != ValueKind::kNumber)
          continue;
        z3::expr g = And(s.guard, And(o.guard, l.guard));
        if (g.is_false()) continue;
        auto int64 = [&](const z3::expr& x) { return z3::is_int(x) && x >= lo && x <= hi; };
        z3::expr bad = Or(Not(int64(o.scalar)), Or(Not(int64(l.scalar)), o.scalar < 0));
        error = Or(error, And(g, bad));
        z3::expr count = s.scalar.length();
        z3::expr off = RealToInt(o.scalar);
        z3::expr len = RealToInt(l.scalar);
        z3::expr end = Ite(len < 0, count, Ite(off + len < count, off + len, count));
        z3::expr piece = Ite(off >= count, ctx.string_val(""), s.scalar.extract(off, end - off));
        out.alts.push_back(Alt{g, ValueKind::kString, piece, nullptr});
      }
    }
  }
  return BuiltinOutcome{Normalize(std::move(out)), error};
}

// concat(delimiter, collection): the strings of an array in order, or of a constant set in
// Rego's order; any other element is an error.
Result<BuiltinOutcome> Concat(const BuiltinCall& c) {
  z3::context& ctx = c.enc.ctx();
  SymVal out;
  z3::expr error = c.enc.False();
  for (const Alt& d : c.args[0].alts) {
    for (const Alt& coll : c.args[1].alts) {
      z3::expr g = And(d.guard, coll.guard);
      if (g.is_false() || d.kind != ValueKind::kString) continue;
      std::vector<Item> items;
      if (coll.kind == ValueKind::kArray) {
        TF_ASSIGN_OR_RETURN(items, c.enc.ArrayPositions(coll));
      } else if (coll.coll != nullptr && coll.coll->rep == CollRep::kConstant) {
        TF_ASSIGN_OR_RETURN(items, c.enc.SetMembers(coll));
      } else {
        return Unsupported(
            "concat over a set with symbolic members (its order is Rego's sort order)");
      }
      z3::expr joined = ctx.string_val("");
      for (size_t k = 0; k < items.size(); ++k) {
        z3::expr str = ctx.string_val("");
        for (const Alt& e : items[k].value.alts) {
          if (e.kind == ValueKind::kString) {
            str = Ite(e.guard, e.scalar, str);
          } else {
            error = Or(error, And(g, And(items[k].guard, e.guard)));
          }
        }
        z3::expr piece = k == 0 ? str : z3::concat(d.scalar, str);
        Assign(joined, z3::concat(joined, Ite(items[k].guard, piece, ctx.string_val(""))));
      }
      out.alts.push_back(Alt{g, ValueKind::kString, joined.simplify(), nullptr});
    }
  }
  return BuiltinOutcome{Normalize(std::move(out)), error};
}

struct Named {
  std::string_view name;
  BuiltinEncoder fn;
};

constexpr Named kStrings[] = {
    {"startswith", StartsWith},  {"endswith", EndsWith},      {"contains", Contains},
    {"trim_prefix", TrimPrefix}, {"trim_suffix", TrimSuffix}, {"indexof", IndexOf},
    {"substring", Substring},    {"concat", Concat},
};

}  // namespace

BuiltinEncoder FindStringEncoder(std::string_view name) {
  for (const Named& n : kStrings) {
    if (n.name == name) return n.fn;
  }
  return nullptr;
}

}  // namespace tf::smt::internal
