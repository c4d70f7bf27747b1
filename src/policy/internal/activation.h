// File: policy/internal/activation.h
//
// Activation predicates, resolved for evaluation. Every rule's entries are flattened through the
// named predicates into "leaves" (rule refs and inline queries), deduplicated by text, so a
// predicate shared by many rules is evaluated once per request. All leaves are evaluated by one
// query over a generated Rego module, as members of two partial sets:
//
//   package __tf_activation
//   values contains -1 if false
//   invalid contains -1 if false
//   values contains 0 if {
//   input.order.value_eur >= 10000
//   }
//   values contains 1 if data.lksg.activation.direct_supplier == true
//   invalid contains [1, type_name(__tf_v)] if { __tf_v := data.lksg.activation.direct_supplier; …
//
// `values` holds the indices of the leaves that hold, `invalid` the rule refs whose value is not
// a boolean (an error: fail closed). That is one evaluation per request, not one per predicate,
// and a set of bodies costs the interpreter less than a defaulted rule per predicate. An inline
// query holds when its body succeeds. When every rule ref is boolean by definition (its rules
// can only be true or false, see IsBooleanByDefinition), `invalid` is always empty and the
// query leaves it out (a fifth of the instructions of policy_bench's activation query).
#ifndef TF_POLICY_INTERNAL_ACTIVATION_H_
#define TF_POLICY_INTERNAL_ACTIVATION_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "policy/manifest.h"
#include "policy/predicate_kind.h"

namespace tf::policy::internal {

inline constexpr std::string_view kActivationPackage = "__tf_activation";
inline constexpr std::string_view kActivationModuleName = "__tf_activation.rego";
inline constexpr std::string_view kActivationQuery =
    "[data.__tf_activation.values, data.__tf_activation.invalid]";
// The same shape when no rule ref needs the check.
inline constexpr std::string_view kActivationValuesQuery = "[data.__tf_activation.values, set()]";
// Packages of the pack's modules may not start with this: it is the generated module's.
inline constexpr std::string_view kReservedPackagePrefix = "__tf";

struct Leaf {
  std::string text;
  PredicateKind kind = PredicateKind::kExpression;  // kRuleRef or kExpression
  SourcePos pos;                                    // first place it is written
};

struct Activation {
  std::vector<Leaf> leaves;
  // Per rule of the manifest, its leaves (sorted, unique) are
  // rule_leaves[rule_leaf_begin[r], rule_leaf_begin[r + 1]): one array for all rules, so that a
  // selection reads contiguous memory rather than one allocation per rule.
  std::vector<uint32_t> rule_leaves;
  std::vector<uint32_t> rule_leaf_begin;  // num rules + 1 entries

  std::span<const uint32_t> LeavesOf(size_t rule) const {
    return std::span<const uint32_t>(rule_leaves)
        .subspan(rule_leaf_begin[rule], rule_leaf_begin[rule + 1] - rule_leaf_begin[rule]);
  }
};

// REQUIRES: `manifest` passed ParseManifest (named predicates exist, no cycles).
Activation ResolveActivation(const Manifest& manifest);

// The generated module for `leaves` (all of them, or only `only` when it is set, for
// diagnosing one predicate at a time).
std::string ActivationModule(const std::vector<Leaf>& leaves, int64_t only = -1);

}  // namespace tf::policy::internal

#endif  // TF_POLICY_INTERNAL_ACTIVATION_H_
