// Stage 4: terms. Each Compile* returns the operand that holds the term's value at the cursor;
// refs with unbound variables in key positions become iterations (the cursor moves inside).
#include "rego/internal/compiler_impl.h"

namespace tf::rego::internal {
namespace {

bool IsStaticKey(const Term& t) {
  return t.IsScalar() && t.value.is_string();
}

std::string DottedPath(const std::string& root, const std::vector<std::string>& path) {
  std::string out = root;
  for (const std::string& p : path)
    out += "." + p;
  return out;
}

}  // namespace

std::optional<ir::Operand> CompilerImpl::CompileTerm(const Term& t, Cursor& cur, Scope& scope) {
  switch (t.kind) {
    case TermKind::kScalar:
      return ConstOperand(t.value);
    case TermKind::kVar:
      return CompileVar(t, cur, scope);
    case TermKind::kRef:
      return CompileRef(t, cur, scope);
    case TermKind::kArray:
    case TermKind::kSet:
    case TermKind::kObject:
      return CompileCollection(t, cur, scope);
    case TermKind::kArrayCompr:
    case TermKind::kSetCompr:
    case TermKind::kObjectCompr:
      return CompileComprehension(t, cur, scope);
    case TermKind::kCall:
      return CompileCall(t, cur, scope, t.args.size() - 1);
    case TermKind::kTemplate:
      return CompileTemplate(t, cur, scope);
  }
  return std::nullopt;
}

bool CompilerImpl::ResolveGlobal(const Term& ref, Scope& scope, std::vector<Term>& out) const {
  const Term& head = ref.IsRef() ? ref.args[0] : ref;
  if (!head.IsVar() || scope.Owner(head.name) != nullptr) return false;
  const std::string& name = head.name;
  const ModuleNames* n = scope.names;
  auto root = [&](const char* r) { out.push_back(Term::Var(r, head.loc)); };
  auto key = [&](const std::string& k) { out.push_back(Term::Scalar(Value::String(k), head.loc)); };
  if (name == "input" || name == "data") {
    root(name.c_str());
  } else if (n != nullptr && n->data_aliases.count(name)) {
    root("data");
    for (const std::string& k : n->data_aliases.at(name))
      key(k);
  } else if (n != nullptr && n->input_aliases.count(name)) {
    root("input");
    for (const std::string& k : n->input_aliases.at(name))
      key(k);
  } else if (n != nullptr && n->rule_names.count(name)) {
    root("data");
    for (const std::string& k : n->package)
      key(k);
    key(name);
  } else {
    return false;
  }
  if (ref.IsRef()) {
    for (size_t i = 1; i < ref.args.size(); ++i)
      out.push_back(ref.args[i]);
  }
  return true;
}

std::optional<ir::Operand> CompilerImpl::CompileVar(const Term& t, Cursor& cur, Scope& scope) {
  if (const Scope* owner = scope.Owner(t.name)) {
    if (!owner->bound.count(t.name)) {
      Unsafe(t.name);
      return std::nullopt;
    }
    return ir::Operand::Local(owner->locals.at(t.name));
  }
  std::vector<Term> resolved;
  if (!ResolveGlobal(t, scope, resolved)) {
    Unsafe(t.name);
    return std::nullopt;
  }
  return CompileRef(Term::Ref(std::move(resolved), t.loc), cur, scope);
}

std::optional<ir::Operand> CompilerImpl::CompileRef(const Term& t, Cursor& cur, Scope& scope) {
  const Term& head = t.args[0];
  if (!head.IsVar()) {
    std::optional<ir::Operand> h = CompileTerm(head, cur, scope);
    if (!h) return std::nullopt;
    return CompileRefFrom(*h, t.args, 1, cur, scope);
  }
  if (scope.Owner(head.name) != nullptr) {
    std::optional<ir::Operand> h = CompileVar(head, cur, scope);
    if (!h) return std::nullopt;
    return CompileRefFrom(*h, t.args, 1, cur, scope);
  }
  std::vector<Term> resolved;
  if (!ResolveGlobal(t, scope, resolved)) {
    Unsafe(head.name);
    return std::nullopt;
  }
  if (resolved[0].name == "input") {
    ir::LocalId in = NewLocal();
    Emit(cur, ir::Op::kLoadInput, t.loc).dst = in;
    return CompileRefFrom(ir::Operand::Local(in), resolved, 1, cur, scope);
  }
  std::vector<Term> keys(resolved.begin() + 1, resolved.end());
  return CompileDataRef(keys, t.loc, cur, scope);
}

// Descends the rule tree along the static keys. Where rules start (or a dynamic key or the end
// of the ref is reached inside the tree) the node's document is loaded; a path that leaves the
// tree reads base data only.
std::optional<ir::Operand> CompilerImpl::CompileDataRef(const std::vector<Term>& keys,
                                                        const Location& loc, Cursor& cur,
                                                        Scope& scope) {
  ir::NodeId node = 0;
  size_t i = 0;
  auto rooted = [&](ir::NodeId n) {
    const ir::Node& x = program_.nodes[n];
    return x.complete != ir::kNone || x.partial_set != ir::kNone || x.object != ir::kNone ||
           x.is_function;
  };
  // Data paths are strings: a constant number key names the same document as its text (as
  // OPA's storage paths do), so data.x[2] reads data.x["2"].
  auto key_text = [&](const Term& k) -> std::optional<std::string> {
    if (IsStaticKey(k)) return k.value.string();
    if (k.IsScalar() && k.value.is_number()) return k.value.number().ToString();
    return std::nullopt;
  };
  bool left_tree = false;
  while (i < keys.size() && !rooted(node)) {
    std::optional<std::string> text = key_text(keys[i]);
    if (!text) break;
    auto it = program_.nodes[node].children.find(*text);
    if (it == program_.nodes[node].children.end()) {
      left_tree = true;
      break;
    }
    node = it->second;
    ++i;
  }
  ir::LocalId doc = NewLocal();
  if (!left_tree && program_.nodes[node].has_rules) {
    if (program_.nodes[node].is_function) {
      Error(ErrorCode::kRegoTypeError, loc,
            "function " + DottedPath("data", program_.nodes[node].path) + " used as a value");
      return std::nullopt;
    }
    if (!rooted(node) && i < keys.size() && !IsPattern(keys[i], scope)) {
      // A bound dynamic key below a namespace: evaluate only that child, at run time. (Loading
      // the whole namespace would also be a false recursion when a sibling is the caller.)
      std::optional<ir::Operand> key = CompileTerm(keys[i], cur, scope);
      if (!key) return std::nullopt;
      ir::Stmt& s = Emit(cur, ir::Op::kLoadDocChild, loc);
      s.dst = doc;
      s.target = node;
      s.b = *key;
      return CompileRefFrom(ir::Operand::Local(doc), keys, i + 1, cur, scope);
    }
    ir::Stmt& s = Emit(cur, ir::Op::kLoadDoc, loc);
    s.dst = doc;
    s.target = node;
    func_loads_[current_func_].insert(node);
    return CompileRefFrom(ir::Operand::Local(doc), keys, i, cur, scope);
  }
  // Base data: take as many static keys as possible into the path.
  std::vector<Value> path;
  for (const std::string& p : program_.nodes[node].path)
    path.push_back(Value::String(p));
  while (i < keys.size() && keys[i].IsScalar() &&
         (keys[i].value.is_string() || keys[i].value.is_number())) {
    path.push_back(keys[i++].value);
  }
  ir::Stmt& s = Emit(cur, ir::Op::kLoadData, loc);
  s.dst = doc;
  s.target = Const(Value::Array(std::move(path)));
  return CompileRefFrom(ir::Operand::Local(doc), keys, i, cur, scope);
}

std::optional<ir::Operand> CompilerImpl::CompileRefFrom(ir::Operand head,
                                                        const std::vector<Term>& keys, size_t from,
                                                        Cursor& cur, Scope& scope) {
  ir::Operand value = head;
  for (size_t i = from; i < keys.size(); ++i) {
    const Term& key = keys[i];
    if (IsPattern(key, scope)) {
      // An unbound variable (or a pattern holding one) in a key position: iterate. A plain
      // variable receives the keys directly.
      bool direct = IsUnboundVar(key, scope);
      std::optional<ir::LocalId> k = direct ? BindTarget(key.name, scope) : NewLocal();
      if (!k) return std::nullopt;
      ir::LocalId v = NewLocal();
      ir::BlockId loop = NewBlock();
      ir::Stmt& scan = Emit(cur, ir::Op::kScan, key.loc);
      scan.a = value;
      scan.dst = *k;
      scan.dst2 = v;
      scan.block = loop;
      cur.block = loop;
      if (!direct && !CompileUnifyOperand(key, ir::Operand::Local(*k), cur, scope))
        return std::nullopt;
      value = ir::Operand::Local(v);
      continue;
    }
    std::optional<ir::Operand> k = CompileTerm(key, cur, scope);
    if (!k) return std::nullopt;
    ir::LocalId v = NewLocal();
    ir::Stmt& dot = Emit(cur, ir::Op::kDot, key.loc);
    dot.dst = v;
    dot.a = value;
    dot.b = *k;
    value = ir::Operand::Local(v);
  }
  return value;
}

ir::NodeId CompilerImpl::ResolveFunction(const Term& op, const Scope& scope) const {
  std::vector<Term> resolved;
  if (!ResolveGlobal(op, const_cast<Scope&>(scope), resolved) || resolved[0].name != "data") {
    return ir::kNone;
  }
  ir::NodeId node = 0;
  for (size_t i = 1; i < resolved.size(); ++i) {
    if (!IsStaticKey(resolved[i])) return ir::kNone;
    auto it = program_.nodes[node].children.find(resolved[i].value.string());
    if (it == program_.nodes[node].children.end()) return ir::kNone;
    node = it->second;
  }
  return program_.nodes[node].is_function ? node : ir::kNone;
}

const BuiltinDecl* CompilerImpl::ResolveBuiltin(const Term& op) const {
  std::string name = op.StaticRefText();
  return name.empty() ? nullptr : builtins_.Find(name);
}

std::optional<ir::Operand> CompilerImpl::CompileCall(const Term& call, Cursor& cur, Scope& scope,
                                                     size_t num_args) {
  const Term& op = call.args[0];
  std::string name = op.StaticRefText();
  // Annotations are known at compile time: the call is its value.
  if (num_args == 0 && scope.Owner("rego") == nullptr) {
    if (name == "rego.metadata.rule") return ConstOperand(MetadataRule());
    if (name == "rego.metadata.chain") return ConstOperand(MetadataChain());
  }
  ir::NodeId fn = ResolveFunction(op, scope);
  const BuiltinDecl* builtin = fn == ir::kNone ? ResolveBuiltin(op) : nullptr;
  if (fn == ir::kNone && builtin == nullptr) {
    Error(ErrorCode::kRegoTypeError, call.loc,
          "undefined function " + (name.empty() ? TermToString(op) : name));
    return std::nullopt;
  }
  size_t arity = 0;
  if (fn != ir::kNone) {
    const NodeRules& nr = node_rules_[fn];
    arity = (!nr.functions.empty() ? nr.functions[0] : nr.defaults[0]).rule->head.args.size();
  } else {
    arity = builtin->params.size();
  }
  if (num_args != arity && !(builtin != nullptr && builtin->variadic)) {
    Error(ErrorCode::kRegoTypeError, call.loc,
          name + ": arity mismatch: have " + std::to_string(num_args) + " arguments, want " +
              std::to_string(arity));
    return std::nullopt;
  }
  ir::Stmt stmt;
  for (size_t i = 1; i <= num_args; ++i) {
    std::optional<ir::Operand> a = CompileTerm(call.args[i], cur, scope);
    if (!a) return std::nullopt;
    stmt.args.push_back(*a);
  }
  ir::LocalId result = NewLocal();
  ir::Stmt& s = Emit(cur, fn != ir::kNone ? ir::Op::kCallFunc : ir::Op::kCallBuiltin, call.loc);
  s.args = std::move(stmt.args);
  s.dst = result;
  if (fn != ir::kNone) {
    s.target = program_.nodes[fn].complete;
    func_calls_[current_func_].insert(s.target);
    return ir::Operand::Local(result);
  }
  s.target = BuiltinIndex(builtin);
  if (builtin->flags != BuiltinFlags::kRelation) return ir::Operand::Local(result);
  // A relation returns all its outputs; the call stands for each of them in turn.
  ir::LocalId k = NewLocal();
  ir::LocalId v = NewLocal();
  ir::BlockId loop = NewBlock();
  ir::Stmt& scan = Emit(cur, ir::Op::kScan, call.loc);
  scan.a = ir::Operand::Local(result);
  scan.dst = k;
  scan.dst2 = v;
  scan.block = loop;
  cur.block = loop;
  return ir::Operand::Local(v);
}

std::optional<ir::Operand> CompilerImpl::CompileCollection(const Term& t, Cursor& cur,
                                                           Scope& scope) {
  std::vector<ir::Operand> items;
  bool all_const = true;
  for (const Term& e : t.args) {
    std::optional<ir::Operand> o = CompileTerm(e, cur, scope);
    if (!o) return std::nullopt;
    all_const = all_const && !o->is_local();
    items.push_back(*o);
  }
  if (all_const) {
    // Fold literals into one constant.
    std::vector<Value> values;
    for (const ir::Operand& o : items)
      values.push_back(program_.constants[o.index]);
    if (t.kind == TermKind::kArray) return ConstOperand(Value::Array(std::move(values)));
    if (t.kind == TermKind::kSet) return ConstOperand(Value::Set(std::move(values)));
    std::vector<ObjectEntry> entries;
    for (size_t i = 0; i + 1 < values.size(); i += 2) {
      for (const ObjectEntry& e : entries) {
        if (e.first == values[i] && e.second != values[i + 1]) all_const = false;
      }
      entries.emplace_back(values[i], values[i + 1]);
    }
    if (all_const) return ConstOperand(Value::Object(std::move(entries)));
  }
  ir::LocalId dst = NewLocal();
  ir::Op op = t.kind == TermKind::kArray ? ir::Op::kMakeArray
              : t.kind == TermKind::kSet ? ir::Op::kMakeSet
                                         : ir::Op::kMakeObject;
  ir::Stmt& s = Emit(cur, op, t.loc);
  s.dst = dst;
  s.args = std::move(items);
  return ir::Operand::Local(dst);
}

std::optional<ir::Operand> CompilerImpl::CompileComprehension(const Term& t, Cursor& cur,
                                                              Scope& scope) {
  ir::LocalId acc = NewLocal();
  ir::Op make = t.kind == TermKind::kArrayCompr ? ir::Op::kMakeArray
                : t.kind == TermKind::kSetCompr ? ir::Op::kMakeSet
                                                : ir::Op::kMakeObject;
  Emit(cur, make, t.loc).dst = acc;
  Scope inner = ClosureScope(scope);
  ir::BlockId root = NewBlock();
  Cursor body{root};
  if (!CompileBody(t.body, body, inner)) return std::nullopt;
  if (t.kind == TermKind::kObjectCompr) {
    std::optional<ir::Operand> k = CompileTerm(t.args[0], body, inner);
    if (!k) return std::nullopt;
    std::optional<ir::Operand> v = CompileTerm(t.args[1], body, inner);
    if (!v) return std::nullopt;
    ir::Stmt& s = Emit(body, ir::Op::kObjectInsert, t.loc);
    s.dst = acc;
    s.args = {*k};
    s.a = *v;
  } else {
    std::optional<ir::Operand> v = CompileTerm(t.args[0], body, inner);
    if (!v) return std::nullopt;
    ir::Stmt& s =
        Emit(body, t.kind == TermKind::kArrayCompr ? ir::Op::kArrayAppend : ir::Op::kSetAdd, t.loc);
    s.dst = acc;
    s.a = *v;
  }
  ir::Stmt& run = Emit(cur, ir::Op::kBlock, t.loc);
  run.block = root;
  run.flags = ir::kBlockAllSolutions;
  return ir::Operand::Local(acc);
}

// The value of `t` if it has one, or an undefined local: for template parts and print
// arguments, which render undefined values instead of failing.
std::optional<ir::Operand> CompilerImpl::CompileOptional(const Term& t, Cursor& cur, Scope& scope) {
  if (t.IsScalar()) return ConstOperand(t.value);
  ir::LocalId out = NewLocal();
  Emit(cur, ir::Op::kResetLocal, t.loc).dst = out;
  Scope inner = ClosureScope(scope);
  ir::BlockId root = NewBlock();
  Cursor body{root};
  std::optional<ir::Operand> v = CompileTerm(t, body, inner);
  if (!v) return std::nullopt;
  ir::Stmt& assign = Emit(body, ir::Op::kAssign, t.loc);
  assign.dst = out;
  assign.a = *v;
  ir::Stmt& run = Emit(cur, ir::Op::kBlock, t.loc);
  run.block = root;
  return ir::Operand::Local(out);
}

std::optional<ir::Operand> CompilerImpl::CompileTemplate(const Term& t, Cursor& cur, Scope& scope) {
  std::vector<ir::Operand> parts;
  for (const Term& p : t.args) {
    std::optional<ir::Operand> o = CompileOptional(p, cur, scope);
    if (!o) return std::nullopt;
    parts.push_back(*o);
  }
  ir::LocalId dst = NewLocal();
  ir::Stmt& s = Emit(cur, ir::Op::kTemplate, t.loc);
  s.dst = dst;
  s.args = std::move(parts);
  return ir::Operand::Local(dst);
}

bool CompilerImpl::CompilePrint(const Term& call, Cursor& cur, Scope& scope) {
  std::vector<ir::Operand> parts;
  for (size_t i = 1; i < call.args.size(); ++i) {
    std::optional<ir::Operand> o = CompileOptional(call.args[i], cur, scope);
    if (!o) return false;
    parts.push_back(*o);
  }
  Emit(cur, ir::Op::kPrint, call.loc).args = std::move(parts);
  return true;
}

}  // namespace tf::rego::internal
