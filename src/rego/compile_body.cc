// Stage 3: bodies and expressions.
#include "rego/internal/compiler_impl.h"

namespace tf::rego::internal {
Trial CompilerImpl::BeginTrial(Cursor cur, const Scope& scope) const {
  return Trial{program_.blocks.size(), program_.blocks[cur.block].stmts.size(),
               program_.funcs[current_func_].num_locals, scope.locals, scope.bound};
}

void CompilerImpl::Rollback(Trial& trial, Cursor cur, Scope& scope) {
  program_.blocks.resize(trial.num_blocks);
  program_.blocks[cur.block].stmts.resize(trial.cursor_stmts);
  program_.funcs[current_func_].num_locals = trial.num_locals;
  scope.locals = std::move(trial.locals);
  scope.bound = std::move(trial.bound);
}

std::optional<std::vector<ir::Operand>> CompilerImpl::CompileOperands(
    const std::vector<const Term*>& terms, Cursor& cur, Scope& scope) {
  std::vector<ir::Operand> out(terms.size());
  std::vector<size_t> pending(terms.size());
  for (size_t i = 0; i < terms.size(); ++i)
    pending[i] = i;
  while (!pending.empty()) {
    std::string first_unsafe;
    bool progressed = false;
    for (size_t k = 0; k < pending.size(); ++k) {
      Trial trial = BeginTrial(cur, scope);
      size_t errors_before = diagnostics_.size();
      unsafe_var_.clear();
      Cursor attempt = cur;
      std::optional<ir::Operand> o = CompileTerm(*terms[pending[k]], attempt, scope);
      if (o) {
        out[pending[k]] = *o;
        cur = attempt;
        pending.erase(pending.begin() + static_cast<long>(k));
        progressed = true;
        break;
      }
      if (diagnostics_.size() > errors_before) return std::nullopt;
      if (k == 0) first_unsafe = unsafe_var_;
      Rollback(trial, cur, scope);
    }
    if (!progressed) {
      unsafe_var_ = first_unsafe;
      return std::nullopt;
    }
  }
  return out;
}

bool CompilerImpl::CompileBody(const Body& body, Cursor& cur, Scope& scope,
                               std::vector<ir::Operand>* values) {
  scope.body_vars = BodyVars(body, scope);
  std::vector<size_t> pending(body.size());
  for (size_t i = 0; i < body.size(); ++i)
    pending[i] = i;
  if (values != nullptr) values->assign(body.size(), ConstOperand(Value::Bool(true)));
  while (!pending.empty()) {
    std::string first_unsafe;
    bool progressed = false;
    for (size_t k = 0; k < pending.size(); ++k) {
      const Expr& e = body[pending[k]];
      Trial trial = BeginTrial(cur, scope);
      size_t errors_before = diagnostics_.size();
      unsafe_var_.clear();
      Cursor attempt = cur;
      ir::Operand value;
      if (CompileExpr(e, attempt, scope, values != nullptr ? &value : nullptr)) {
        if (values != nullptr) (*values)[pending[k]] = value;
        cur = attempt;
        pending.erase(pending.begin() + static_cast<long>(k));
        progressed = true;
        break;
      }
      if (diagnostics_.size() > errors_before) return false;
      if (k == 0) first_unsafe = unsafe_var_;
      Rollback(trial, cur, scope);
    }
    if (progressed) continue;
    unsafe_var_ = first_unsafe;
    // A closure reports upwards: its enclosing body may still bind the variable first.
    if (scope.is_closure) return false;
    const Expr& stuck = body[pending[0]];
    std::string var = first_unsafe.empty() ? "?" : first_unsafe;
    if (IsWildcard(var)) var = "_";
    Error(ErrorCode::kRegoUnsafeVarError, stuck.loc, "var " + var + " is unsafe");
    return false;
  }
  return true;
}

bool CompilerImpl::CompileExpr(const Expr& expr, Cursor& cur, Scope& scope, ir::Operand* value) {
  if (!expr.with.empty()) return CompileWith(expr, cur, scope);
  if (value != nullptr) *value = ConstOperand(Value::Bool(true));
  switch (expr.kind) {
    case ExprKind::kSomeDecl:
      for (const Term& v : expr.terms) {
        if (scope.locals.count(v.name) && !IsWildcard(v.name)) {
          Error(ErrorCode::kRegoCompileError, v.loc, "var " + v.name + " declared above");
          return false;
        }
        Declare(v.name, scope);
      }
      return true;
    case ExprKind::kSomeIn:
      return CompileSomeIn(expr, cur, scope);
    case ExprKind::kEvery:
      return CompileEvery(expr, cur, scope);
    case ExprKind::kTerm:
      break;
  }
  if (!expr.negated) return CompileExprCore(expr, cur, scope, value);
  Scope inner = ClosureScope(scope);
  ir::BlockId root = NewBlock();
  Cursor body{root};  // moves into any iteration the expression opens
  if (!CompileExprCore(expr, body, inner, nullptr)) return false;
  Emit(cur, ir::Op::kNot, expr.loc).block = root;
  return true;
}

bool CompilerImpl::CompileExprCore(const Expr& expr, Cursor& cur, Scope& scope,
                                   ir::Operand* value) {
  const Term& t = expr.terms[0];
  if (t.IsCall()) {
    std::string op = t.OperatorName();
    size_t n = t.args.size() - 1;
    if (op == "eq" && n == 2) return CompileUnify(t.args[1], t.args[2], cur, scope);
    if (op == "assign" && n == 2) return CompileAssign(t.args[1], t.args[2], cur, scope);
    if (op == "print" && scope.Owner("print") == nullptr) return CompilePrint(t, cur, scope);
    static const std::pair<const char*, ir::Op> kTests[] = {
        {"equal", ir::Op::kEqual},   {"neq", ir::Op::kNotEqual}, {"lt", ir::Op::kLess},
        {"lte", ir::Op::kLessEqual}, {"gt", ir::Op::kLess},      {"gte", ir::Op::kLessEqual}};
    for (const auto& [name, test] : kTests) {
      if (op != name || n != 2 || ResolveFunction(t.args[0], scope) != ir::kNone) continue;
      std::optional<std::vector<ir::Operand>> ops =
          CompileOperands({&t.args[1], &t.args[2]}, cur, scope);
      if (!ops) return false;
      bool swap = op == "gt" || op == "gte";  // a > b is b < a
      ir::Stmt& s = Emit(cur, test, t.loc);
      s.a = swap ? (*ops)[1] : (*ops)[0];
      s.b = swap ? (*ops)[0] : (*ops)[1];
      return true;
    }
    return CompileCallExpr(t, cur, scope, value);
  }
  std::optional<ir::Operand> v = CompileTerm(t, cur, scope);
  if (!v) return false;
  if (value != nullptr) *value = *v;
  Emit(cur, ir::Op::kTruthy, t.loc).a = *v;
  return true;
}

// A call as an expression: `f(x)` must not be false; `f(x, y)` with one more argument than the
// function takes binds (or checks) the last argument against the result.
bool CompilerImpl::CompileCallExpr(const Term& call, Cursor& cur, Scope& scope,
                                   ir::Operand* value) {
  size_t n = call.args.size() - 1;
  size_t arity = n;
  ir::NodeId fn = ResolveFunction(call.args[0], scope);
  if (fn != ir::kNone) {
    const NodeRules& nr = node_rules_[fn];
    const PlacedRule& any = !nr.functions.empty() ? nr.functions[0] : nr.defaults[0];
    arity = any.rule->head.args.size();
  } else if (const BuiltinDecl* b = ResolveBuiltin(call.args[0])) {
    arity = b->variadic ? n : b->params.size();
  }
  if (n == arity + 1) {
    std::optional<ir::Operand> result = CompileCall(call, cur, scope, arity);
    if (!result) return false;
    return CompileUnifyOperand(call.args.back(), *result, cur, scope);
  }
  std::optional<ir::Operand> result = CompileCall(call, cur, scope, n);
  if (!result) return false;
  if (value != nullptr) *value = *result;
  Emit(cur, ir::Op::kTruthy, call.loc).a = *result;
  return true;
}

bool CompilerImpl::CompileUnify(const Term& a, const Term& b, Cursor& cur, Scope& scope) {
  if (IsUnboundVar(a, scope) && !IsUnboundVar(b, scope)) {
    std::optional<ir::Operand> v = CompileTerm(b, cur, scope);
    return v && BindVar(a.name, *v, cur, scope, a.loc);
  }
  if (IsUnboundVar(b, scope)) {
    if (IsUnboundVar(a, scope)) return Unsafe(a.name);
    std::optional<ir::Operand> v = CompileTerm(a, cur, scope);
    return v && BindVar(b.name, *v, cur, scope, b.loc);
  }
  bool both_arrays = a.kind == TermKind::kArray && b.kind == TermKind::kArray;
  if (both_arrays && (IsPattern(a, scope) || IsPattern(b, scope))) {
    if (a.args.size() != b.args.size()) {
      ir::Stmt& s = Emit(cur, ir::Op::kEqual, a.loc);  // never true: unification fails
      s.a = ConstOperand(Value::Bool(true));
      s.b = ConstOperand(Value::Bool(false));
      return true;
    }
    // Element pairs in an order where each can be unified: retry the stuck ones after others.
    std::vector<size_t> todo(a.args.size());
    for (size_t i = 0; i < todo.size(); ++i)
      todo[i] = i;
    while (!todo.empty()) {
      bool progressed = false;
      for (size_t k = 0; k < todo.size(); ++k) {
        const Term& x = a.args[todo[k]];
        const Term& y = b.args[todo[k]];
        if ((IsUnboundVar(x, scope) && IsUnboundVar(y, scope))) continue;
        if (!CompileUnify(x, y, cur, scope)) return false;
        todo.erase(todo.begin() + static_cast<long>(k));
        progressed = true;
        break;
      }
      if (!progressed) return Unsafe(a.args[todo[0]].IsVar() ? a.args[todo[0]].name : "");
    }
    return true;
  }
  bool both_objects = a.kind == TermKind::kObject && b.kind == TermKind::kObject;
  bool a_pattern = IsPattern(a, scope);
  bool b_pattern = IsPattern(b, scope);
  if (both_objects && (a_pattern || b_pattern)) {
    Trial trial = BeginTrial(cur, scope);
    size_t errors_before = diagnostics_.size();
    Cursor attempt = cur;
    if (CompileUnifyObjects(a, b, attempt, scope)) {
      cur = attempt;
      return true;
    }
    if (diagnostics_.size() > errors_before) return false;
    Rollback(trial, cur, scope);
  }
  if (a_pattern || b_pattern) {
    // Compile whichever side can be computed, and match the other against it.
    for (int side = 0; side < 2; ++side) {
      const Term& value_side = side == 0 ? b : a;
      const Term& pattern_side = side == 0 ? a : b;
      Trial trial = BeginTrial(cur, scope);
      size_t errors_before = diagnostics_.size();
      Cursor attempt = cur;
      if (CompileUnifyOperandFromTerm(pattern_side, value_side, attempt, scope)) {
        cur = attempt;
        return true;
      }
      if (diagnostics_.size() > errors_before) return false;
      Rollback(trial, cur, scope);
    }
    return false;
  }
  std::optional<std::vector<ir::Operand>> ops = CompileOperands({&a, &b}, cur, scope);
  if (!ops) return false;
  ir::Stmt& s = Emit(cur, ir::Op::kEqual, a.loc);
  s.a = (*ops)[0];
  s.b = (*ops)[1];
  return true;
}

// {k1: a1, ...} = {k1: b1, ...}: the key sets must match (keys are ground terms); the values
// unify pairwise in an order where each pair can be compiled.
bool CompilerImpl::CompileUnifyObjects(const Term& a, const Term& b, Cursor& cur, Scope& scope) {
  auto fail = [&] {
    ir::Stmt& s = Emit(cur, ir::Op::kEqual, a.loc);
    s.a = ConstOperand(Value::Bool(true));
    s.b = ConstOperand(Value::Bool(false));
    return true;
  };
  if (a.args.size() != b.args.size()) return fail();
  std::vector<std::pair<const Term*, const Term*>> pairs;
  for (size_t i = 0; i < a.args.size(); i += 2) {
    if (!a.args[i].IsScalar()) return false;
    const Term* match = nullptr;
    for (size_t j = 0; j < b.args.size(); j += 2) {
      if (b.args[j].IsScalar() && b.args[j].value == a.args[i].value) match = &b.args[j + 1];
    }
    if (match == nullptr) return fail();
    pairs.emplace_back(&a.args[i + 1], match);
  }
  while (!pairs.empty()) {
    bool progressed = false;
    for (size_t k = 0; k < pairs.size(); ++k) {
      Trial trial = BeginTrial(cur, scope);
      size_t errors_before = diagnostics_.size();
      Cursor attempt = cur;
      if (CompileUnify(*pairs[k].first, *pairs[k].second, attempt, scope)) {
        cur = attempt;
        pairs.erase(pairs.begin() + static_cast<long>(k));
        progressed = true;
        break;
      }
      if (diagnostics_.size() > errors_before) return false;
      Rollback(trial, cur, scope);
    }
    if (!progressed) return false;
  }
  return true;
}

// Unifies pattern `a` with the value of term `b`.
bool CompilerImpl::CompileUnifyOperandFromTerm(const Term& a, const Term& b, Cursor& cur,
                                               Scope& scope) {
  std::optional<ir::Operand> v = CompileTerm(b, cur, scope);
  return v && CompileUnifyOperand(a, *v, cur, scope);
}

bool CompilerImpl::CompileUnifyOperand(const Term& pattern, ir::Operand value, Cursor& cur,
                                       Scope& scope) {
  if (IsUnboundVar(pattern, scope)) return BindVar(pattern.name, value, cur, scope, pattern.loc);
  if (!IsPattern(pattern, scope)) {
    std::optional<ir::Operand> p = CompileTerm(pattern, cur, scope);
    if (!p) return false;
    ir::Stmt& s = Emit(cur, ir::Op::kEqual, pattern.loc);
    s.a = *p;
    s.b = value;
    return true;
  }
  bool is_array = pattern.kind == TermKind::kArray;
  ir::Stmt& kind = Emit(cur, ir::Op::kIsKind, pattern.loc);
  kind.a = value;
  kind.target = KindSet(is_array ? ValueKind::kArray : ValueKind::kObject).bits();
  ir::Stmt& len = Emit(cur, ir::Op::kLenEqual, pattern.loc);
  len.a = value;
  len.target = static_cast<uint32_t>(is_array ? pattern.args.size() : pattern.args.size() / 2);
  size_t step = is_array ? 1 : 2;
  for (size_t i = 0; i < pattern.args.size(); i += step) {
    ir::Operand key = ConstOperand(Value::Int(static_cast<int64_t>(i)));
    if (!is_array) {
      std::optional<ir::Operand> k = CompileTerm(pattern.args[i], cur, scope);
      if (!k) return false;
      key = *k;
    }
    ir::LocalId element = NewLocal();
    ir::Stmt& dot = Emit(cur, ir::Op::kDot, pattern.loc);
    dot.dst = element;
    dot.a = value;
    dot.b = key;
    const Term& sub = is_array ? pattern.args[i] : pattern.args[i + 1];
    if (!CompileUnifyOperand(sub, ir::Operand::Local(element), cur, scope)) return false;
  }
  return true;
}

bool CompilerImpl::CompileAssign(const Term& lhs, const Term& rhs, Cursor& cur, Scope& scope) {
  NameSet vars;
  CollectPatternVars(lhs, vars);
  if (!lhs.IsVar() && lhs.kind != TermKind::kArray && lhs.kind != TermKind::kObject) {
    Error(ErrorCode::kRegoCompileError, lhs.loc,
          "cannot assign to " + TermToString(lhs) + ": must be a variable or a pattern");
    return false;
  }
  for (const std::string& v : vars) {
    if (IsWildcard(v)) continue;
    if (scope.locals.count(v) && scope.bound.count(v)) {
      Error(ErrorCode::kRegoCompileError, lhs.loc, "var " + v + " assigned above");
      return false;
    }
  }
  std::optional<ir::Operand> value = CompileTerm(rhs, cur, scope);
  if (!value) return false;
  for (const std::string& v : vars)
    Declare(v, scope);
  return CompileUnifyOperand(lhs, *value, cur, scope);
}

bool CompilerImpl::CompileSomeIn(const Expr& expr, Cursor& cur, Scope& scope) {
  const Term& domain = expr.terms.back();
  std::optional<ir::Operand> coll = CompileTerm(domain, cur, scope);
  if (!coll) return false;
  NameSet declared;
  for (size_t i = 0; i + 1 < expr.terms.size(); ++i)
    CollectPatternVars(expr.terms[i], declared);
  for (const std::string& v : declared)
    Declare(v, scope);
  // Plain variables (`some k, v in xs`) receive keys and values directly; patterns are matched.
  const Term* key_term = expr.has_key ? &expr.terms[0] : nullptr;
  const Term& value_term = expr.terms[expr.has_key ? 1 : 0];
  bool key_direct = key_term != nullptr && key_term->IsVar() && !IsWildcard(key_term->name);
  bool value_direct = value_term.IsVar() && (!key_direct || value_term.name != key_term->name);
  ir::LocalId key = key_direct ? *BindTarget(key_term->name, scope) : NewLocal();
  ir::LocalId val = value_direct ? *BindTarget(value_term.name, scope) : NewLocal();
  ir::BlockId loop = NewBlock();
  ir::Stmt& scan = Emit(cur, ir::Op::kScan, expr.loc);
  scan.a = *coll;
  scan.dst = key;
  scan.dst2 = val;
  scan.block = loop;
  cur.block = loop;
  if (key_term != nullptr && !key_direct &&
      !CompileUnifyOperand(*key_term, ir::Operand::Local(key), cur, scope)) {
    return false;
  }
  if (value_direct) return true;
  return CompileUnifyOperand(value_term, ir::Operand::Local(val), cur, scope);
}

// every k, v in xs { body }  ==  not (some k, v in xs; not body)
bool CompilerImpl::CompileEvery(const Expr& expr, Cursor& cur, Scope& scope) {
  std::optional<ir::Operand> coll = CompileTerm(expr.terms.back(), cur, scope);
  if (!coll) return false;
  // `every` over something that cannot be iterated is false, not vacuously true.
  ir::Stmt& is_collection = Emit(cur, ir::Op::kIsKind, expr.loc);
  is_collection.a = *coll;
  is_collection.target = KindSet(ValueKind::kArray).bits() | KindSet(ValueKind::kObject).bits() |
                         KindSet(ValueKind::kSet).bits();
  ir::BlockId not_block = NewBlock();
  ir::BlockId scan_block = NewBlock();
  ir::BlockId body_block = NewBlock();
  ir::LocalId key = NewLocal();
  ir::LocalId val = NewLocal();
  ir::Stmt& scan = Emit(Cursor{not_block}, ir::Op::kScan, expr.loc);
  scan.a = *coll;
  scan.dst = key;
  scan.dst2 = val;
  scan.block = scan_block;
  Scope inner = ClosureScope(scope);
  Cursor in_scan{scan_block};
  if (expr.has_key) {
    Declare(expr.terms[0].name, inner);
    if (!BindVar(expr.terms[0].name, ir::Operand::Local(key), in_scan, inner, expr.loc))
      return false;
  }
  const std::string& value_name = expr.terms[expr.has_key ? 1 : 0].name;
  Declare(value_name, inner);
  if (!BindVar(value_name, ir::Operand::Local(val), in_scan, inner, expr.loc)) return false;
  Scope body_scope = ClosureScope(inner);
  Cursor body{body_block};
  if (!CompileBody(expr.body, body, body_scope)) return false;
  Emit(in_scan, ir::Op::kNot, expr.loc).block = body_block;
  Emit(cur, ir::Op::kNot, expr.loc).block = not_block;
  return true;
}

}  // namespace tf::rego::internal
