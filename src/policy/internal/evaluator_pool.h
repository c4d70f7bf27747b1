// File: policy/internal/evaluator_pool.h
//
// Idle rego::Evaluators of one compiled policy, so concurrent requests each get one (an
// Evaluator is single-threaded and keeps its working memory between queries) without building
// a new one per request. Thread-safe: a mutex guards the idle list only; evaluation runs outside
// it.
#ifndef TF_POLICY_INTERNAL_EVALUATOR_POOL_H_
#define TF_POLICY_INTERNAL_EVALUATOR_POOL_H_

#include <memory>
#include <mutex>
#include <vector>

#include "rego/evaluator.h"

namespace tf::policy::internal {

class EvaluatorPool {
 public:
  // REQUIRES: `policy` outlives the pool and every Evaluator it hands out.
  explicit EvaluatorPool(const rego::CompiledPolicy& policy) : policy_(policy) {}

  // An idle Evaluator, or a new one.
  std::unique_ptr<rego::Evaluator> Take();
  // Gives an Evaluator back; keeps at most kMaxIdle, so a burst does not pin memory forever.
  void Give(std::unique_ptr<rego::Evaluator> evaluator);

  static constexpr size_t kMaxIdle = 64;

 private:
  const rego::CompiledPolicy& policy_;
  std::mutex mu_;
  std::vector<std::unique_ptr<rego::Evaluator>> idle_;  // guarded by mu_
};

}  // namespace tf::policy::internal

#endif  // TF_POLICY_INTERNAL_EVALUATOR_POOL_H_
