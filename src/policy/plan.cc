#include "policy/plan.h"

#include "core/json.h"

namespace tf::policy {

Value PlanDocument(const Plan& plan) {
  // The Planner wrote the canonical form itself, so it always parses.
  Result<Value> doc = ParseJson(plan.canonical_json);
  return doc.ok() ? std::move(*doc) : Value();
}

std::string FormatPlan(const Plan& plan) {
  JsonWriteOptions pretty;
  pretty.pretty = true;
  std::string out = ToJson(PlanDocument(plan), pretty);
  out += '\n';
  return out;
}

}  // namespace tf::policy
