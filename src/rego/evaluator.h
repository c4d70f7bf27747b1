// File: rego/evaluator.h
//
// Runs the queries of a CompiledPolicy. An Evaluator keeps its working memory between calls,
// so reuse one per thread; the policy itself is shared and read-only.
//
//   tf::rego::Evaluator eval(policy);
//   tf::rego::EvalOptions opts;
//   opts.input = &input;
//   opts.data = &data;
//   tf::Result<tf::rego::QueryResult> r = eval.Eval(/*query=*/0, opts);
#ifndef TF_REGO_EVALUATOR_H_
#define TF_REGO_EVALUATOR_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string_view>

#include "core/random.h"
#include "core/status.h"
#include "core/value.h"
#include "rego/builtin.h"
#include "rego/compiled_policy.h"

namespace tf::rego {

class RegexCache;

struct EvalOptions {
  const Value* input = nullptr;  // null: `input` is undefined
  const Value* data = nullptr;   // base documents; null: empty
  // As `opa eval --strict-builtin-errors`: a builtin error aborts the query instead of making
  // its expression undefined.
  bool strict_builtin_errors = false;
  // time.now_ns() for this query. The caller reads its (injected) clock once per query.
  int64_t now_ns = 0;
  RandomSource* random = nullptr;     // null: the operating system's CSPRNG
  RegexCache* regexes = nullptr;      // null: regexes are compiled per query
  const BuiltinHost* host = nullptr;  // for builtins a host registered (see rego/builtin.h)
  // Receives each line of `print(...)` output; null: print output is discarded.
  std::function<void(std::string_view)> print;
  // Cooperative cancellation and an evaluation budget (statements executed; 0 = unlimited).
  // Either ends the query with eval_cancel_error.
  const std::atomic<bool>* cancel = nullptr;
  uint64_t max_steps = 0;
};

class Evaluator {
 public:
  // REQUIRES: `policy` outlives the Evaluator.
  explicit Evaluator(const CompiledPolicy& policy);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Evaluates query number `query` (in the order given to CompiledPolicy::Compile).
  Result<QueryResult> Eval(size_t query, const EvalOptions& options);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tf::rego

#endif  // TF_REGO_EVALUATOR_H_
