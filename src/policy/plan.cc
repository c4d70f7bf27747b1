#include "policy/plan.h"

#include "core/json.h"

namespace tf::policy {

std::string FormatPlan(const Plan& plan) {
  JsonWriteOptions pretty;
  pretty.pretty = true;
  std::string out = ToJson(plan.document, pretty);
  out += '\n';
  return out;
}

}  // namespace tf::policy
