// Iteration (kScan): unrolled over the elements of each collection alternative.
#include <functional>

#include "smt/internal/translator.h"
#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

void Walk(const ir::Program& p, ir::BlockId block, ir::BlockId skip,
          const std::function<void(const ir::Stmt&)>& visit) {
  if (block == skip) return;
  for (const ir::Stmt& s : p.blocks[block].stmts) {
    visit(s);
    if (s.block != ir::kNone) Walk(p, s.block, skip, visit);
  }
}

bool WritesDst(ir::Op op) {
  switch (op) {
    case ir::Op::kAssign:
    case ir::Op::kResetLocal:
    case ir::Op::kDot:
    case ir::Op::kMakeArray:
    case ir::Op::kMakeSet:
    case ir::Op::kMakeObject:
    case ir::Op::kTemplate:
    case ir::Op::kLoadInput:
    case ir::Op::kLoadData:
    case ir::Op::kLoadDoc:
    case ir::Op::kLoadDocChild:
    case ir::Op::kCallBuiltin:
    case ir::Op::kCallFunc:
    case ir::Op::kScan:
      return true;
    default:
      return false;
  }
}

bool IsAccumulator(ir::Op op) {
  return op == ir::Op::kAssignOnce || op == ir::Op::kSetAdd || op == ir::Op::kArrayAppend ||
         op == ir::Op::kObjectInsert;
}

}  // namespace

// Whether running the scan's iterations in another order than the interpreter's could change
// what the rest of the function sees. Sets and objects with symbolic members have no order the
// translation knows; their iterations are still exact when the only effects that outlive an
// iteration are order-independent: set and object accumulation, the same constant assigned
// once, errors and whether some iteration produced (handled by the caller).
bool Translator::OrderSensitive(const Frame& f, const ir::Stmt& scan, bool all) const {
  std::set<ir::LocalId> written = {scan.dst, scan.dst2};
  bool sensitive = false;
  Walk(program_, scan.block, ir::kNone, [&](const ir::Stmt& s) {
    if (WritesDst(s.op)) written.insert(s.dst);
    if (s.op == ir::Op::kScan) written.insert(s.dst2);
    if (s.op == ir::Op::kArrayAppend) written.insert(s.dst);
    // In first-solution mode only the first producing iteration assigns; a value that differs
    // between iterations would depend on which one that is.
    if (s.op == ir::Op::kAssignOnce && !all && s.a.is_local()) sensitive = true;
  });
  if (sensitive) return true;
  std::set<ir::LocalId> read_outside;
  const ir::Func& fn = program_.funcs[f.func];
  if (fn.result != ir::kNone) read_outside.insert(fn.result);
  Walk(program_, fn.body, scan.block, [&](const ir::Stmt& s) {
    auto use = [&](const ir::Operand& o) {
      if (o.is_local()) read_outside.insert(o.index);
    };
    use(s.a);
    use(s.b);
    for (const ir::Operand& o : s.args)
      use(o);
    if (IsAccumulator(s.op)) read_outside.insert(s.dst);
    if (s.op == ir::Op::kIsDefined || s.op == ir::Op::kIsUndefined) read_outside.insert(s.a.index);
  });
  for (ir::LocalId l : written) {
    if (read_outside.count(l) != 0) return true;
  }
  return false;
}

Status Translator::ExecScan(const ir::Stmt& s, bool all, const z3::expr& pc, Frame& f,
                            z3::expr* produced) {
  TF_ASSIGN_OR_RETURN(SymVal coll, Get(f, s.a));
  z3::expr any = ctx_.bool_val(false);
  for (const Alt& alt : coll.alts) {
    // Anything but a collection has no elements: the scan is undefined there.
    if (alt.kind != ValueKind::kArray && alt.kind != ValueKind::kObject &&
        alt.kind != ValueKind::kSet) {
      continue;
    }
    z3::expr base = And(pc, alt.guard);
    if (base.is_false()) continue;
    Result<Iteration> it = enc_.Iterate(alt);
    if (!it.ok()) return Locate(it.status(), s.loc);
    if (!it->ordered && OrderSensitive(f, s, all)) {
      return UnsupportedAt(s.loc,
                           "iteration over a set or object with symbolic members whose effects "
                           "depend on the iteration order");
    }
    if (it->ordered || all) {
      for (const Element& e : it->elements) {
        z3::expr here = And(base, e.present);
        // First-solution mode: the interpreter stops after the first iteration that produced.
        if (!all) here = And(here, Not(any));
        if (here.is_false()) continue;
        Write(f, s.dst, e.key, here);
        Write(f, s.dst2, e.value, here);
        z3::expr prod = ctx_.bool_val(false);
        TF_RETURN_IF_ERROR(ExecBlock(s.block, all, here, f, &prod));
        any = Or(any, prod);
      }
      continue;
    }
    // First-solution mode over an order the translation does not know statically: whether an
    // iteration produces does not depend on the order, but an error counts only if the
    // interpreter reaches it, i.e. no element before it (in Rego's order) produced.
    std::vector<z3::expr> prods;
    std::vector<z3::expr> errors;
    for (const Element& e : it->elements) {
      z3::expr here = And(base, e.present);
      z3::expr saved = error_;
      Assign(error_, ctx_.bool_val(false));
      z3::expr prod = ctx_.bool_val(false);
      if (!here.is_false()) {
        Write(f, s.dst, e.key, here);
        Write(f, s.dst2, e.value, here);
        TF_RETURN_IF_ERROR(ExecBlock(s.block, all, here, f, &prod));
      }
      prods.push_back(prod);
      errors.push_back(error_);
      error_ = saved;
    }
    for (size_t i = 0; i < it->elements.size(); ++i) {
      any = Or(any, prods[i]);
      if (errors[i].is_false()) continue;
      z3::expr earlier_produced = ctx_.bool_val(false);
      for (size_t j = 0; j < it->elements.size(); ++j) {
        if (j == i || prods[j].is_false()) continue;
        Result<z3::expr> before = enc_.Less(it->elements[j].key, it->elements[i].key, false);
        if (!before.ok()) return Locate(before.status(), s.loc);
        earlier_produced = Or(earlier_produced, And(prods[j], *before));
      }
      AddError(And(errors[i], Not(earlier_produced)));
    }
  }
  *produced = any;
  return Status();
}

}  // namespace tf::smt::internal
