// Calls: user functions (inlined) and builtins (encoded, or run on constants).
#include <unordered_map>

#include "smt/internal/builtin_encoders.h"
#include "smt/internal/translator.h"
#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

using rego::BuiltinContext;
using rego::BuiltinDecl;
using rego::BuiltinFlags;
using rego::Param;

// Builtins whose result depends on more than their arguments (the clock, randomness, the
// network) are never folded, even on constants.
bool Foldable(const BuiltinDecl& decl) {
  if (decl.flags == BuiltinFlags::kNondeterministic) return false;
  std::string_view n = decl.name;
  for (std::string_view prefix : {"time.", "io.jwt.", "crypto.x509.", "rand.", "uuid.",
                                  "net.lookup", "http.", "opa.runtime", "trace"}) {
    if (n.substr(0, prefix.size()) == prefix) return false;
  }
  return true;
}

uint8_t ParamKinds(const BuiltinDecl& decl, size_t i) {
  if (decl.params.empty()) return 0x7F;
  const Param& p = i < decl.params.size() ? decl.params[i] : decl.params.back();
  return p.kinds.bits();
}

}  // namespace

Result<SymVal> Translator::CallFunc(ir::FuncId func, std::vector<SymVal> args, const z3::expr& pc) {
  const ir::Func& fn = program_.funcs[func];
  Frame frame{func, std::vector<SymVal>(fn.num_locals)};
  for (size_t i = 0; i < args.size() && i < fn.params.size(); ++i) {
    frame.locals[fn.params[i]] = std::move(args[i]);
  }
  z3::expr produced = ctx_.bool_val(false);
  TF_RETURN_IF_ERROR(ExecBlock(fn.body, true, pc, frame, &produced));
  if (fn.result == ir::kNone) return UndefinedValue();
  return Restrict(frame.locals[fn.result], pc);
}

Status Translator::CallBuiltin(const ir::Stmt& s, z3::expr& pc, Frame& f) {
  const BuiltinDecl& decl = *program_.builtins[s.target];
  std::vector<SymVal> args;
  bool all_constant = true;
  for (const ir::Operand& o : s.args) {
    TF_ASSIGN_OR_RETURN(SymVal a, Get(f, o));
    all_constant = all_constant && a.constant.has_value();
    args.push_back(std::move(a));
  }
  if (all_constant && Foldable(decl)) {
    std::vector<Value> values;
    for (const SymVal& a : args)
      values.push_back(*a.constant);
    std::unordered_map<std::string, Value> memo;
    BuiltinContext bctx;
    bctx.memo = &memo;
    Status checked = rego::CheckArgs(decl, values);
    Result<Value> r = checked.ok() ? decl.fn(bctx, values) : Result<Value>(checked);
    if (!r.ok()) {
      if (!rego::IsBuiltinUndefined(r.status()) && options_.strict_builtin_errors) AddError(pc);
      Assign(pc, ctx_.bool_val(false));
      return Status();
    }
    Result<SymVal> v = enc_.Const(*r);
    if (!v.ok()) return Locate(v.status(), s.loc);
    Write(f, s.dst, *v, pc);
    return Status();
  }
  BuiltinEncoder encoder = FindBuiltinEncoder(decl.name);
  if (encoder == nullptr || decl.flags == BuiltinFlags::kRelation) {
    return UnsupportedAt(
        s.loc, "builtin " + std::string(decl.name) + " (on values that depend on the input)");
  }
  // The declaration's argument kinds, as CheckArgs: anything else is a type error.
  z3::expr kinds_ok = ctx_.bool_val(true);
  for (size_t i = 0; i < args.size(); ++i) {
    uint8_t kinds = ParamKinds(decl, i);
    if (kinds != 0x7F) kinds_ok = And(kinds_ok, enc_.HasKind(args[i], kinds));
  }
  std::vector<SymVal> typed;
  for (size_t i = 0; i < args.size(); ++i)
    typed.push_back(Encoder::OfKinds(args[i], ParamKinds(decl, i)));
  Result<BuiltinOutcome> out = encoder(BuiltinCall{enc_, typed, &exact_});
  if (!out.ok()) return Locate(out.status(), s.loc);
  z3::expr error = Or(Not(kinds_ok), And(kinds_ok, out->error));
  SymVal value = Restrict(out->value, And(kinds_ok, Not(out->error)));
  // Without strict builtin errors an error makes the call undefined, as in the interpreter.
  if (options_.strict_builtin_errors) AddError(And(pc, error));
  pc = And(pc, Defined(ctx_, value));
  Write(f, s.dst, value, pc);
  return Status();
}

}  // namespace tf::smt::internal
