// File: policy/internal/rule_lookup.h
//
// What a `data.` ref of pack.yaml names in the compiled modules: a complete rule (what rule refs
// and rule predicates must name), or something else, said precisely for the error message.
#ifndef TF_POLICY_INTERNAL_RULE_LOOKUP_H_
#define TF_POLICY_INTERNAL_RULE_LOOKUP_H_

#include <string>
#include <string_view>

#include "core/value.h"
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

// True when every value the ref can take is a boolean, by the way it is written: it names a
// complete rule whose every definition (defaults and else branches included) has a boolean
// literal value or none (true), no other rule or base data can contribute to it (no rule at a
// prefix of its path, no rule with a computed key under its package, nothing in `data` at its
// path). Such a ref needs no check at evaluation time that its value is boolean.
// REQUIRES: `ref` is "data" followed by ".name" parts (IsDataRef).
bool IsBooleanByDefinition(const rego::CompiledPolicy& policy, const Value& data,
                           std::string_view ref);

// "is not defined by any module of the pack", … for an error message.
std::string DescribeRefTarget(const RefLookup& lookup);

}  // namespace tf::policy::internal

#endif  // TF_POLICY_INTERNAL_RULE_LOOKUP_H_
