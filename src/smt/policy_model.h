// File: smt/policy_model.h
//
// What the prover needs to know about a policy pack, without depending on the pack format
// (`policy` module): its Rego modules and data, the optional input schema, the decision rules
// with their activation predicates, the properties (proofs.rego's `property_*` rules) and the
// accepted behaviour changes. The `proof` CLI builds one from a loaded pack; tests build them
// from Rego text.
//
//   tf::smt::PolicyModel m;
//   m.modules = {{"authz.rego", text}};
//   m.rules = {{.id = "allow", .ref = "data.authz.allow"}};
//   m.properties = {"data.authz_proofs.property_admins_allowed"};
#ifndef TF_SMT_POLICY_MODEL_H_
#define TF_SMT_POLICY_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/value.h"
#include "rego/compiled_policy.h"

namespace tf::smt {

// One activation predicate, as the pack's orchestrator evaluates it: a rule ref holds when the
// rule is `true` (a non-boolean value is an error); an inline query holds when it has a
// solution.
struct ActivationLeaf {
  std::string text;
  bool rule_ref = false;
};

// A decision rule: its id, the Rego ref that decides it, and the leaves (indexes into
// PolicyModel::leaves) that must all hold for it to be evaluated.
struct DecisionRule {
  std::string id;
  std::string ref;
  std::vector<uint32_t> leaves;
};

// A decision change the pack's authors meant (pack.yaml `accepted_changes`).
struct AcceptedChange {
  std::string rule;
  std::string since;  // the pack version that introduced the change
  std::string description;
};

struct PolicyModel {
  std::string id;
  std::string version;
  std::string hash;    // pack hash, when known; equal hashes mean equal packs
  std::string origin;  // where it was loaded from, for messages
  std::vector<rego::ModuleInput> modules;
  Value data = Value::EmptyObject();
  std::optional<Value> input_schema;  // the JSON Schema document
  std::vector<ActivationLeaf> leaves;
  std::vector<DecisionRule> rules;
  std::vector<std::string> properties;  // refs: "data.<package>.property_<name>"
  std::vector<AcceptedChange> accepted_changes;

  // The rule with this id, or nullptr.
  const DecisionRule* FindRule(std::string_view id) const;
};

}  // namespace tf::smt

#endif  // TF_SMT_POLICY_MODEL_H_
