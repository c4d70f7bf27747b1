// File: policy/internal/rule_lookup.h
//
// What a `data.` ref of pack.yaml names in the compiled modules: a complete rule (what rule refs
// and rule predicates must name), or something else, said precisely for the error message.
#ifndef TF_POLICY_INTERNAL_RULE_LOOKUP_H_
#define TF_POLICY_INTERNAL_RULE_LOOKUP_H_

#include <string>
#include <string_view>

#include "rego/compiled_policy.h"

namespace tf::policy::internal {

enum class RefTarget : uint8_t {
  kBooleanRule,  // complete rule(s) whose written values are all boolean (or implicit true)
  kMissing,
  kPartialRule,  // a `contains` or object rule
  kFunction,
  kPackage,     // a namespace with rules below it, not a rule
  kNonBoolean,  // a complete rule with a non-boolean literal value
};

struct RefLookup {
  RefTarget target = RefTarget::kMissing;
  std::string detail;  // for kNonBoolean: "file:line" of the offending definition
};

// REQUIRES: `ref` is "data" followed by ".name" parts (IsDataRef).
RefLookup LookUpRuleRef(const rego::CompiledPolicy& policy, std::string_view ref);

// "is not defined by any module of the pack", … for an error message.
std::string DescribeRefTarget(const RefLookup& lookup);

}  // namespace tf::policy::internal

#endif  // TF_POLICY_INTERNAL_RULE_LOOKUP_H_
