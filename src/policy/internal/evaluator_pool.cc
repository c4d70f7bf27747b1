#include "policy/internal/evaluator_pool.h"

namespace tf::policy::internal {

std::unique_ptr<rego::Evaluator> EvaluatorPool::Take() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<rego::Evaluator> e = std::move(idle_.back());
      idle_.pop_back();
      return e;
    }
  }
  return std::make_unique<rego::Evaluator>(policy_);
}

void EvaluatorPool::Give(std::unique_ptr<rego::Evaluator> evaluator) {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(evaluator));
}

}  // namespace tf::policy::internal
