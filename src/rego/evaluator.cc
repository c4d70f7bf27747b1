#include "rego/evaluator.h"

#include "rego/internal/interpreter.h"

namespace tf::rego {

struct Evaluator::Impl {
  explicit Impl(const CompiledPolicy& policy) : interpreter(policy.program()) {}
  internal::Interpreter interpreter;
};

Evaluator::Evaluator(const CompiledPolicy& policy) : impl_(std::make_unique<Impl>(policy)) {}
Evaluator::~Evaluator() = default;

Result<QueryResult> Evaluator::Eval(size_t query, const EvalOptions& options) {
  return impl_->interpreter.Run(query, options);
}

}  // namespace tf::rego
