// File: policy/plan.h
//
// A plan: the rules a context needs, in the order they run, and its document as the receipt
// records it:
//
//   {"policy_id": "lksg.v1", "active_rules": [ids by id], "order": [ids by (cost, id)],
//    "cost": {"rule": n, …}, "cost_sum": n, "reason": {"rule": ["predicate", …], …},
//    "pack_hash": "…", "plan_hash": "…"}
//
// `plan_hash` is the lower-case hex SHA-256 of the RFC 8785 canonical form of the document
// without `plan_hash`. Built by the Planner (policy/planner.h); immutable and self-contained.
// The document is kept in its canonical form (the bytes a receipt records and hashes); parse
// it with PlanDocument when a Value is needed.
#ifndef TF_POLICY_PLAN_H_
#define TF_POLICY_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/value.h"

namespace tf::policy {

struct PlannedRule {
  uint32_t rule = 0;  // index into the pack's rules
  uint64_t cost = 0;
};

struct Plan {
  std::vector<PlannedRule> order;  // execution order: cost ascending, then rule id ascending
  uint64_t cost_sum = 0;
  std::string pack_hash;
  std::string plan_hash;
  std::string canonical_json;  // the document above, plan_hash included, RFC 8785 form
};

// The plan document as a Value.
Value PlanDocument(const Plan& plan);

// The bytes of a plan file (`proof adapt --dry-run`, examples/plan_ok.json): the document as
// indented JSON (two spaces, keys in sorted order) and a final newline; the same bytes on every
// machine.
std::string FormatPlan(const Plan& plan);

}  // namespace tf::policy

#endif  // TF_POLICY_PLAN_H_
