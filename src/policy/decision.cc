#include "policy/decision.h"

#include "core/canonical_json.h"
#include "core/sha256.h"

namespace tf::policy {

Value DecisionToValue(const Decision& decision) {
  std::vector<Value> violations;
  violations.reserve(decision.violations.size());
  for (const Violation& v : decision.violations) {
    std::vector<ObjectEntry> fields = {{Value::String("reason"), Value::String(v.reason)},
                                       {Value::String("rule"), Value::String(v.rule)}};
    if (!v.code.empty()) fields.emplace_back(Value::String("code"), Value::String(v.code));
    violations.push_back(Value::Object(std::move(fields)));
  }
  std::vector<ObjectEntry> fields = {
      {Value::String("allow"), Value::Bool(decision.allow)},
      {Value::String("input_hash"), Value::String(decision.input_hash)},
      {Value::String("pack_hash"), Value::String(decision.pack_hash)},
      {Value::String("plan_hash"), Value::String(decision.plan.plan_hash)},
      {Value::String("violations"), Value::Array(std::move(violations))},
  };
  // Only packs with decision limits have them, so other decisions keep their form.
  if (!decision.limits.empty()) {
    std::vector<Value> limits;
    for (const LimitVerdict& v : decision.limits)
      limits.push_back(LimitVerdictToValue(v));
    fields.emplace_back(Value::String("limits"), Value::Array(std::move(limits)));
  }
  return Value::Object(std::move(fields));
}

Result<std::string> InputHash(const Value& input) {
  Result<std::string> canonical = CanonicalJson(input);
  if (!canonical.ok()) {
    return InvalidArgument("input has no canonical JSON form: " +
                           std::string(canonical.status().message()));
  }
  return DigestHex(Sha256(*canonical));
}

}  // namespace tf::policy
