// Policy packs as the prover sees them.
#include "cli/pack_model.h"

#include "policy/pack.h"
#include "policy/predicate_kind.h"

namespace tf::cli {

smt::PolicyModel PackToModel(const policy::CompiledPack& pack) {
  smt::PolicyModel m;
  const policy::Manifest& manifest = pack.manifest();
  m.id = manifest.id;
  m.version = manifest.version;
  m.hash = pack.hash();
  m.origin = pack.pack().origin;
  for (const auto& [path, bytes] : pack.pack().files) {
    if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".rego") == 0) {
      m.modules.push_back({pack.pack().DisplayPath(path), bytes});
    }
  }
  m.data = pack.pack().data;
  if (manifest.input_schema) m.input_schema = manifest.input_schema->value();
  for (size_t i = 0; i < pack.num_predicates(); ++i) {
    std::string text(pack.predicate(i));
    bool ref = policy::ClassifyPredicate(text) == policy::PredicateKind::kRuleRef;
    m.leaves.push_back({std::move(text), ref});
  }
  for (size_t r = 0; r < pack.num_rules(); ++r) {
    smt::DecisionRule rule;
    rule.id = pack.rule(r).id;
    rule.ref = pack.rule(r).ref;
    for (uint32_t leaf : pack.rule_predicates(r))
      rule.leaves.push_back(leaf);
    m.rules.push_back(std::move(rule));
  }
  m.properties = pack.properties();
  for (const policy::AcceptedChange& c : manifest.accepted_changes) {
    m.accepted_changes.push_back({c.rule, c.since, c.description});
  }
  return m;
}

Result<smt::PolicyModel> LoadPackModel(const std::string& dir) {
  TF_ASSIGN_OR_RETURN(policy::Pack pack, policy::LoadPackFromDirectory(dir));
  TF_ASSIGN_OR_RETURN(std::unique_ptr<policy::CompiledPack> compiled,
                      policy::CompiledPack::Compile(std::move(pack)));
  return PackToModel(*compiled);
}

}  // namespace tf::cli
