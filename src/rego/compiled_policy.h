// File: rego/compiled_policy.h
//
// The engine's public entry point: compile Rego modules (and the queries that will be asked of
// them) once, then evaluate queries many times, from many threads, with an `Evaluator` each.
//
//   tf::Result<tf::rego::CompiledPolicy> policy = tf::rego::CompiledPolicy::Compile(
//       {{"authz.rego", text}}, {"data.authz.allow"});
//   tf::rego::Evaluator eval(*policy);
//   tf::rego::EvalOptions opts;
//   opts.input = &input;
//   tf::Result<tf::rego::QueryResult> r = eval.Eval(0, opts);
//   // r->solutions[0].expressions[0] is the value of data.authz.allow
#ifndef TF_REGO_COMPILED_POLICY_H_
#define TF_REGO_COMPILED_POLICY_H_

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "rego/builtin.h"

namespace tf::rego {

namespace ir {
struct Program;
}
struct Module;

struct ModuleInput {
  std::string name;  // file name used in diagnostics
  std::string text;
};

struct CompileOptions {
  const BuiltinRegistry* builtins = nullptr;  // null: BuiltinRegistry::Default()
};

// One solution of a query: the value of each top-level expression, and the query's variables.
struct Solution {
  std::vector<Value> expressions;
  Value bindings;  // object: variable name -> value (generated variables excluded)
};

struct QueryResult {
  std::vector<Solution> solutions;
};

class CompiledPolicy {
 public:
  // Parses and compiles the modules and the queries (in Rego query syntax, e.g.
  // "data.authz.allow" or "x := data.a[_]; x > 1"). Errors carry file:line:col.
  static Result<CompiledPolicy> Compile(const std::vector<ModuleInput>& modules,
                                        const std::vector<std::string>& queries,
                                        const CompileOptions& options = {});

  CompiledPolicy(CompiledPolicy&&) noexcept;
  CompiledPolicy& operator=(CompiledPolicy&&) noexcept;
  ~CompiledPolicy();

  size_t num_queries() const;
  const ir::Program& program() const { return *program_; }
  // The parsed modules (for the SMT translator and tools).
  const std::vector<Module>& modules() const;

 private:
  struct State;
  explicit CompiledPolicy(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
  const ir::Program* program_ = nullptr;
};

}  // namespace tf::rego

#endif  // TF_REGO_COMPILED_POLICY_H_
