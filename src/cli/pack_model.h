// File: cli/pack_model.h
//
// The prover's view (smt::PolicyModel) of a policy pack loaded by the policy module: its Rego
// modules, data, input schema, decision rules with their resolved activation predicates,
// properties and accepted changes. The smt module does not depend on the pack format; this is
// where the two meet.
#ifndef TF_CLI_PACK_MODEL_H_
#define TF_CLI_PACK_MODEL_H_

#include <string>

#include "core/status.h"
#include "policy/compiled_pack.h"
#include "smt/policy_model.h"

namespace tf::cli {

smt::PolicyModel PackToModel(const policy::CompiledPack& pack);

// Loads, validates and compiles the pack in `dir` (errors as the policy module reports them:
// file:line:col), then builds its model.
Result<smt::PolicyModel> LoadPackModel(const std::string& dir);

}  // namespace tf::cli

#endif  // TF_CLI_PACK_MODEL_H_
