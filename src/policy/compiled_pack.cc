#include "policy/compiled_pack.h"

#include <algorithm>

#include "policy/graph_builtins.h"
#include "policy/internal/pack_checks.h"
#include "policy/internal/pack_program.h"
#include "policy/internal/rule_lookup.h"
#include "policy/pack_session.h"

namespace tf::policy {
namespace {

using internal::Activation;

// Every module of the pack: rules, tests and proofs are compiled together, so a pack whose
// tests or properties do not compile is refused like one whose rules do not.
std::vector<rego::ModuleInput> CollectModules(const Pack& pack) {
  std::vector<rego::ModuleInput> modules;
  for (const auto& [path, bytes] : pack.files) {
    Result<PackFileKind> kind = ClassifyPackFile(path);
    if (kind.ok() && (*kind == PackFileKind::kModule || *kind == PackFileKind::kTestModule ||
                      *kind == PackFileKind::kProofs)) {
      modules.push_back({pack.DisplayPath(path), bytes});
    }
  }
  return modules;
}

// Appends the queries of the pack to `texts` and returns where each one is.
internal::PackQueries LayOutQueries(const Pack& pack, const Activation& activation,
                                    std::vector<ReasonTemplate> reasons,
                                    const std::vector<std::string>& properties,
                                    std::vector<std::string>& texts) {
  auto add = [&texts](std::string text) {
    texts.push_back(std::move(text));
    return static_cast<uint32_t>(texts.size() - 1);
  };
  internal::PackQueries q;
  q.activation = add(std::string(internal::kActivationQuery));
  q.activation_values = add(std::string(internal::kActivationValuesQuery));
  // Each predicate on its own too, to name the one that fails when the combined query does.
  for (const internal::Leaf& leaf : activation.leaves) {
    q.leaves.push_back(add(
        leaf.kind == PredicateKind::kRuleRef ? internal::BooleanRefQuery(leaf.text) : leaf.text));
  }
  for (size_t r = 0; r < pack.manifest.rules.size(); ++r) {
    internal::RuleQueries rule;
    rule.verdict = add(internal::BooleanRefQuery(pack.manifest.rules[r].ref));
    for (const ReasonTemplate::Segment& s : reasons[r].segments()) {
      if (s.is_placeholder) rule.placeholders.push_back(add(internal::PlaceholderQuery(s.text)));
    }
    rule.reason = std::move(reasons[r]);
    q.rules.push_back(std::move(rule));
  }
  for (const std::string& property : properties) {
    q.properties.push_back(add(internal::BooleanRefQuery(property)));
  }
  return q;
}

// Whether the activation query can leave out the check that rule-ref predicates are boolean.
bool AllRuleRefsBoolean(const Pack& pack, const rego::CompiledPolicy& policy,
                        const Activation& activation) {
  return std::all_of(activation.leaves.begin(), activation.leaves.end(),
                     [&](const internal::Leaf& leaf) {
                       return leaf.kind != PredicateKind::kRuleRef ||
                              internal::IsBooleanByDefinition(policy, pack.data, leaf.text);
                     });
}

}  // namespace

CompiledPack::CompiledPack(Pack pack, std::unique_ptr<internal::PackProgram> program)
    : pack_(std::move(pack)), program_(std::move(program)) {
  for (size_t i = 0; i < pack_.manifest.rules.size(); ++i) {
    rule_ids_.emplace_back(pack_.manifest.rules[i].id, static_cast<uint32_t>(i));
    rule_costs_.push_back(pack_.manifest.rules[i].cost);
  }
  std::sort(rule_ids_.begin(), rule_ids_.end());
  const size_t n = num_rules();
  size_t width = 0;
  for (size_t r = 0; r < n; ++r)
    width = std::max(width, rule_predicates(r).size());
  if (width > 0 && width <= kMaxPaddedPredicates) {
    predicate_width_ = width;
    padded_predicates_.reserve(n * width);
    for (size_t r = 0; r < n; ++r) {
      std::span<const uint32_t> own = rule_predicates(r);
      rules_without_predicates_.push_back(own.empty() ? 1 : 0);
      for (size_t k = 0; k < width; ++k)
        padded_predicates_.push_back(own.empty() ? 0 : own[std::min(k, own.size() - 1)]);
    }
  }
}

CompiledPack::~CompiledPack() = default;

Result<std::unique_ptr<CompiledPack>> CompiledPack::Compile(Pack pack,
                                                            const PackCompileOptions& options) {
  Activation activation = internal::ResolveActivation(pack.manifest);
  TF_RETURN_IF_ERROR(internal::CheckInlinePredicates(pack, activation));
  TF_ASSIGN_OR_RETURN(std::vector<ReasonTemplate> reasons, internal::ParseReasons(pack));
  TF_ASSIGN_OR_RETURN(std::vector<std::string> properties, internal::FindProperties(pack));

  std::vector<rego::ModuleInput> modules = CollectModules(pack);
  std::vector<rego::ModuleInput> all = modules;
  all.push_back({std::string(internal::kActivationModuleName),
                 internal::ActivationModule(activation.leaves)});
  std::vector<std::string> texts;
  internal::PackQueries queries = LayOutQueries(pack, activation, reasons, properties, texts);

  rego::CompileOptions compile_options;
  compile_options.builtins = options.builtins != nullptr ? options.builtins : &GraphAwareBuiltins();
  Result<rego::CompiledPolicy> policy = rego::CompiledPolicy::Compile(all, texts, compile_options);
  if (!policy.ok()) {
    return internal::DiagnoseCompileFailure(pack, modules, activation, reasons, compile_options,
                                            policy.status());
  }
  TF_RETURN_IF_ERROR(internal::CheckReservedPackages(pack, *policy));
  TF_RETURN_IF_ERROR(internal::CheckRefs(pack, *policy, activation, properties));
  if (AllRuleRefsBoolean(pack, *policy, activation)) queries.activation = queries.activation_values;
  TF_ASSIGN_OR_RETURN(internal::PlanFragments fragments,
                      internal::MakePlanFragments(pack.manifest, pack.hash));
  auto program = std::make_unique<internal::PackProgram>(std::move(*policy), std::move(activation),
                                                         std::move(queries), std::move(properties),
                                                         std::move(fragments));
  std::unique_ptr<CompiledPack> compiled(new CompiledPack(std::move(pack), std::move(program)));
  compiled->graph_builtin_ = FirstGraphBuiltin(compiled->policy().program());
  return compiled;
}

std::optional<size_t> CompiledPack::FindRule(std::string_view id) const {
  auto it =
      std::lower_bound(rule_ids_.begin(), rule_ids_.end(), id,
                       [](const auto& entry, std::string_view key) { return entry.first < key; });
  if (it == rule_ids_.end() || it->first != id) return std::nullopt;
  return it->second;
}

size_t CompiledPack::num_predicates() const {
  return program_->activation.leaves.size();
}

std::string_view CompiledPack::predicate(size_t i) const {
  return program_->activation.leaves[i].text;
}

std::span<const uint32_t> CompiledPack::rule_predicates(size_t rule) const {
  return program_->activation.LeavesOf(rule);
}

const std::vector<std::string>& CompiledPack::properties() const {
  return program_->properties;
}

const rego::CompiledPolicy& CompiledPack::policy() const {
  return *program_->policy;
}

PackSession CompiledPack::OpenSession(const SessionOptions& options) const {
  return PackSession(*this, options);
}

}  // namespace tf::policy
