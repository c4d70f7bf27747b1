// File: smt/internal/translator.h
//
// Translates the IR of one compiled policy into formulas over the symbolic input, by symbolic
// execution that mirrors the interpreter statement by statement (see rego/IR.md):
//
//   - a block runs under a path condition `pc`; a statement that can be undefined strengthens
//     it (`pc ∧ cond`); the block produces where `pc` holds at its end;
//   - a write to a local is guarded: local := ite(pc, new, old), so a local always holds the
//     value of the last write on every path (loop iterations, branches, else chains);
//   - `kScan` is unrolled over the collection's elements (input arrays up to the bound); in
//     first-solution mode iteration i runs only where no earlier one produced, exactly as the
//     interpreter stops;
//   - errors (conflicts, builtin errors under strict builtin errors) accumulate in a formula;
//     once an error happens the query's outcome is the error, whatever follows;
//   - functions are inlined at each call (the compiler refuses recursion); documents of the
//     rule tree are computed once and their errors charged where they are loaded.
//
// A construct outside the fragment returns kSmtUnsupported with its file:line:col. The
// translation never drops a case: what is not encoded is refused.
#ifndef TF_SMT_INTERNAL_TRANSLATOR_H_
#define TF_SMT_INTERNAL_TRANSLATOR_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "rego/ir.h"
#include "smt/internal/encoder.h"

namespace tf::smt::internal {

namespace ir = ::tf::rego::ir;
using ::tf::rego::Location;

struct TranslateOptions {
  // As EvalOptions::strict_builtin_errors; packs evaluate with it on.
  bool strict_builtin_errors = true;
  // Paths below data whose documents are symbolic (any value) rather than the given data.
  std::vector<std::vector<std::string>> symbolic_data;
};

// What a query does for an input, as formulas over the symbolic input.
struct QueryOutcome {
  z3::expr error;   // evaluation fails with an error
  z3::expr solved;  // at least one solution is recorded (meaningful where !error)
  SymVal value;     // the first expression of the (last) solution, for single-solution queries
  std::set<ir::NodeId> nodes;  // rule-tree nodes whose documents the query reads
};

class Translator {
 public:
  // REQUIRES: `program` and `data` outlive the translator.
  Translator(Encoder& enc, const ir::Program& program, const Value& data, TranslateOptions options);

  // The outcome of query `index` of the program (cached).
  Result<QueryOutcome> Query(size_t index);
  // False once an encoding over-approximated something (division); counterexamples then need
  // the interpreter's confirmation to be reported, and a disagreement is not a bug.
  bool exact() const { return exact_; }

 private:
  struct Frame {
    ir::FuncId func;
    std::vector<SymVal> locals;
  };
  struct Doc {
    SymVal value;
    z3::expr error;
    std::set<ir::NodeId> nodes;
  };

  // translator.cc
  Status ExecBlock(ir::BlockId block, bool all, const z3::expr& pc, Frame& f, z3::expr* produced);
  Status ExecStmt(const ir::Stmt& s, z3::expr& pc, Frame& f);
  Status ExecNested(const ir::Stmt& s, z3::expr& pc, Frame& f);
  Status ExecAccumulate(const ir::Stmt& s, z3::expr& pc, Frame& f);
  Status Accumulate(const ir::Stmt& s, Frame& f, const z3::expr& here, const SymVal& a, Coll& coll);
  Result<SymVal> Get(const Frame& f, const ir::Operand& o);
  void Write(Frame& f, ir::LocalId dst, const SymVal& v, const z3::expr& pc);
  void AddError(const z3::expr& cond);
  Status Template(const ir::Stmt& s, z3::expr& pc, Frame& f);
  Status MakeCollection(const ir::Stmt& s, z3::expr& pc, Frame& f);
  // translator_scan.cc
  Status ExecScan(const ir::Stmt& s, bool all, const z3::expr& pc, Frame& f, z3::expr* produced);
  bool OrderSensitive(const Frame& f, const ir::Stmt& scan, bool all) const;
  // translator_calls.cc
  Result<SymVal> CallFunc(ir::FuncId func, std::vector<SymVal> args, const z3::expr& pc);
  Status CallBuiltin(const ir::Stmt& s, z3::expr& pc, Frame& f);
  // translator_docs.cc
  Result<const Doc*> LoadDoc(ir::NodeId node);
  Status ExecLoadDoc(const ir::Stmt& s, z3::expr& pc, Frame& f);
  Status ExecLoadDocChild(const ir::Stmt& s, z3::expr& pc, Frame& f);
  Status ExecLoadData(const ir::Stmt& s, z3::expr& pc, Frame& f);
  Result<SymVal> DataAt(const std::vector<Value>& path);
  bool OverlapsSymbolicData(const std::vector<std::string>& path) const;

  Encoder& enc_;
  z3::context& ctx_;
  const ir::Program& program_;
  const Value& data_;
  TranslateOptions options_;
  bool exact_ = true;
  // Errors of the computation under way (a query or a document), and what it read.
  z3::expr error_;
  std::set<ir::NodeId> nodes_;
  // Solutions of the query under way.
  z3::expr solved_;
  SymVal result_;
  std::map<ir::NodeId, Doc> docs_;
  std::map<uint32_t, SymVal> constants_;
  std::map<size_t, QueryOutcome> queries_;
};

// "file:line:col: what" for a construct the translation refuses.
Status UnsupportedAt(const Location& loc, const std::string& what);
// Adds the location to an unsupported-construct status that has none yet.
Status Locate(Status status, const Location& loc);

}  // namespace tf::smt::internal

#endif  // TF_SMT_INTERNAL_TRANSLATOR_H_
