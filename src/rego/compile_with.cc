// `expr with target as value`: replacements of input, data, functions and builtins for the
// duration of one expression.
#include "rego/internal/compiler_impl.h"

namespace tf::rego::internal {
namespace {

bool StaticPath(const std::vector<Term>& parts, size_t from, std::vector<std::string>& out) {
  for (size_t i = from; i < parts.size(); ++i) {
    if (!parts[i].IsScalar() || !parts[i].value.is_string()) return false;
    out.push_back(parts[i].value.string());
  }
  return true;
}

}  // namespace

uint32_t CompilerImpl::BuiltinIndex(const BuiltinDecl* decl) {
  for (uint32_t i = 0; i < program_.builtins.size(); ++i) {
    if (program_.builtins[i] == decl) return i;
  }
  program_.builtins.push_back(decl);
  return static_cast<uint32_t>(program_.builtins.size() - 1);
}

std::optional<ir::WithTarget> CompilerImpl::ResolveWithTarget(const WithClause& w, Scope& scope) {
  ir::WithTarget t;
  const Term& target = w.target;
  std::vector<Term> resolved;
  if (target.IsVar() || target.IsRef()) ResolveGlobal(target, scope, resolved);
  if (!resolved.empty()) {
    std::vector<std::string> path;
    if (!StaticPath(resolved, 1, path)) {
      Error(ErrorCode::kRegoCompileError, w.loc, "with target path must be static");
      return std::nullopt;
    }
    t.path = path;
    t.kind =
        resolved[0].name == "input" ? ir::WithTarget::Kind::kInput : ir::WithTarget::Kind::kData;
    if (t.kind == ir::WithTarget::Kind::kData) {
      ir::NodeId fn = ResolveFunction(target, scope);
      if (fn != ir::kNone) {
        t.kind = ir::WithTarget::Kind::kFunc;
        t.id = program_.nodes[fn].complete;
      }
    }
  } else if (const BuiltinDecl* b = ResolveBuiltin(target)) {
    t.kind = ir::WithTarget::Kind::kBuiltin;
    t.id = BuiltinIndex(b);
  } else {
    Error(ErrorCode::kRegoCompileError, w.loc,
          "with keyword target must reference existing input, data, or a function: " +
              TermToString(target));
    return std::nullopt;
  }
  bool replaces_function =
      t.kind == ir::WithTarget::Kind::kFunc || t.kind == ir::WithTarget::Kind::kBuiltin;
  if (replaces_function && (w.value.IsVar() || w.value.IsRef())) {
    ir::NodeId fn = ResolveFunction(w.value, scope);
    if (fn != ir::kNone) {
      t.replacement = ir::WithTarget::With::kFunc;
      t.replacement_id = program_.nodes[fn].complete;
      func_calls_[current_func_].insert(t.replacement_id);
    } else if (scope.Owner(w.value.StaticRefText()) == nullptr) {
      if (const BuiltinDecl* b = ResolveBuiltin(w.value)) {
        t.replacement = ir::WithTarget::With::kBuiltin;
        t.replacement_id = BuiltinIndex(b);
      }
    }
  }
  return t;
}

bool CompilerImpl::CompileWith(const Expr& expr, Cursor& cur, Scope& scope) {
  uint32_t first_target = static_cast<uint32_t>(program_.with_targets.size());
  std::vector<ir::Operand> values;
  for (const WithClause& w : expr.with) {
    std::optional<ir::WithTarget> t = ResolveWithTarget(w, scope);
    if (!t) return false;
    ir::Operand value = ConstOperand(Value::Null());
    if (t->replacement == ir::WithTarget::With::kValue) {
      std::optional<ir::Operand> v = CompileTerm(w.value, cur, scope);
      if (!v) return false;
      value = *v;
    }
    program_.with_targets.push_back(std::move(*t));
    values.push_back(value);
  }
  Expr inner = expr;
  inner.with.clear();
  std::unordered_set<std::string> bound_before = scope.bound;
  ir::BlockId block = NewBlock();
  Cursor in_with{block};
  if (!CompileExpr(inner, in_with, scope, nullptr)) return false;
  std::vector<std::string> new_vars;
  for (const std::string& v : scope.bound) {
    if (!bound_before.count(v)) new_vars.push_back(v);
  }
  if (new_vars.empty()) {
    ir::Stmt& s = Emit(cur, ir::Op::kWith, expr.loc);
    s.flags = ir::kBlockMustProduce;
    s.target = first_target;
    s.args = std::move(values);
    s.block = block;
    return true;
  }
  // The expression binds variables: collect every solution under the replacement, then iterate
  // them outside it, so the rest of the body runs without the replacement.
  ir::LocalId acc = NewLocal();
  Emit(cur, ir::Op::kMakeArray, expr.loc).dst = acc;
  ir::LocalId tuple = NewLocal();
  ir::Stmt& make = Emit(in_with, ir::Op::kMakeArray, expr.loc);
  make.dst = tuple;
  for (const std::string& v : new_vars)
    make.args.push_back(ir::Operand::Local(scope.locals.at(v)));
  ir::Stmt& append = Emit(in_with, ir::Op::kArrayAppend, expr.loc);
  append.dst = acc;
  append.a = ir::Operand::Local(tuple);
  ir::Stmt& with = Emit(cur, ir::Op::kWith, expr.loc);
  with.flags = ir::kBlockAllSolutions;
  with.target = first_target;
  with.args = std::move(values);
  with.block = block;
  ir::LocalId index = NewLocal();
  ir::LocalId row = NewLocal();
  ir::BlockId loop = NewBlock();
  ir::Stmt& scan = Emit(cur, ir::Op::kScan, expr.loc);
  scan.a = ir::Operand::Local(acc);
  scan.dst = index;
  scan.dst2 = row;
  scan.block = loop;
  cur.block = loop;
  for (size_t i = 0; i < new_vars.size(); ++i) {
    ir::Stmt& dot = Emit(cur, ir::Op::kDot, expr.loc);
    dot.dst = scope.locals.at(new_vars[i]);
    dot.a = ir::Operand::Local(row);
    dot.b = ConstOperand(Value::Int(static_cast<int64_t>(i)));
  }
  return true;
}

}  // namespace tf::rego::internal
