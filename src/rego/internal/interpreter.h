// File: rego/internal/interpreter.h
//
// Executes IR (see IR.md). Locals live on one stack of slots shared by nested calls (indices,
// never references, survive calls). Documents of the rule tree are computed once per query and
// cached; `with` pushes replacements and a fresh cache, and pops both when its block ends.
//
// A slot either owns its value or borrows it. Borrowing is allowed only from storage that lives,
// unchanged, until the query ends: program constants, base data, every version of the input, and
// the top-level document cache. Values reached from a borrowed value (by key or iteration) are
// borrowed too. This keeps the hot path of a decision free of reference-count traffic.
#ifndef TF_REGO_INTERNAL_INTERPRETER_H_
#define TF_REGO_INTERNAL_INTERPRETER_H_

#include <deque>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "rego/builtin.h"
#include "rego/compiled_policy.h"
#include "rego/evaluator.h"
#include "rego/ir.h"

namespace tf::rego::internal {

// An operand in 32 bits: a local slot, or with kConstRef set an index into the constant pool.
using Ref = uint32_t;
inline constexpr Ref kConstRef = 1u << 31;
inline Ref ToRef(const ir::Operand& o) {
  return o.is_local() ? o.index : o.index | kConstRef;
}

// A statement as the interpreter runs it: the fields the statements of the hot path read, in 28
// bytes instead of an ir::Stmt's 88, and every block's statements in one array. A query's
// statements then stay in the L1 cache while its input streams through it (profiling a pack's
// predicates found most ir::Stmt loads missing it). Arguments and locations are read from the
// ir::Stmt the instruction was made from (Interpreter::Source). A kLoadInput instruction may also
// carry the lookups that follow it (see FoldInputLookups in interpreter.cc).
struct Instr {
  ir::Op op;
  uint8_t flags;
  ir::LocalId dst;
  ir::LocalId dst2;
  Ref a;
  Ref b;
  uint32_t target;
  ir::BlockId block;
};

enum class Flow : uint8_t {
  kFail,      // the block ended early: no solution
  kProduced,  // at least one path reached the end of the block
  kError,     // evaluation stopped; see Interpreter::error()
};

class Interpreter {
 public:
  explicit Interpreter(const ir::Program& program);

  Result<QueryResult> Run(size_t query, const EvalOptions& options);

 private:
  struct CacheEntry {
    uint32_t generation = 0;
    uint8_t state = 0;  // 1 defined, 2 undefined, 3 being computed
    Value value;
  };
  struct DataOverride {
    std::vector<std::string> path;
    Value value;
  };
  struct Mock {
    const ir::WithTarget* target;
    Value value;
  };

  // Statements (interpreter.cc). A statement returns kProduced to let its block continue.
  Flow RunBlock(ir::BlockId block, bool all);
  [[gnu::always_inline]] Flow RunStmt(const Instr& s, bool all);
  Flow RunScan(const Instr& s, bool all);
  // The statement `s` was made from.
  const ir::Stmt& Source(const Instr& s) const { return *source_[&s - code_.data()]; }
  Flow Call(const ir::Stmt& s);
  Flow CallBuiltinDecl(const BuiltinDecl& decl, std::span<Value> args, const ir::Stmt& s);
  Flow CallMocked(const Mock& mock, std::span<Value> args, const ir::Stmt& s);
  // Runs a function; returns false on error (see error_), else its result (nullopt: undefined).
  bool RunFunc(ir::FuncId f, std::span<Value> args, std::optional<Value>* result);
  // Empties the slots of [from, to) that hold anything, so that the next frame there starts
  // empty without the stack being shrunk, regrown and zeroed for every call.
  void ClearSlots(size_t from, size_t to);
  Flow Fail(const ir::Stmt& s, Status status);
  Flow BuiltinFailure(const ir::Stmt& s, const BuiltinDecl& decl, const Status& status);
  Flow MakeObject(const ir::Stmt& s);
  Flow RecordSolution(const ir::Stmt& s);
  Flow Render(const ir::Stmt& s, std::string& out, std::string_view separator);
  bool Step();
  uint32_t NextGeneration();

  // Documents and `with` (interpreter_docs.cc).
  bool LoadDoc(ir::NodeId node, std::optional<Value>* out);
  // As LoadDoc, but returns a pointer to the cached document (nullptr if undefined) and says
  // whether it may be borrowed (only the top-level cache lives for the whole query).
  bool LoadDocRef(ir::NodeId node, const Value** out, bool* stable);
  bool LoadDocChild(ir::NodeId node, const Value& key, std::optional<Value>* out);
  bool ComputeDoc(ir::NodeId node, std::optional<Value>* out);
  std::optional<Value> BaseData(const std::vector<std::string>& path) const;
  // Base data at a path: a pointer into the caller's data when no `with data` replacement
  // applies (`*stable` true), else a computed value in `*scratch`.
  const Value* LoadData(const Value& path, Value* scratch, bool* stable) const;
  Flow RunWith(const Instr& s);
  void PushCache();
  void PopCache();
  const Mock* FindMock(ir::WithTarget::Kind kind, uint32_t id) const;

  struct Slot {
    Value owned;
    const Value* borrowed = nullptr;  // when set, the slot's value (see the file comment)
    bool defined = false;
  };

  const Value& Get(Ref r) const {
    if ((r & kConstRef) != 0) return program_.constants[r & ~kConstRef];
    const Slot& s = stack_[base_ + r];
    return s.borrowed != nullptr ? *s.borrowed : s.owned;
  }
  const Value& Get(const ir::Operand& o) const { return Get(ToRef(o)); }
  // The operand's value if it lives in query-long storage, else nullptr.
  const Value* Stable(Ref r) const {
    if ((r & kConstRef) != 0) return &program_.constants[r & ~kConstRef];
    return stack_[base_ + r].borrowed;
  }
  bool IsDefined(Ref r) const { return (r & kConstRef) != 0 || stack_[base_ + r].defined; }
  bool IsDefined(const ir::Operand& o) const { return IsDefined(ToRef(o)); }
  void Set(ir::LocalId l, Value v) {
    Slot& s = stack_[base_ + l];
    s.owned = std::move(v);
    s.borrowed = nullptr;
    s.defined = true;
  }
  // REQUIRES: *v lives until the query ends.
  void Borrow(ir::LocalId l, const Value* v) {
    Slot& s = stack_[base_ + l];
    s.borrowed = v;
    s.defined = true;
  }
  // Copies `v` into `l`, borrowing when `stable` says `v` may be borrowed.
  void SetFrom(ir::LocalId l, const Value& v, bool stable) {
    if (stable) {
      Borrow(l, &v);
    } else {
      Set(l, v);
    }
  }
  // The slot's value, owned (an accumulator being built). REQUIRES: the slot owns its value.
  Value& Owned(ir::LocalId l) { return stack_[base_ + l].owned; }

  const ir::Program& program_;
  // The program's statements as instructions: block b is code_[block_begin_[b],
  // block_begin_[b + 1]), and code_[i] was made from *source_[i].
  std::vector<Instr> code_;
  std::vector<uint32_t> block_begin_;
  std::vector<const ir::Stmt*> source_;
  // Per rule-tree node whose document is the value of its complete rules alone (no other rules,
  // no children, not the root), that function; kNone for the others. Such a document, when there
  // is no base data and no `with data`, is computed without reading the node (ComputeDoc).
  std::vector<ir::FuncId> plain_doc_;
  const EvalOptions* options_ = nullptr;
  // Slots of the frames in use, [0, top_); every slot from top_ on is empty (undefined, owning
  // nothing), so a new frame needs no initialisation and the stack is never shrunk.
  std::vector<Slot> stack_;
  size_t top_ = 0;
  size_t base_ = 0;
  int depth_ = 0;
  uint64_t steps_ = 0;
  Status error_;
  // The current input; every version (the query's, and each `with input`) stays in input_store_
  // until the query ends so that slots may borrow from it.
  const Value* input_ = nullptr;
  std::deque<Value> input_store_;
  Value empty_object_;  // the data without any, and the bindings of a query without variables
  const Value* data_ = nullptr;
  bool data_empty_ = true;  // *data_ has nothing under any path
  std::vector<DataOverride> data_overrides_;
  std::vector<Mock> mocks_;
  // Mocks below this index are invisible: set while a replacement function runs, so that a
  // mock never calls itself or another mock (OPA's rule); `with` inside the replacement stacks
  // new, visible mocks above it.
  size_t mock_floor_ = 0;
  // Document caches: one per `with` depth, reset in O(1) by bumping the generation.
  std::vector<std::vector<CacheEntry>> caches_;
  std::vector<uint32_t> level_generation_;
  size_t cache_depth_ = 0;
  uint32_t generation_ = 0;
  QueryResult* results_ = nullptr;
  const ir::QueryInfo* query_ = nullptr;
  BuiltinContext builtin_ctx_;
  std::unordered_map<std::string, Value> memo_;
  SystemRandom system_random_;
};

}  // namespace tf::rego::internal

#endif  // TF_REGO_INTERNAL_INTERPRETER_H_
