// File: policy/compiled_pack.h
//
// A pack compiled once per version: its Rego modules, the queries for its rules, predicates,
// reason placeholders and properties, all validated against each other (every rule ref names a
// boolean rule, every inline predicate compiles, …). Immutable and thread-safe: the server keeps
// one per pack hash and calls it from every request thread; each request opens a PackSession
// (policy/pack_session.h), or goes through the Orchestrator (policy/orchestrator.h).
//
//   TF_ASSIGN_OR_RETURN(tf::policy::Pack pack, tf::policy::LoadPackFromFiles(std::move(files)));
//   TF_ASSIGN_OR_RETURN(std::unique_ptr<tf::policy::CompiledPack> compiled,
//                       tf::policy::CompiledPack::Compile(std::move(pack)));
//   std::shared_ptr<const tf::policy::CompiledPack> cached = std::move(compiled);
#ifndef TF_POLICY_COMPILED_PACK_H_
#define TF_POLICY_COMPILED_PACK_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/pack.h"
#include "rego/builtin.h"
#include "rego/compiled_policy.h"

namespace tf::policy {

namespace internal {
struct PackProgram;
}
class PackSession;
class Planner;

struct PackCompileOptions {
  // null: policy::GraphAwareBuiltins(), rego's default builtins plus graph.*
  const rego::BuiltinRegistry* builtins = nullptr;
};

// Per-request evaluation settings.
struct SessionOptions {
  // time.now_ns() for every query of the session: one reading of the caller's clock per
  // request, so all rules of a decision see the same "now".
  int64_t now_ns = 0;
  // Budget per query (statements; 0 = unlimited) and cooperative cancellation; either ends the
  // query with eval_cancel_error, which fails closed.
  uint64_t max_steps = 0;
  const std::atomic<bool>* cancel = nullptr;
  // Services for host builtins: a policy::GraphBuiltinHost for graph.* calls. Without one,
  // graph.* calls are builtin errors (the rule fails closed).
  const rego::BuiltinHost* host = nullptr;
};

class CompiledPack {
 public:
  // Compiles and cross-checks the pack. Errors: rego_parse_error / rego_compile_error … with
  // file:line:col for the modules; kPackUnknownRuleRef, kPackBadPredicate (with pack.yaml
  // line:col) for refs and predicates; kPackManifestInvalid for reason placeholders;
  // kPackFileInvalid for proofs.rego or a module in the reserved package __tf*.
  static Result<std::unique_ptr<CompiledPack>> Compile(Pack pack,
                                                       const PackCompileOptions& options = {});

  ~CompiledPack();
  CompiledPack(const CompiledPack&) = delete;
  CompiledPack& operator=(const CompiledPack&) = delete;

  const Pack& pack() const { return pack_; }
  const Manifest& manifest() const { return pack_.manifest; }
  const std::string& id() const { return pack_.manifest.id; }
  const std::string& hash() const { return pack_.hash; }

  size_t num_rules() const { return pack_.manifest.rules.size(); }
  const RuleSpec& rule(size_t i) const { return pack_.manifest.rules[i]; }
  std::optional<size_t> FindRule(std::string_view id) const;
  // Every rule's manifest cost by index, in one array (selectors read all of them per request).
  std::span<const uint64_t> rule_costs() const { return rule_costs_; }

  // The distinct predicates the activation entries resolve to (named predicates expanded), in
  // first-use order; a rule is active when all of rule_predicates(rule) hold.
  size_t num_predicates() const;
  std::string_view predicate(size_t i) const;
  std::span<const uint32_t> rule_predicates(size_t rule) const;
  // The same laid out for checking every rule with no branch per predicate (a loop that ends
  // after a rule's 0 to 3 predicates mispredicts at random): rule r's at
  // [r * predicate_width(), (r + 1) * predicate_width()), a rule with fewer repeating its first,
  // one with none holding index 0 and marked in rules_without_predicates(). Empty (width 0)
  // when the pack has no predicates or a rule has more than kMaxPaddedPredicates.
  static constexpr size_t kMaxPaddedPredicates = 8;
  size_t predicate_width() const { return predicate_width_; }
  std::span<const uint32_t> padded_predicates() const { return padded_predicates_; }
  std::span<const uint8_t> rules_without_predicates() const { return rules_without_predicates_; }

  // The property rules of proofs.rego ("data.<package>.property_<name>"), sorted; empty
  // without proofs.rego.
  const std::vector<std::string>& properties() const;

  // The first graph.* builtin the pack's Rego calls ("graph.degree"), or "" when it calls none:
  // such a pack needs a graph to decide.
  std::string_view graph_builtin() const { return graph_builtin_; }

  // The compiled modules (pack modules, tests, proofs and the generated activation module).
  const rego::CompiledPolicy& policy() const;

  // A session for one request (or one thread). Thread-safe; cheap (reuses idle evaluators).
  PackSession OpenSession(const SessionOptions& options = {}) const;

 private:
  friend class PackSession;
  friend class Planner;
  CompiledPack(Pack pack, std::unique_ptr<internal::PackProgram> program);

  Pack pack_;
  std::unique_ptr<internal::PackProgram> program_;
  std::vector<std::pair<std::string_view, uint32_t>> rule_ids_;  // sorted, for FindRule
  std::vector<uint64_t> rule_costs_;
  size_t predicate_width_ = 0;
  std::vector<uint32_t> padded_predicates_;
  std::vector<uint8_t> rules_without_predicates_;
  std::string_view graph_builtin_;  // a BuiltinDecl's name: static text
};

}  // namespace tf::policy

#endif  // TF_POLICY_COMPILED_PACK_H_
