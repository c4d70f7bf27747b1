// File: rego/ir.h
//
// The intermediate representation a compiled policy runs as (see IR.md for the full semantics).
// A program is a set of functions; a function's body is a tree of blocks; a block is a list of
// statements over numbered locals. A statement that is undefined (a missing key, a failed
// comparison) ends its block. Iteration is structural: `kScan` runs its nested block once per
// element, and everything that follows an iteration in the source is nested inside it, so
// backtracking needs no machinery and the SMT translator can read bodies as formulas.
//
// Programs are immutable once built and safe to evaluate from many threads at once.
#ifndef TF_REGO_IR_H_
#define TF_REGO_IR_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/value.h"
#include "rego/builtin.h"
#include "rego/source.h"

namespace tf::rego::ir {

using LocalId = uint32_t;
using BlockId = uint32_t;
using FuncId = uint32_t;
using NodeId = uint32_t;
inline constexpr uint32_t kNone = UINT32_MAX;

struct Operand {
  enum class Kind : uint8_t { kLocal, kConst };
  Kind kind = Kind::kConst;
  uint32_t index = 0;  // local slot or constant-pool index

  static Operand Local(LocalId id) { return {Kind::kLocal, id}; }
  static Operand Const(uint32_t index) { return {Kind::kConst, index}; }
  bool is_local() const { return kind == Kind::kLocal; }
};

enum class Op : uint8_t {
  // Values.
  kAssign,        // dst := a
  kResetLocal,    // dst := undefined
  kDot,           // dst := a[b]; undefined if a has no such key/index/element
  kMakeArray,     // dst := [args...]
  kMakeSet,       // dst := {args...}
  kMakeObject,    // dst := {args[0]: args[1], ...}; eval_conflict_error on a key with two values
  kTemplate,      // dst := concatenation of args rendered as template-string parts (see IR.md)
  kLoadInput,     // dst := input; undefined without input
  kLoadData,      // dst := base data at the path in constant `target` (an array of strings)
  kLoadDoc,       // dst := the document of rule-tree node `target` (rules + base data)
  kLoadDocChild,  // dst := the document under key b of namespace node `target`, evaluating
                  //        only that child (a dynamic ref such as data[x] with x bound)
  // Calls.
  kCallBuiltin,  // dst := builtins[target](args...)
  kCallFunc,     // dst := funcs[target](args...)
  // Tests: undefined unless the condition holds.
  kEqual,        // a == b
  kNotEqual,     // a != b
  kLess,         // a < b
  kLessEqual,    // a <= b
  kTruthy,       // a is not false
  kIsKind,       // a's kind is in the KindSet whose bits are `target`
  kLenEqual,     // size(a) == target
  kIsDefined,    // local a is defined
  kIsUndefined,  // local a is undefined
  // Control.
  kScan,   // for each element of a: dst := key, dst2 := value; run `block`
  kNot,    // run `block`; undefined if it produced a solution
  kBlock,  // run `block`; see `flags`
  kWith,   // run `block` with args.size() replacements: with_targets[target + i] := args[i]
  // Accumulators (the ends of rule bodies).
  kAssignOnce,    // dst := a, or eval_conflict_error if dst holds a different value (message in
                  // target)
  kSetAdd,        // dst := dst ∪ {a}
  kArrayAppend,   // dst := dst ++ [a]
  kObjectInsert,  // dst[args[0]]...[args[n-1]] := a, creating objects; conflict on a different
                  // value.
                  // With flags & kInsertIntoSet the leaf is a set and a is added to it.
  kResultAdd,     // record a query solution: args are the values to record
  kPrint,         // print(args...): undefined args print as <undefined>
};

// kBlock / kWith flags.
inline constexpr uint8_t kBlockAllSolutions = 1;  // run every solution (else: stop at the first)
inline constexpr uint8_t kBlockMustProduce = 2;   // undefined unless the block produced

// kObjectInsert flag.
inline constexpr uint8_t kInsertIntoSet = 1;

// The target of a `with` modifier.
struct WithTarget {
  enum class Kind : uint8_t { kInput, kData, kFunc, kBuiltin } kind = Kind::kInput;
  std::vector<std::string> path;  // input/data path below the root
  uint32_t id = kNone;            // function or builtin being replaced
  // Replacement: a function (id in funcs), a builtin (id in builtins), or a value (args[0]).
  enum class With : uint8_t { kValue, kFunc, kBuiltin } replacement = With::kValue;
  uint32_t replacement_id = kNone;
};

struct Stmt {
  Op op;
  uint8_t flags = 0;
  LocalId dst = kNone;
  LocalId dst2 = kNone;
  Operand a;
  Operand b;
  uint32_t target = kNone;
  BlockId block = kNone;
  std::vector<Operand> args;
  Location loc;
};

struct Block {
  std::vector<Stmt> stmts;
};

enum class FuncKind : uint8_t {
  kComplete,    // complete rules of one document (definitions, else chains, default)
  kPartialSet,  // `contains` rules of one document
  kObject,      // rules with variables in their head refs, of one document
  kFunction,    // a user function (all its definitions)
  kQuery,       // a query
};

struct Func {
  std::string name;  // "data.authz.allow", or the query text
  FuncKind kind = FuncKind::kComplete;
  std::vector<LocalId> params;
  LocalId result = kNone;
  uint32_t num_locals = 0;
  BlockId body = kNone;
  Location loc;
};

// The rule tree: one node per path below `data` where rules live (and their ancestors).
struct Node {
  std::vector<std::string> path;           // from the data root
  std::map<std::string, NodeId> children;  // sorted, so documents build deterministically
  FuncId complete = kNone;
  FuncId partial_set = kNone;
  FuncId object = kNone;
  bool is_function = false;  // functions are not documents
  bool has_rules = false;    // this node or a descendant defines rules
  // For `object`: the depth below this node at which its rules place their values. Documents
  // of child nodes may extend the object but must not reach inside those values.
  uint32_t object_leaf_depth = 0;
};

// A compiled query: its function, and what each recorded solution holds. A kResultAdd records
// the value of every top-level expression, then the value of every variable in `vars`.
struct QueryInfo {
  FuncId func = kNone;
  size_t num_exprs = 0;
  std::vector<std::string> vars;
  std::vector<std::string> expr_texts;  // source text of each top-level expression
  std::vector<Location> expr_locs;
};

struct Program {
  std::vector<Value> constants;
  std::vector<Block> blocks;
  std::vector<Func> funcs;
  std::vector<Node> nodes;  // nodes[0] is the data root
  std::vector<const BuiltinDecl*> builtins;
  std::vector<WithTarget> with_targets;
  std::vector<QueryInfo> queries;

  // The well-formedness checks of IR.md (locals in range, blocks referenced once, operands
  // valid). Run after compilation in tests and debug builds.
  Status Verify() const;
  // A readable listing, for `proof policy ir` and tests.
  std::string Dump() const;
};

std::string_view OpName(Op op);

}  // namespace tf::rego::ir

#endif  // TF_REGO_IR_H_
