// File: policy/internal/pack_program.h
//
// What CompiledPack compiled: the policy and the index of each query in it, plus the evaluator
// pool. Shared by CompiledPack (which builds it) and PackSession (which runs it).
#ifndef TF_POLICY_INTERNAL_PACK_PROGRAM_H_
#define TF_POLICY_INTERNAL_PACK_PROGRAM_H_

#include <memory>
#include <string>
#include <vector>

#include "policy/internal/activation.h"
#include "policy/internal/evaluator_pool.h"
#include "policy/reason_template.h"
#include "rego/compiled_policy.h"

namespace tf::policy::internal {

struct RuleQueries {
  uint32_t verdict = 0;  // [<ref>]
  ReasonTemplate reason;
  std::vector<uint32_t> placeholders;  // [__tf_v | __tf_v := (<placeholder>)]
};

// Query indices into the compiled policy.
struct PackQueries {
  uint32_t activation = 0;       // data.__tf_activation.values
  std::vector<uint32_t> leaves;  // [data.__tf_activation.p_i], to name a failing predicate
  std::vector<RuleQueries> rules;
  std::vector<uint32_t> properties;
};

struct PackProgram {
  PackProgram(rego::CompiledPolicy compiled, Activation activation_in, PackQueries queries_in,
              std::vector<std::string> properties_in)
      : policy(std::make_unique<rego::CompiledPolicy>(std::move(compiled))),
        activation(std::move(activation_in)),
        queries(std::move(queries_in)),
        properties(std::move(properties_in)),
        pool(*policy) {}

  // Heap-allocated so its address, which the evaluators hold, never moves. Declared before
  // `pool` so it is built before and destroyed after the evaluators.
  std::unique_ptr<rego::CompiledPolicy> policy;
  Activation activation;
  PackQueries queries;
  std::vector<std::string> properties;
  EvaluatorPool pool;
};

}  // namespace tf::policy::internal

#endif  // TF_POLICY_INTERNAL_PACK_PROGRAM_H_
