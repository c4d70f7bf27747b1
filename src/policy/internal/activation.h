// File: policy/internal/activation.h
//
// Activation predicates, resolved for evaluation. Every rule's entries are flattened through the
// named predicates into "leaves" (rule refs and inline queries), deduplicated by text, so a
// predicate shared by many rules is evaluated once per request. All leaves are evaluated by one
// query over a generated Rego module:
//
//   package __tf_activation
//   default p_0 := false
//   p_0 if {
//   input.order.value_eur >= 10000
//   }
//   default p_1 := false
//   p_1 := __tf_v if { __tf_v := data.lksg.activation.foreign_supplier }
//   values := [p_0, p_1]
//
// so selection costs one evaluation, not one per predicate. An inline query holds when its body
// succeeds; a rule ref's value is reported as is and must be boolean (checked by the caller).
#ifndef TF_POLICY_INTERNAL_ACTIVATION_H_
#define TF_POLICY_INTERNAL_ACTIVATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "policy/manifest.h"
#include "policy/predicate_kind.h"

namespace tf::policy::internal {

inline constexpr std::string_view kActivationPackage = "__tf_activation";
inline constexpr std::string_view kActivationModuleName = "__tf_activation.rego";
inline constexpr std::string_view kActivationQuery = "data.__tf_activation.values";
// Packages of the pack's modules may not start with this: it is the generated module's.
inline constexpr std::string_view kReservedPackagePrefix = "__tf";

struct Leaf {
  std::string text;
  PredicateKind kind = PredicateKind::kExpression;  // kRuleRef or kExpression
  SourcePos pos;                                    // first place it is written
};

struct Activation {
  std::vector<Leaf> leaves;
  std::vector<std::vector<uint32_t>> rule_leaves;  // per rule of the manifest: sorted, unique
};

// REQUIRES: `manifest` passed ParseManifest (named predicates exist, no cycles).
Activation ResolveActivation(const Manifest& manifest);

// The generated module for `leaves` (all of them, or only `only` when it is set, for
// diagnosing one predicate at a time).
std::string ActivationModule(const std::vector<Leaf>& leaves, int64_t only = -1);

}  // namespace tf::policy::internal

#endif  // TF_POLICY_INTERNAL_ACTIVATION_H_
