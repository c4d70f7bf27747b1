// File: rego/internal/compiler_impl.h
//
// The compiler from the AST to the IR (see IR.md). Stages, in order:
//   1. rule tree  (compile_tree.cc): place every rule at its path under data, group definitions
//      of one document, check kinds and arities;
//   2. rules      (compile_rules.cc): one IR function per document kind and per user function;
//   3. bodies     (compile_body.cc): order expressions so every variable is bound before use
//      (OPA's safety reordering), then emit statements;
//   4. terms      (compile_term.cc): refs, data documents, literals, calls, comprehensions;
//   5. checks     (compiler.cc): recursion between documents and functions, IR verification.
#ifndef TF_REGO_INTERNAL_COMPILER_IMPL_H_
#define TF_REGO_INTERNAL_COMPILER_IMPL_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "rego/ast.h"
#include "rego/builtin.h"
#include "rego/ir.h"

namespace tf::rego::internal {

using NameSet = std::set<std::string>;

// Per-module name resolution: what a bare name at the start of a ref refers to.
struct ModuleNames {
  const Module* module = nullptr;
  std::vector<std::string> package;                               // without "data"
  std::map<std::string, std::vector<std::string>> data_aliases;   // alias -> path under data
  std::map<std::string, std::vector<std::string>> input_aliases;  // alias -> path under input
  std::set<std::string> rule_names;  // first segment of package rule heads
};

// A rule definition placed in the tree, with the module it came from.
struct PlacedRule {
  const Rule* rule = nullptr;
  const ModuleNames* names = nullptr;
  // Head ref terms below the node the rule is attached to (empty for complete rules).
  std::vector<const Term*> dynamic_key;
};

struct NodeRules {
  std::vector<PlacedRule> complete;
  std::vector<PlacedRule> defaults;
  std::vector<PlacedRule> partial_set;
  std::vector<PlacedRule> object;
  std::vector<PlacedRule> functions;
};

// Variables visible while compiling a body. Scopes nest for comprehensions, `every` and
// function bodies; a name is looked up innermost first.
struct Scope {
  Scope* parent = nullptr;
  std::unordered_map<std::string, ir::LocalId> locals;  // declared or bound here
  std::unordered_set<std::string> bound;                // subset of locals that hold a value
  const ModuleNames* names = nullptr;
  // For closures (comprehensions, `every`, `not`): variables of the enclosing bodies. The
  // closure may read them once bound but never binds them itself, so an expression that would
  // must wait until the enclosing body has bound them.
  NameSet outer_vars;
  bool is_closure = false;
  // Variables of the body compiled in this scope (set by CompileBody), for nested closures.
  NameSet body_vars;

  Scope* Owner(const std::string& name);
  const Scope* Owner(const std::string& name) const;
  bool IsBound(const std::string& name) const;
};

// Where emitted statements go: the innermost open block. Emitting an iteration moves it into
// the iteration's nested block.
struct Cursor {
  ir::BlockId block;
};

// What a trial compilation may change, so that it can be undone (see CompileBody).
struct Trial {
  size_t num_blocks;
  size_t cursor_stmts;
  uint32_t num_locals;
  std::unordered_map<std::string, ir::LocalId> locals;
  std::unordered_set<std::string> bound;
};

class CompilerImpl {
 public:
  CompilerImpl(const std::vector<Module>& modules, const BuiltinRegistry& builtins,
               ir::Program& program);

  bool CompileModules();
  bool CompileQuery(const Body& query, const std::string& text, const Source* source);
  bool CheckRecursion();
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  friend class SafetyAnalysis;

  // Errors.
  void Error(ErrorCode code, const Location& loc, std::string message);
  bool failed() const { return !diagnostics_.empty(); }

  // Rule tree (compile_tree.cc).
  bool BuildNames();
  bool PlaceRules();
  ir::NodeId EnsureNode(const std::vector<std::string>& path);
  bool CheckNodeKinds();

  // Rule functions (compile_rules.cc).
  bool CompileNode(ir::NodeId node);
  ir::FuncId CompileComplete(ir::NodeId node);
  ir::FuncId CompilePartialSet(ir::NodeId node);
  ir::FuncId CompileObject(ir::NodeId node);
  ir::FuncId CompileFunction(ir::NodeId node);
  bool CompileDefinition(const PlacedRule& pr, Cursor cur, Scope& scope, ir::LocalId result,
                         const std::vector<ir::LocalId>& params);
  bool CompileRuleBody(const Rule& rule, const ModuleNames& names, Cursor& cur, Scope& scope);

  // Functions under construction.
  ir::FuncId NewFunc(std::string name, ir::FuncKind kind, const Location& loc);
  ir::LocalId NewLocal();
  ir::BlockId NewBlock();
  ir::Stmt& Emit(Cursor cur, ir::Op op, const Location& loc);
  uint32_t Const(const Value& v);
  ir::Operand ConstOperand(const Value& v) { return ir::Operand::Const(Const(v)); }

  // Bodies and expressions (compile_body.cc).
  // `values`, when not null, receives each expression's value (by source position).
  bool CompileBody(const Body& body, Cursor& cur, Scope& scope,
                   std::vector<ir::Operand>* values = nullptr);
  // `value`, when not null, receives the expression's value (true for tests), for queries.
  bool CompileExpr(const Expr& expr, Cursor& cur, Scope& scope, ir::Operand* value);
  bool CompileExprCore(const Expr& expr, Cursor& cur, Scope& scope, ir::Operand* value);
  Scope ClosureScope(Scope& parent) const;
  bool CompileWith(const Expr& expr, Cursor& cur, Scope& scope);
  bool CompileSomeIn(const Expr& expr, Cursor& cur, Scope& scope);
  bool CompileEvery(const Expr& expr, Cursor& cur, Scope& scope);
  bool CompileCallExpr(const Term& call, Cursor& cur, Scope& scope, ir::Operand* value);
  bool CompileUnify(const Term& a, const Term& b, Cursor& cur, Scope& scope);
  bool CompileUnifyOperand(const Term& pattern, ir::Operand value, Cursor& cur, Scope& scope);
  bool CompileUnifyObjects(const Term& a, const Term& b, Cursor& cur, Scope& scope);
  bool CompileUnifyOperandFromTerm(const Term& a, const Term& b, Cursor& cur, Scope& scope);
  bool CompileAssign(const Term& lhs, const Term& rhs, Cursor& cur, Scope& scope);
  bool BindVar(const std::string& name, ir::Operand value, Cursor cur, Scope& scope,
               const Location& loc);
  // The local an unbound variable is bound in (declared if new), marking it bound; nullopt
  // (unsafe) if this scope may not bind it. For statements that write the variable directly.
  std::optional<ir::LocalId> BindTarget(const std::string& name, Scope& scope);
  // True if `t` is an array/object literal holding a variable that is not bound yet.
  bool IsPattern(const Term& t, const Scope& scope) const;
  bool IsUnboundVar(const Term& t, const Scope& scope) const;
  ir::LocalId Declare(const std::string& name, Scope& scope);

  Trial BeginTrial(Cursor cur, const Scope& scope) const;
  void Rollback(Trial& trial, Cursor cur, Scope& scope);
  // Compiles several terms whose generators may bind each other's variables
  // (`foo == input.foos[foo]`): a term that needs an unbound variable is retried after the rest.
  std::optional<std::vector<ir::Operand>> CompileOperands(const std::vector<const Term*>& terms,
                                                          Cursor& cur, Scope& scope);

  // Terms (compile_term.cc). Each returns the operand holding the term's value.
  std::optional<ir::Operand> CompileTerm(const Term& t, Cursor& cur, Scope& scope);
  std::optional<ir::Operand> CompileVar(const Term& t, Cursor& cur, Scope& scope);
  std::optional<ir::Operand> CompileRef(const Term& t, Cursor& cur, Scope& scope);
  std::optional<ir::Operand> CompileRefFrom(ir::Operand head, const std::vector<Term>& keys,
                                            size_t from, Cursor& cur, Scope& scope);
  std::optional<ir::Operand> CompileDataRef(const std::vector<Term>& keys, const Location& loc,
                                            Cursor& cur, Scope& scope);
  std::optional<ir::Operand> CompileCall(const Term& call, Cursor& cur, Scope& scope,
                                         size_t num_args);
  std::optional<ir::Operand> CompileCollection(const Term& t, Cursor& cur, Scope& scope);
  std::optional<ir::Operand> CompileComprehension(const Term& t, Cursor& cur, Scope& scope);
  std::optional<ir::Operand> CompileTemplate(const Term& t, Cursor& cur, Scope& scope);
  std::optional<ir::Operand> CompileOptional(const Term& t, Cursor& cur, Scope& scope);
  bool CompilePrint(const Term& call, Cursor& cur, Scope& scope);

  // Name resolution.
  // Rewrites a ref whose head is an import alias or a package rule into a ref rooted at
  // data/input. Returns false if the head is not such a name.
  bool ResolveGlobal(const Term& ref, Scope& scope, std::vector<Term>& out) const;
  bool IsGlobalName(const std::string& name, const Scope& scope) const;
  // The user function a call operator refers to, or kNone.
  ir::NodeId ResolveFunction(const Term& op, const Scope& scope) const;
  const BuiltinDecl* ResolveBuiltin(const Term& op) const;
  std::optional<ir::WithTarget> ResolveWithTarget(const WithClause& w, Scope& scope);
  uint32_t BuiltinIndex(const BuiltinDecl* decl);

  // Variables (compile_vars.cc): names in terms that denote locals rather than globals,
  // outside nested closures.
  void CollectVars(const Term& t, const Scope& scope, NameSet& out) const;
  void CollectExprVars(const Expr& e, const Scope& scope, NameSet& out) const;
  void CollectPatternVars(const Term& t, NameSet& out) const;
  NameSet BodyVars(const Body& body, const Scope& scope) const;
  // Marks the current trial as needing a variable that is not bound yet (see CompileBody).
  bool Unsafe(const std::string& var);

  const std::vector<Module>& modules_;
  const BuiltinRegistry& builtins_;
  ir::Program& program_;
  std::vector<ModuleNames> names_;
  std::vector<NodeRules> node_rules_;  // parallel to program_.nodes
  std::vector<Diagnostic> diagnostics_;

  // The function being compiled, and the rule and document whose body is being compiled (for
  // rego.metadata.*); no rule while compiling queries.
  ir::FuncId current_func_ = ir::kNone;
  const PlacedRule* current_rule_ = nullptr;
  ir::NodeId current_node_ = ir::kNone;
  // rego.metadata.rule() and rego.metadata.chain() of the rule being compiled (metadata.cc).
  Value MetadataRule() const;
  Value MetadataChain() const;
  // Recursion check: edges from functions to the nodes and functions they use.
  std::map<ir::FuncId, std::set<ir::FuncId>> func_calls_;
  std::map<ir::FuncId, std::set<ir::NodeId>> func_loads_;
  std::map<std::string, uint32_t> string_constants_;
  // Trial compilation: set when an expression needed an unbound variable.
  std::string unsafe_var_;
};

// `_` in the source, renamed by the parser to a unique name starting with "$_".
bool IsWildcard(const std::string& name);

}  // namespace tf::rego::internal

#endif  // TF_REGO_INTERNAL_COMPILER_IMPL_H_
