// Variable bookkeeping: scopes, collecting the variables of terms, binding.
#include "rego/internal/compiler_impl.h"

namespace tf::rego::internal {

Scope* Scope::Owner(const std::string& name) {
  for (Scope* s = this; s != nullptr; s = s->parent) {
    if (s->locals.count(name)) return s;
  }
  return nullptr;
}

const Scope* Scope::Owner(const std::string& name) const {
  for (const Scope* s = this; s != nullptr; s = s->parent) {
    if (s->locals.count(name)) return s;
  }
  return nullptr;
}

bool Scope::IsBound(const std::string& name) const {
  const Scope* owner = Owner(name);
  return owner != nullptr && owner->bound.count(name) > 0;
}

bool CompilerImpl::IsGlobalName(const std::string& name, const Scope& scope) const {
  if (scope.Owner(name) != nullptr) return false;
  if (name == "input" || name == "data") return true;
  const ModuleNames* n = scope.names;
  if (n == nullptr) return false;
  return n->data_aliases.count(name) || n->input_aliases.count(name) || n->rule_names.count(name);
}

bool CompilerImpl::IsUnboundVar(const Term& t, const Scope& scope) const {
  return t.IsVar() && !scope.IsBound(t.name) && !IsGlobalName(t.name, scope);
}

bool CompilerImpl::IsPattern(const Term& t, const Scope& scope) const {
  if (IsUnboundVar(t, scope)) return true;
  if (t.kind != TermKind::kArray && t.kind != TermKind::kObject) return false;
  for (size_t i = 0; i < t.args.size(); ++i) {
    // Object keys are never patterns: they must be known to look the value up.
    if (t.kind == TermKind::kObject && i % 2 == 0) continue;
    if (IsPattern(t.args[i], scope)) return true;
  }
  return false;
}

void CompilerImpl::CollectPatternVars(const Term& t, NameSet& out) const {
  if (t.IsVar()) {
    out.insert(t.name);
    return;
  }
  if (t.kind != TermKind::kArray && t.kind != TermKind::kObject) return;
  for (size_t i = 0; i < t.args.size(); ++i) {
    if (t.kind == TermKind::kObject && i % 2 == 0) continue;
    CollectPatternVars(t.args[i], out);
  }
}

void CompilerImpl::CollectVars(const Term& t, const Scope& scope, NameSet& out) const {
  switch (t.kind) {
    case TermKind::kVar:
      if (!IsGlobalName(t.name, scope)) out.insert(t.name);
      return;
    case TermKind::kRef:
      // The head of a ref that names a global is not a variable; its keys may be.
      if (t.args[0].IsVar()) {
        if (!IsGlobalName(t.args[0].name, scope)) out.insert(t.args[0].name);
      } else {
        CollectVars(t.args[0], scope, out);
      }
      for (size_t i = 1; i < t.args.size(); ++i)
        CollectVars(t.args[i], scope, out);
      return;
    case TermKind::kCall:
      for (size_t i = 1; i < t.args.size(); ++i)
        CollectVars(t.args[i], scope, out);
      return;
    case TermKind::kArrayCompr:
    case TermKind::kSetCompr:
    case TermKind::kObjectCompr:
      return;  // closures: their variables are their own
    default:
      for (const Term& a : t.args)
        CollectVars(a, scope, out);
  }
}

void CompilerImpl::CollectExprVars(const Expr& e, const Scope& scope, NameSet& out) const {
  switch (e.kind) {
    case ExprKind::kSomeDecl:
      for (const Term& v : e.terms)
        out.insert(v.name);
      break;
    case ExprKind::kEvery:
      CollectVars(e.terms.back(), scope, out);  // the domain; key, value and body are local
      break;
    default:
      for (const Term& t : e.terms)
        CollectVars(t, scope, out);
  }
  for (const WithClause& w : e.with)
    CollectVars(w.value, scope, out);
}

// Variables a closure inside this body must leave to the body. Variables the body declares with
// `:=` are excluded: they do not exist before their assignment, so a closure that uses the same
// name before it has a variable of its own (OPA's scoping).
NameSet CompilerImpl::BodyVars(const Body& body, const Scope& scope) const {
  NameSet out;
  NameSet assigned;
  for (const Expr& e : body) {
    CollectExprVars(e, scope, out);
    if (e.kind == ExprKind::kTerm && e.terms[0].IsCall() && e.terms[0].OperatorName() == "assign") {
      CollectPatternVars(e.terms[0].args[1], assigned);
    }
  }
  for (const std::string& v : assigned)
    out.erase(v);
  // Each `_` is its own variable and can never be shared with a closure.
  for (auto it = out.begin(); it != out.end();)
    it = IsWildcard(*it) ? out.erase(it) : std::next(it);
  return out;
}

Scope CompilerImpl::ClosureScope(Scope& parent) const {
  Scope s;
  s.parent = &parent;
  s.names = parent.names;
  s.is_closure = true;
  s.outer_vars = parent.outer_vars;
  s.outer_vars.insert(parent.body_vars.begin(), parent.body_vars.end());
  return s;
}

bool CompilerImpl::Unsafe(const std::string& var) {
  if (unsafe_var_.empty()) unsafe_var_ = var;
  return false;
}

ir::LocalId CompilerImpl::Declare(const std::string& name, Scope& scope) {
  ir::LocalId id = NewLocal();
  scope.locals[name] = id;
  scope.bound.erase(name);
  return id;
}

std::optional<ir::LocalId> CompilerImpl::BindTarget(const std::string& name, Scope& scope) {
  Scope* owner = scope.Owner(name);
  if (owner != nullptr && owner != &scope) {
    // Declared in an enclosing body but not bound yet: that body must bind it first.
    Unsafe(name);
    return std::nullopt;
  }
  if (owner == nullptr && scope.is_closure && scope.outer_vars.count(name)) {
    Unsafe(name);
    return std::nullopt;
  }
  ir::LocalId local = owner == nullptr ? Declare(name, scope) : scope.locals[name];
  scope.bound.insert(name);
  return local;
}

bool CompilerImpl::BindVar(const std::string& name, ir::Operand value, Cursor cur, Scope& scope,
                           const Location& loc) {
  std::optional<ir::LocalId> local = BindTarget(name, scope);
  if (!local) return false;
  ir::Stmt& s = Emit(cur, ir::Op::kAssign, loc);
  s.dst = *local;
  s.a = value;
  return true;
}

}  // namespace tf::rego::internal
