// Stage 2: one IR function per document kind of each rule-tree node, per user function, and per
// query.
#include <algorithm>
#include <cctype>

#include "rego/internal/compiler_impl.h"

namespace tf::rego::internal {
namespace {

// The most elements a partial set's accumulator makes room for in advance.
constexpr size_t kMaxSetCapacityHint = 256;

constexpr const char* kCompleteConflict = "complete rules must not produce multiple outputs";
constexpr const char* kFunctionConflict =
    "functions must not produce multiple outputs for same inputs";

std::string DocName(const std::vector<std::string>& path) {
  std::string out = "data";
  for (const std::string& p : path)
    out += "." + p;
  return out;
}

// A head value with no variables, refs or calls: every solution yields the same value, so one
// solution is enough.
bool IsConstantTerm(const Term& t) {
  switch (t.kind) {
    case TermKind::kScalar:
      return true;
    case TermKind::kArray:
    case TermKind::kSet:
    case TermKind::kObject:
      for (const Term& a : t.args) {
        if (!IsConstantTerm(a)) return false;
      }
      return true;
    default:
      return false;
  }
}

}  // namespace

ir::FuncId CompilerImpl::NewFunc(std::string name, ir::FuncKind kind, const Location& loc) {
  ir::Func f;
  f.name = std::move(name);
  f.kind = kind;
  f.loc = loc;
  program_.funcs.push_back(std::move(f));
  return static_cast<ir::FuncId>(program_.funcs.size() - 1);
}

ir::LocalId CompilerImpl::NewLocal() {
  return program_.funcs[current_func_].num_locals++;
}

ir::BlockId CompilerImpl::NewBlock() {
  program_.blocks.emplace_back();
  return static_cast<ir::BlockId>(program_.blocks.size() - 1);
}

ir::Stmt& CompilerImpl::Emit(Cursor cur, ir::Op op, const Location& loc) {
  ir::Stmt s;
  s.op = op;
  s.loc = loc;
  program_.blocks[cur.block].stmts.push_back(std::move(s));
  return program_.blocks[cur.block].stmts.back();
}

uint32_t CompilerImpl::Const(const Value& v) {
  if (v.is_string()) {
    auto it = string_constants_.find(v.string());
    if (it != string_constants_.end()) return it->second;
  }
  program_.constants.push_back(v);
  uint32_t index = static_cast<uint32_t>(program_.constants.size() - 1);
  if (v.is_string()) string_constants_.emplace(v.string(), index);
  return index;
}

bool CompilerImpl::CompileModules() {
  if (!BuildNames() || !PlaceRules()) return false;
  // Create every function first so that bodies can call and load each other in any order.
  for (ir::NodeId id = 0; id < program_.nodes.size(); ++id) {
    const NodeRules& nr = node_rules_[id];
    ir::Node& node = program_.nodes[id];
    std::string name = DocName(node.path);
    if (node.is_function) {
      const Rule* r = !nr.functions.empty() ? nr.functions[0].rule : nr.defaults[0].rule;
      node.complete = NewFunc(name, ir::FuncKind::kFunction, r->loc);
      continue;
    }
    if (!nr.complete.empty() || !nr.defaults.empty()) {
      const Rule* r = !nr.complete.empty() ? nr.complete[0].rule : nr.defaults[0].rule;
      node.complete = NewFunc(name, ir::FuncKind::kComplete, r->loc);
    }
    if (!nr.partial_set.empty()) {
      node.partial_set = NewFunc(name, ir::FuncKind::kPartialSet, nr.partial_set[0].rule->loc);
    }
    if (!nr.object.empty()) {
      node.object = NewFunc(name, ir::FuncKind::kObject, nr.object[0].rule->loc);
    }
  }
  for (ir::NodeId id = 0; id < program_.nodes.size(); ++id) {
    if (!CompileNode(id)) return false;
  }
  return !failed();
}

bool CompilerImpl::CompileNode(ir::NodeId id) {
  const ir::Node& node = program_.nodes[id];
  current_node_ = id;
  if (node.is_function) return CompileFunction(id) != ir::kNone;
  if (node.complete != ir::kNone && CompileComplete(id) == ir::kNone) return false;
  if (node.partial_set != ir::kNone && CompilePartialSet(id) == ir::kNone) return false;
  if (node.object != ir::kNone && CompileObject(id) == ir::kNone) return false;
  return true;
}

// Compiles a rule's body into `cur` in a fresh scope of the rule's module.
bool CompilerImpl::CompileRuleBody(const Rule& rule, const ModuleNames& names, Cursor& cur,
                                   Scope& scope) {
  scope.names = &names;
  if (rule.body.empty()) return true;
  return CompileBody(rule.body, cur, scope);
}

// One definition (with its else chain) of a complete rule or function. Each branch runs only if
// the branches before it produced nothing; the definition's value goes into `result`.
bool CompilerImpl::CompileDefinition(const PlacedRule& pr, Cursor cur, Scope& /*unused*/,
                                     ir::LocalId result, const std::vector<ir::LocalId>& params) {
  const Rule& rule = *pr.rule;
  current_rule_ = &pr;
  bool is_function = rule.kind == RuleKind::kFunction;
  const char* conflict = is_function ? kFunctionConflict : kCompleteConflict;
  bool has_else = !rule.else_chain.empty();
  ir::LocalId branch_result = has_else ? NewLocal() : result;
  if (has_else) Emit(cur, ir::Op::kResetLocal, rule.loc).dst = branch_result;
  for (size_t b = 0; b <= rule.else_chain.size(); ++b) {
    const Rule& branch = b == 0 ? rule : rule.else_chain[b - 1];
    ir::BlockId root = NewBlock();
    Cursor body{root};
    if (b > 0) Emit(body, ir::Op::kIsUndefined, branch.loc).a = ir::Operand::Local(branch_result);
    Scope scope;
    scope.names = pr.names;
    // Arguments are patterns over the parameters (f(x), f([a, b]), f("literal")); their
    // variables are the function's own, even where a rule has the same name.
    NameSet arg_vars;
    for (const Term& arg : rule.head.args)
      CollectPatternVars(arg, arg_vars);
    for (const std::string& v : arg_vars)
      Declare(v, scope);
    for (size_t i = 0; i < params.size(); ++i) {
      if (!CompileUnifyOperand(rule.head.args[i], ir::Operand::Local(params[i]), body, scope)) {
        if (!failed()) {
          Error(ErrorCode::kRegoCompileError, rule.head.args[i].loc,
                "function argument " + TermToString(rule.head.args[i]) + " is not a valid pattern");
        }
        return false;
      }
    }
    if (!CompileRuleBody(branch, *pr.names, body, scope)) return false;
    unsafe_var_.clear();
    std::optional<ir::Operand> value = CompileTerm(branch.head.value, body, scope);
    if (!value) {
      if (!failed()) {
        Error(ErrorCode::kRegoUnsafeVarError, branch.head.value.loc,
              "var " + unsafe_var_ + " is unsafe");
      }
      return false;
    }
    ir::Stmt& assign = Emit(body, ir::Op::kAssignOnce, branch.loc);
    assign.dst = branch_result;
    assign.a = *value;
    assign.target = Const(Value::String(conflict));
    ir::Stmt& run = Emit(cur, ir::Op::kBlock, branch.loc);
    run.block = root;
    if (!IsConstantTerm(branch.head.value)) run.flags = ir::kBlockAllSolutions;
  }
  if (has_else) {
    ir::BlockId root = NewBlock();
    Cursor tail{root};
    Emit(tail, ir::Op::kIsDefined, rule.loc).a = ir::Operand::Local(branch_result);
    ir::Stmt& assign = Emit(tail, ir::Op::kAssignOnce, rule.loc);
    assign.dst = result;
    assign.a = ir::Operand::Local(branch_result);
    assign.target = Const(Value::String(conflict));
    Emit(cur, ir::Op::kBlock, rule.loc).block = root;
  }
  return true;
}

ir::FuncId CompilerImpl::CompileComplete(ir::NodeId id) {
  ir::FuncId f = program_.nodes[id].complete;
  current_func_ = f;
  const NodeRules& nr = node_rules_[id];
  ir::LocalId result = NewLocal();
  program_.funcs[f].result = result;
  ir::BlockId root = NewBlock();
  program_.funcs[f].body = root;
  Cursor cur{root};
  Emit(cur, ir::Op::kResetLocal, program_.funcs[f].loc).dst = result;
  // When every definition yields the same constant, the first one that succeeds decides.
  bool same_constant = !nr.complete.empty();
  for (const PlacedRule& pr : nr.complete) {
    const Term& v = pr.rule->head.value;
    same_constant = same_constant && pr.rule->else_chain.empty() && IsConstantTerm(v) &&
                    IsConstantTerm(nr.complete[0].rule->head.value) &&
                    TermToString(v) == TermToString(nr.complete[0].rule->head.value);
  }
  Scope unused;
  for (size_t i = 0; i < nr.complete.size(); ++i) {
    Cursor def = cur;
    if (same_constant && i > 0) {
      ir::BlockId guarded = NewBlock();
      Emit(cur, ir::Op::kBlock, nr.complete[i].rule->loc).block = guarded;
      def = Cursor{guarded};
      Emit(def, ir::Op::kIsUndefined, nr.complete[i].rule->loc).a = ir::Operand::Local(result);
    }
    if (!CompileDefinition(nr.complete[i], def, unused, result, {})) return ir::kNone;
  }
  for (const PlacedRule& d : nr.defaults) {
    ir::BlockId fallback = NewBlock();
    Cursor body{fallback};
    Emit(body, ir::Op::kIsUndefined, d.rule->loc).a = ir::Operand::Local(result);
    Scope scope;
    scope.names = d.names;
    std::optional<ir::Operand> value = CompileTerm(d.rule->head.value, body, scope);
    if (!value) {
      Error(ErrorCode::kRegoCompileError, d.rule->loc,
            "illegal default rule (value must be a constant)");
      return ir::kNone;
    }
    ir::Stmt& assign = Emit(body, ir::Op::kAssign, d.rule->loc);
    assign.dst = result;
    assign.a = *value;
    Emit(cur, ir::Op::kBlock, d.rule->loc).block = fallback;
  }
  return f;
}

ir::FuncId CompilerImpl::CompileFunction(ir::NodeId id) {
  ir::FuncId f = program_.nodes[id].complete;
  current_func_ = f;
  const NodeRules& nr = node_rules_[id];
  const Rule& first = !nr.functions.empty() ? *nr.functions[0].rule : *nr.defaults[0].rule;
  std::vector<ir::LocalId> params;
  for (size_t i = 0; i < first.head.args.size(); ++i)
    params.push_back(NewLocal());
  ir::LocalId result = NewLocal();
  program_.funcs[f].params = params;
  program_.funcs[f].result = result;
  ir::BlockId root = NewBlock();
  program_.funcs[f].body = root;
  Cursor cur{root};
  Emit(cur, ir::Op::kResetLocal, first.loc).dst = result;
  Scope unused;
  for (const PlacedRule& pr : nr.functions) {
    if (!CompileDefinition(pr, cur, unused, result, params)) return ir::kNone;
  }
  for (const PlacedRule& d : nr.defaults) {
    ir::BlockId fallback = NewBlock();
    Cursor body{fallback};
    Emit(body, ir::Op::kIsUndefined, d.rule->loc).a = ir::Operand::Local(result);
    Scope scope;
    scope.names = d.names;
    std::optional<ir::Operand> value = CompileTerm(d.rule->head.value, body, scope);
    if (!value) return ir::kNone;
    ir::Stmt& assign = Emit(body, ir::Op::kAssign, d.rule->loc);
    assign.dst = result;
    assign.a = *value;
    Emit(cur, ir::Op::kBlock, d.rule->loc).block = fallback;
  }
  return f;
}

ir::FuncId CompilerImpl::CompilePartialSet(ir::NodeId id) {
  ir::FuncId f = program_.nodes[id].partial_set;
  current_func_ = f;
  ir::LocalId result = NewLocal();
  program_.funcs[f].result = result;
  ir::BlockId root = NewBlock();
  program_.funcs[f].body = root;
  Cursor cur{root};
  ir::Stmt& make = Emit(cur, ir::Op::kMakeSet, program_.funcs[f].loc);
  make.dst = result;
  // Room for an element per definition, so that the set does not reallocate as it fills.
  make.target = static_cast<uint32_t>(
      std::min<size_t>(node_rules_[id].partial_set.size(), kMaxSetCapacityHint));
  for (const PlacedRule& pr : node_rules_[id].partial_set) {
    current_rule_ = &pr;
    ir::BlockId def = NewBlock();
    Cursor body{def};
    Scope scope;
    if (!CompileRuleBody(*pr.rule, *pr.names, body, scope)) return ir::kNone;
    unsafe_var_.clear();
    std::optional<ir::Operand> key = CompileTerm(pr.rule->head.key, body, scope);
    if (!key) {
      if (!failed())
        Error(ErrorCode::kRegoUnsafeVarError, pr.rule->head.key.loc,
              "var " + unsafe_var_ + " is unsafe");
      return ir::kNone;
    }
    ir::Stmt& add = Emit(body, ir::Op::kSetAdd, pr.rule->loc);
    add.dst = result;
    add.a = *key;
    ir::Stmt& run = Emit(cur, ir::Op::kBlock, pr.rule->loc);
    run.block = def;
    run.flags = ir::kBlockAllSolutions;
  }
  return f;
}

ir::FuncId CompilerImpl::CompileObject(ir::NodeId id) {
  ir::FuncId f = program_.nodes[id].object;
  current_func_ = f;
  ir::LocalId result = NewLocal();
  program_.funcs[f].result = result;
  ir::BlockId root = NewBlock();
  program_.funcs[f].body = root;
  Cursor cur{root};
  Emit(cur, ir::Op::kMakeObject, program_.funcs[f].loc).dst = result;
  uint32_t leaf_depth = UINT32_MAX;
  for (const PlacedRule& pr : node_rules_[id].object) {
    leaf_depth = std::min(leaf_depth, static_cast<uint32_t>(pr.dynamic_key.size()));
  }
  program_.nodes[id].object_leaf_depth = leaf_depth;
  for (const PlacedRule& pr : node_rules_[id].object) {
    current_rule_ = &pr;
    bool into_set = pr.rule->kind == RuleKind::kPartialSet;
    ir::BlockId def = NewBlock();
    Cursor body{def};
    Scope scope;
    if (!CompileRuleBody(*pr.rule, *pr.names, body, scope)) return ir::kNone;
    std::vector<ir::Operand> keys;
    for (const Term* k : pr.dynamic_key) {
      unsafe_var_.clear();
      std::optional<ir::Operand> key = CompileTerm(*k, body, scope);
      if (!key) {
        if (!failed())
          Error(ErrorCode::kRegoUnsafeVarError, k->loc, "var " + unsafe_var_ + " is unsafe");
        return ir::kNone;
      }
      keys.push_back(*key);
    }
    unsafe_var_.clear();
    const Term& leaf = into_set ? pr.rule->head.key : pr.rule->head.value;
    std::optional<ir::Operand> value = CompileTerm(leaf, body, scope);
    if (!value) {
      if (!failed())
        Error(ErrorCode::kRegoUnsafeVarError, leaf.loc, "var " + unsafe_var_ + " is unsafe");
      return ir::kNone;
    }
    ir::Stmt& insert = Emit(body, ir::Op::kObjectInsert, pr.rule->loc);
    insert.flags = into_set ? ir::kInsertIntoSet : 0;
    insert.dst = result;
    insert.args = std::move(keys);
    insert.a = *value;
    ir::Stmt& run = Emit(cur, ir::Op::kBlock, pr.rule->loc);
    run.block = def;
    run.flags = ir::kBlockAllSolutions;
  }
  return f;
}

bool CompilerImpl::CompileQuery(const Body& query, const std::string& text, const Source* source) {
  Location loc{source, 1, 1, 0};
  ir::FuncId f = NewFunc(text, ir::FuncKind::kQuery, loc);
  current_func_ = f;
  current_rule_ = nullptr;
  current_node_ = ir::kNone;
  ir::BlockId root = NewBlock();
  program_.funcs[f].body = root;
  Cursor cur{root};
  Scope scope;
  std::vector<ir::Operand> values;
  if (!CompileBody(query, cur, scope, &values)) return false;
  ir::QueryInfo info;
  info.func = f;
  info.num_exprs = query.size();
  for (size_t i = 0; i < query.size(); ++i) {
    uint32_t begin = query[i].loc.offset;
    uint32_t end =
        i + 1 < query.size() ? query[i + 1].loc.offset : static_cast<uint32_t>(text.size());
    std::string piece = text.substr(begin, end - begin);
    while (!piece.empty() &&
           (piece.back() == ';' || std::isspace(static_cast<unsigned char>(piece.back())))) {
      piece.pop_back();
    }
    info.expr_texts.push_back(std::move(piece));
    info.expr_locs.push_back(query[i].loc);
  }
  ir::Stmt& add = Emit(cur, ir::Op::kResultAdd, loc);
  add.args = values;
  std::vector<std::pair<ir::LocalId, std::string>> vars;
  for (const auto& [name, local] : scope.locals) {
    if (name.empty() || name[0] == '$' || !scope.bound.count(name)) continue;
    vars.emplace_back(local, name);
  }
  std::sort(vars.begin(), vars.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  for (const auto& [local, name] : vars) {
    program_.blocks[cur.block].stmts.back().args.push_back(ir::Operand::Local(local));
    info.vars.push_back(name);
  }
  program_.queries.push_back(std::move(info));
  return true;
}

}  // namespace tf::rego::internal
