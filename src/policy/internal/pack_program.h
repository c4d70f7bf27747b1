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
#include "policy/manifest.h"
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
  // The activation query run: kActivationQuery, or activation_values when every rule ref is
  // boolean by definition.
  uint32_t activation = 0;
  uint32_t activation_values = 0;  // kActivationValuesQuery
  std::vector<uint32_t> leaves;    // each predicate alone, to name a failing one
  std::vector<RuleQueries> rules;
  std::vector<uint32_t> properties;
};

// Pieces of plan documents in RFC 8785 form, computed once per pack so that building a plan is
// string concatenation (see planner.cc). Rule ids are ASCII (IsValidRuleId), so their byte
// order is also RFC 8785's UTF-16 order of object keys.
struct PlanFragments {
  std::vector<std::string> id_json;       // per rule: its id as a JSON string
  std::vector<std::string> reason_entry;  // per rule: "id":[its activation entries]
  std::vector<uint32_t> id_rank;          // per rule: the position of its id in byte order
  std::vector<uint32_t> cost_rank;        // per rule: its position by (manifest cost, id)
  std::string pack_hash_field;            // "pack_hash":"…"
  std::string policy_id_field;            // "policy_id":"…"
};

// REQUIRES: every id of `manifest` is a valid rule id.
Result<PlanFragments> MakePlanFragments(const Manifest& manifest, const std::string& pack_hash);

struct PackProgram {
  PackProgram(rego::CompiledPolicy compiled, Activation activation_in, PackQueries queries_in,
              std::vector<std::string> properties_in, PlanFragments fragments_in)
      : policy(std::make_unique<rego::CompiledPolicy>(std::move(compiled))),
        activation(std::move(activation_in)),
        queries(std::move(queries_in)),
        properties(std::move(properties_in)),
        fragments(std::move(fragments_in)),
        pool(*policy) {}

  // Heap-allocated so its address, which the evaluators hold, never moves. Declared before
  // `pool` so it is built before and destroyed after the evaluators.
  std::unique_ptr<rego::CompiledPolicy> policy;
  Activation activation;
  PackQueries queries;
  std::vector<std::string> properties;
  PlanFragments fragments;
  EvaluatorPool pool;
};

}  // namespace tf::policy::internal

#endif  // TF_POLICY_INTERNAL_PACK_PROGRAM_H_
