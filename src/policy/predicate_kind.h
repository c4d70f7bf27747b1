// File: policy/predicate_kind.h
//
// How an activation entry of pack.yaml is read. The text alone decides, so a reader of the
// manifest can tell without the Rego modules:
//   - a bare name (`foreign_supplier`): a named predicate of the manifest's `predicates`;
//   - `data.` followed by dotted names (`data.lksg.activation.foreign_supplier`): a ref to a
//     boolean rule of the pack's modules; it holds when the rule is true, and a value other than
//     a boolean is an evaluation error;
//   - anything else (`input.order.value_eur >= 10000`, `true`): an inline Rego query that holds
//     when it has a solution, as a rule body would.
#ifndef TF_POLICY_PREDICATE_KIND_H_
#define TF_POLICY_PREDICATE_KIND_H_

#include <cstdint>
#include <string_view>

namespace tf::policy {

enum class PredicateKind : uint8_t { kNamed, kRuleRef, kExpression };

PredicateKind ClassifyPredicate(std::string_view text);

// A Rego identifier that is not a keyword literal (true, false, null).
bool IsPredicateName(std::string_view text);
// "data" followed by one or more ".identifier" parts.
bool IsDataRef(std::string_view text);

}  // namespace tf::policy

#endif  // TF_POLICY_PREDICATE_KIND_H_
