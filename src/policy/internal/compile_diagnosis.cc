// DiagnoseCompileFailure (declared in pack_checks.h): the slow path after a failed compile.
#include "policy/internal/pack_checks.h"

namespace tf::policy::internal {
namespace {

Status CompilesAlone(const std::vector<rego::ModuleInput>& modules,
                     const std::vector<std::string>& queries, const rego::CompileOptions& options) {
  Result<rego::CompiledPolicy> r = rego::CompiledPolicy::Compile(modules, queries, options);
  return r.ok() ? Status() : r.status();
}

}  // namespace

Status DiagnoseCompileFailure(const Pack& pack, const std::vector<rego::ModuleInput>& modules,
                              const Activation& activation,
                              const std::vector<ReasonTemplate>& reasons,
                              const rego::CompileOptions& options, Status cause) {
  // The pack's own modules first: their diagnostics already carry file:line:col.
  Result<rego::CompiledPolicy> alone = rego::CompiledPolicy::Compile(modules, {}, options);
  if (!alone.ok()) return alone.status();
  // Refs to functions or packages fail to compile as queries; say what they name instead.
  TF_RETURN_IF_ERROR(CheckRefs(pack, *alone, activation, {}));
  for (size_t i = 0; i < activation.leaves.size(); ++i) {
    std::vector<rego::ModuleInput> with_leaf = modules;
    with_leaf.push_back({std::string(kActivationModuleName),
                         ActivationModule(activation.leaves, static_cast<int64_t>(i))});
    Status s = CompilesAlone(with_leaf, {}, options);
    if (!s.ok()) {
      const Leaf& leaf = activation.leaves[i];
      return ManifestError(
          pack, ErrorCode::kPackBadPredicate, leaf.pos,
          "predicate \"" + leaf.text + "\" does not compile: " + std::string(s.message()));
    }
  }
  const std::vector<RuleSpec>& rules = pack.manifest.rules;
  for (size_t r = 0; r < rules.size(); ++r) {
    Status s = CompilesAlone(modules, {BooleanRefQuery(rules[r].ref)}, options);
    if (!s.ok()) {
      return ManifestError(
          pack, ErrorCode::kPackUnknownRuleRef, rules[r].ref_pos,
          "ref " + rules[r].ref + " does not compile: " + std::string(s.message()));
    }
    for (const ReasonTemplate::Segment& seg : reasons[r].segments()) {
      if (!seg.is_placeholder) continue;
      s = CompilesAlone(modules, {PlaceholderQuery(seg.text)}, options);
      if (!s.ok()) {
        return ManifestError(
            pack, ErrorCode::kPackManifestInvalid, rules[r].reason_pos,
            "reason placeholder {" + seg.text + "} does not compile: " + std::string(s.message()));
      }
    }
  }
  return cause;
}

}  // namespace tf::policy::internal
