// Symbolic execution of IR blocks and statements (see translator.h).
#include "smt/internal/translator.h"

#include <cctype>

#include "rego/ast.h"
#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

std::string LocationText(const Location& loc) {
  if (loc.source == nullptr || loc.line == 0) return "<unknown location>";
  return loc.source->name + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

// "name:12:5: ..." already names its place.
bool HasLocation(std::string_view message) {
  size_t sep = message.find(": ");
  if (sep == std::string_view::npos) return false;
  std::string_view head = message.substr(0, sep);
  size_t c2 = head.rfind(':');
  if (c2 == std::string_view::npos || c2 + 1 == head.size()) return false;
  size_t c1 = head.rfind(':', c2 - 1);
  if (c1 == std::string_view::npos) return false;
  auto digits = [](std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
  };
  return digits(head.substr(c1 + 1, c2 - c1 - 1)) && digits(head.substr(c2 + 1));
}

}  // namespace

Status UnsupportedAt(const Location& loc, const std::string& what) {
  return Status(ErrorCode::kSmtUnsupported, LocationText(loc) + ": " + what);
}

Status Locate(Status status, const Location& loc) {
  if (status.ok() || status.code() != ErrorCode::kSmtUnsupported || HasLocation(status.message())) {
    return status;
  }
  return UnsupportedAt(loc, std::string(status.message()));
}

Translator::Translator(Encoder& enc, const ir::Program& program, const Value& data,
                       TranslateOptions options)
    : enc_(enc),
      ctx_(enc.ctx()),
      program_(program),
      data_(data),
      options_(std::move(options)),
      error_(ctx_.bool_val(false)),
      solved_(ctx_.bool_val(false)) {}

Result<QueryOutcome> Translator::Query(size_t index) {
  auto cached = queries_.find(index);
  if (cached != queries_.end()) return cached->second;
  if (index >= program_.queries.size()) {
    return Status(ErrorCode::kInternal, "no query number " + std::to_string(index));
  }
  const ir::Func& fn = program_.funcs[program_.queries[index].func];
  Frame frame{program_.queries[index].func, std::vector<SymVal>(fn.num_locals)};
  Assign(error_, ctx_.bool_val(false));
  Assign(solved_, ctx_.bool_val(false));
  result_ = UndefinedValue();
  nodes_.clear();
  z3::expr produced = ctx_.bool_val(false);
  TF_RETURN_IF_ERROR(ExecBlock(fn.body, true, ctx_.bool_val(true), frame, &produced));
  QueryOutcome out{error_, solved_, result_, nodes_};
  queries_.emplace(index, out);
  return out;
}

Result<SymVal> Translator::Get(const Frame& f, const ir::Operand& o) {
  if (o.is_local()) return f.locals[o.index];
  auto it = constants_.find(o.index);
  if (it != constants_.end()) return it->second;
  TF_ASSIGN_OR_RETURN(SymVal v, enc_.Const(program_.constants[o.index]));
  constants_.emplace(o.index, v);
  return v;
}

void Translator::Write(Frame& f, ir::LocalId dst, const SymVal& v, const z3::expr& pc) {
  f.locals[dst] = IteValue(pc, v, f.locals[dst]);
}

void Translator::AddError(const z3::expr& cond) {
  error_ = Or(error_, cond);
}

Status Translator::ExecBlock(ir::BlockId block, bool all, const z3::expr& pc_in, Frame& f,
                             z3::expr* produced) {
  z3::expr pc = pc_in;
  for (const ir::Stmt& s : program_.blocks[block].stmts) {
    if (pc.is_false()) break;
    // An iteration is always the last statement of its block: what follows it is nested.
    if (s.op == ir::Op::kScan) return ExecScan(s, all, pc, f, produced);
    TF_RETURN_IF_ERROR(ExecStmt(s, pc, f));
  }
  *produced = pc;
  return Status();
}

Status Translator::ExecStmt(const ir::Stmt& s, z3::expr& pc, Frame& f) {
  using ir::Op;
  switch (s.op) {
    case Op::kAssign: {
      TF_ASSIGN_OR_RETURN(SymVal v, Get(f, s.a));
      Write(f, s.dst, v, pc);
      return Status();
    }
    case Op::kResetLocal:
      f.locals[s.dst] = Restrict(f.locals[s.dst], Not(pc));
      return Status();
    case Op::kDot: {
      TF_ASSIGN_OR_RETURN(SymVal coll, Get(f, s.a));
      TF_ASSIGN_OR_RETURN(SymVal key, Get(f, s.b));
      Result<SymVal> v = enc_.Dot(coll, key);
      if (!v.ok()) return Locate(v.status(), s.loc);
      pc = And(pc, Defined(ctx_, *v));
      Write(f, s.dst, *v, pc);
      return Status();
    }
    case Op::kMakeArray:
    case Op::kMakeSet:
    case Op::kMakeObject:
      return MakeCollection(s, pc, f);
    case Op::kTemplate:
      return Template(s, pc, f);
    case Op::kLoadInput:
      Write(f, s.dst, enc_.tree().Materialize(enc_.tree().InputRoot()), pc);
      return Status();
    case Op::kLoadData:
      return ExecLoadData(s, pc, f);
    case Op::kLoadDoc:
      return ExecLoadDoc(s, pc, f);
    case Op::kLoadDocChild:
      return ExecLoadDocChild(s, pc, f);
    case Op::kCallBuiltin:
      return CallBuiltin(s, pc, f);
    case Op::kCallFunc: {
      std::vector<SymVal> args;
      for (const ir::Operand& o : s.args) {
        TF_ASSIGN_OR_RETURN(SymVal a, Get(f, o));
        args.push_back(std::move(a));
      }
      TF_ASSIGN_OR_RETURN(SymVal r, CallFunc(s.target, std::move(args), pc));
      pc = And(pc, Defined(ctx_, r));
      Write(f, s.dst, r, pc);
      return Status();
    }
    case Op::kEqual:
    case Op::kNotEqual:
    case Op::kLess:
    case Op::kLessEqual: {
      TF_ASSIGN_OR_RETURN(SymVal a, Get(f, s.a));
      TF_ASSIGN_OR_RETURN(SymVal b, Get(f, s.b));
      Result<z3::expr> c = s.op == Op::kEqual || s.op == Op::kNotEqual
                               ? enc_.Equal(a, b)
                               : enc_.Less(a, b, s.op == Op::kLessEqual);
      if (!c.ok()) return Locate(c.status(), s.loc);
      pc = And(pc, s.op == Op::kNotEqual ? Not(*c) : *c);
      return Status();
    }
    case Op::kTruthy: {
      TF_ASSIGN_OR_RETURN(SymVal a, Get(f, s.a));
      pc = And(pc, enc_.Truthy(a));
      return Status();
    }
    case Op::kIsKind: {
      TF_ASSIGN_OR_RETURN(SymVal a, Get(f, s.a));
      pc = And(pc, enc_.HasKind(a, static_cast<uint8_t>(s.target)));
      return Status();
    }
    case Op::kLenEqual: {
      TF_ASSIGN_OR_RETURN(SymVal a, Get(f, s.a));
      z3::expr ok = ctx_.bool_val(false);
      for (const Alt& alt : a.alts) {
        if (alt.kind != ValueKind::kArray && alt.kind != ValueKind::kObject &&
            alt.kind != ValueKind::kSet) {
          return UnsupportedAt(s.loc, "length test on a " + std::string(KindName(alt.kind)));
        }
        Result<z3::expr> n = enc_.Size(alt);
        if (!n.ok()) return Locate(n.status(), s.loc);
        ok = Or(ok, And(alt.guard, *n == ctx_.int_val(static_cast<int64_t>(s.target))));
      }
      pc = And(pc, ok);
      return Status();
    }
    case Op::kIsDefined:
      pc = And(pc, Defined(ctx_, f.locals[s.a.index]));
      return Status();
    case Op::kIsUndefined:
      pc = And(pc, Not(Defined(ctx_, f.locals[s.a.index])));
      return Status();
    case Op::kScan: {
      z3::expr produced = ctx_.bool_val(false);
      TF_RETURN_IF_ERROR(ExecScan(s, true, pc, f, &produced));
      pc = produced;
      return Status();
    }
    case Op::kNot:
    case Op::kBlock:
      return ExecNested(s, pc, f);
    case Op::kWith:
      return UnsupportedAt(s.loc, "`with` (replacing input, data or functions inside a policy)");
    case Op::kAssignOnce:
    case Op::kSetAdd:
    case Op::kArrayAppend:
    case Op::kObjectInsert:
      return ExecAccumulate(s, pc, f);
    case Op::kResultAdd: {
      solved_ = Or(solved_, pc);
      if (!s.args.empty()) {
        TF_ASSIGN_OR_RETURN(SymVal v, Get(f, s.args[0]));
        result_ = IteValue(pc, v, result_);
      }
      return Status();
    }
    case Op::kPrint:
      return Status();  // output only; never changes the outcome
  }
  return UnsupportedAt(s.loc, "IR statement " + std::string(ir::OpName(s.op)));
}

Status Translator::ExecNested(const ir::Stmt& s, z3::expr& pc, Frame& f) {
  z3::expr produced = ctx_.bool_val(false);
  if (s.op == ir::Op::kNot) {
    TF_RETURN_IF_ERROR(ExecBlock(s.block, false, pc, f, &produced));
    pc = And(pc, Not(produced));
    return Status();
  }
  TF_RETURN_IF_ERROR(ExecBlock(s.block, (s.flags & ir::kBlockAllSolutions) != 0, pc, f, &produced));
  if ((s.flags & ir::kBlockMustProduce) != 0) pc = And(pc, produced);
  return Status();
}

Status Translator::MakeCollection(const ir::Stmt& s, z3::expr& pc, Frame& f) {
  std::vector<SymVal> args;
  bool all_constant = true;
  for (const ir::Operand& o : s.args) {
    TF_ASSIGN_OR_RETURN(SymVal a, Get(f, o));
    all_constant = all_constant && a.constant.has_value();
    args.push_back(std::move(a));
  }
  auto coll = std::make_shared<Coll>();
  ValueKind kind = s.op == ir::Op::kMakeArray ? ValueKind::kArray
                   : s.op == ir::Op::kMakeSet ? ValueKind::kSet
                                              : ValueKind::kObject;
  if (all_constant) {
    std::vector<Value> values;
    for (const SymVal& a : args)
      values.push_back(*a.constant);
    if (kind == ValueKind::kArray) {
      TF_ASSIGN_OR_RETURN(SymVal v, enc_.Const(Value::Array(std::move(values))));
      Write(f, s.dst, v, pc);
      return Status();
    }
    if (kind == ValueKind::kSet) {
      TF_ASSIGN_OR_RETURN(SymVal v, enc_.Const(Value::Set(std::move(values))));
      Write(f, s.dst, v, pc);
      return Status();
    }
  }
  if (kind == ValueKind::kObject) {
    coll->rep = CollRep::kEntries;
    for (size_t i = 0; i + 1 < args.size(); i += 2) {
      // Two equal keys with different values: eval_conflict_error.
      for (const Entry& e : coll->entries) {
        Result<z3::expr> same_key = enc_.Equal(e.key, args[i]);
        if (!same_key.ok()) return Locate(same_key.status(), s.loc);
        Result<z3::expr> same_value = enc_.Equal(e.value, args[i + 1]);
        if (!same_value.ok()) return Locate(same_value.status(), s.loc);
        AddError(And(pc, And(*same_key, Not(*same_value))));
      }
      coll->entries.push_back(Entry{ctx_.bool_val(true), args[i], args[i + 1]});
    }
  } else {
    coll->rep = CollRep::kItems;
    for (SymVal& a : args)
      coll->items.push_back(Item{ctx_.bool_val(true), std::move(a)});
  }
  Write(f, s.dst, CollValue(ctx_, kind, std::move(coll)), pc);
  return Status();
}

// A template string: strings as they are, other constants as Rego text, undefined parts as
// "<undefined>". Symbolic parts must be strings.
Status Translator::Template(const ir::Stmt& s, z3::expr& pc, Frame& f) {
  z3::expr out = ctx_.string_val("");
  for (const ir::Operand& o : s.args) {
    TF_ASSIGN_OR_RETURN(SymVal part, Get(f, o));
    if (part.constant) {
      std::string text = part.constant->is_string() ? part.constant->string()
                                                    : rego::ValueToRegoString(*part.constant);
      Result<z3::expr> lit = enc_.StringConst(text);
      if (!lit.ok()) return Locate(lit.status(), s.loc);
      Assign(out, z3::concat(out, *lit));
      continue;
    }
    Result<z3::expr> undefined_text = enc_.StringConst("<undefined>");
    if (!undefined_text.ok()) return Locate(undefined_text.status(), s.loc);
    z3::expr piece = *undefined_text;
    for (const Alt& a : part.alts) {
      if (a.kind != ValueKind::kString) {
        return UnsupportedAt(s.loc, "a template string part that may be a " +
                                        std::string(KindName(a.kind)) +
                                        " (only strings are encoded)");
      }
      piece = Ite(a.guard, a.scalar, piece);
    }
    Assign(out, z3::concat(out, piece));
  }
  Write(f, s.dst, StringValue(out.simplify()), pc);
  return Status();
}

Status Translator::ExecAccumulate(const ir::Stmt& s, z3::expr& pc, Frame& f) {
  TF_ASSIGN_OR_RETURN(SymVal a, Get(f, s.a));
  SymVal& dst = f.locals[s.dst];
  if (s.op == ir::Op::kAssignOnce) {
    // A second, different value for a complete rule or function: eval_conflict_error.
    z3::expr defined = Defined(ctx_, dst);
    Result<z3::expr> same = enc_.Equal(dst, a);
    if (!same.ok()) return Locate(same.status(), s.loc);
    AddError(And(pc, And(defined, Not(*same))));
    dst = IteValue(And(pc, Not(defined)), a, dst);
    return Status();
  }
  // Accumulators are collections the policy built (kMakeSet/kMakeArray/kMakeObject). In a loop
  // the local holds one alternative per iteration that created it; each gets the element
  // where it is the current one.
  SymVal next;
  for (const Alt& acc : dst.alts) {
    if (acc.coll == nullptr ||
        (acc.coll->rep == CollRep::kConstant && acc.coll->constant.size() != 0) ||
        acc.coll->rep == CollRep::kInputArray || acc.coll->rep == CollRep::kInputObject) {
      return UnsupportedAt(s.loc, "an accumulator that is not a collection built by the policy");
    }
    z3::expr here = And(pc, acc.guard);
    auto coll = std::make_shared<Coll>();
    if (acc.coll->rep == CollRep::kConstant) {
      coll->rep = acc.kind == ValueKind::kObject ? CollRep::kEntries : CollRep::kItems;
    } else {
      *coll = *acc.coll;
    }
    if (!here.is_false()) TF_RETURN_IF_ERROR(Accumulate(s, f, here, a, *coll));
    next.alts.push_back(Alt{acc.guard, acc.kind, acc.scalar, std::move(coll)});
  }
  dst = std::move(next);
  return Status();
}

Status Translator::Accumulate(const ir::Stmt& s, Frame& f, const z3::expr& here, const SymVal& a,
                              Coll& coll) {
  if (s.op == ir::Op::kSetAdd || s.op == ir::Op::kArrayAppend) {
    if (s.op == ir::Op::kArrayAppend && !here.is_true()) coll.prefix = false;
    coll.items.push_back(Item{here, a});
    return Status();
  }
  if (s.args.size() != 1 || (s.flags & ir::kInsertIntoSet) != 0) {
    return UnsupportedAt(s.loc, "object rules with nested or multi-value heads");
  }
  TF_ASSIGN_OR_RETURN(SymVal key, Get(f, s.args[0]));
  for (const Entry& e : coll.entries) {
    Result<z3::expr> same_key = enc_.Equal(e.key, key);
    if (!same_key.ok()) return Locate(same_key.status(), s.loc);
    if (same_key->is_false()) continue;
    Result<z3::expr> same_value = enc_.Equal(e.value, a);
    if (!same_value.ok()) return Locate(same_value.status(), s.loc);
    // The same key with another value: eval_conflict_error.
    AddError(And(here, And(e.guard, And(*same_key, Not(*same_value)))));
  }
  coll.entries.push_back(Entry{here, key, a});
  return Status();
}

}  // namespace tf::smt::internal
