// File: smt/check.h
//
// What can be asked of the prover about one policy: a property rule of proofs.rego (true for
// every input), or one of the built-in checks Cedar's analyser offers:
//
//   always_allows(A)   A is true for every input
//   always_denies(A)   A is never true
//   never_errors(A)    evaluating A never fails (conflicts, builtin errors)
//   implies(A, B)      wherever A is true, B is true
//   equivalent(A, B)   A and B have the same outcome for every input (both fail, both are
//                      undefined, or both have equal values)
//   disjoint(A, B)     no input makes both A and B true
//
// A and B are rule ids of the pack or refs to documents (`data.pkg.rule`).
//
//   tf::Result<tf::smt::Check> c = tf::smt::ParseCheck("implies(data.a.admin, data.a.allow)");
#ifndef TF_SMT_CHECK_H_
#define TF_SMT_CHECK_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tf::smt {

enum class CheckKind : uint8_t {
  kProperty,
  kAlwaysAllows,
  kAlwaysDenies,
  kNeverErrors,
  kImplies,
  kEquivalent,
  kDisjoint,
};

struct Check {
  CheckKind kind = CheckKind::kProperty;
  std::string a;  // a rule id or a data ref
  std::string b;  // second operand of implies, equivalent, disjoint
};

// "property", "always_allows", ...
std::string_view CheckKindName(CheckKind kind);
// How many operands the check takes (1 or 2).
int CheckArity(CheckKind kind);
// "always_allows(data.a.allow)"; a property prints as its ref.
std::string CheckText(const Check& check);
// Parses "name(A)" or "name(A, B)". Errors: kSmtCheckInvalid.
Result<Check> ParseCheck(std::string_view text);

}  // namespace tf::smt

#endif  // TF_SMT_CHECK_H_
