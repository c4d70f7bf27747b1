// File: policy/manifest.h
//
// The manifest of a pack (`pack.yaml`) as data: the pack's id and version, its rules with their
// Rego refs, costs, severities, reason templates and activation predicates, named predicates,
// the optional input schema, and the accepted behaviour changes the proofs gate reads.
// docs/PACKS.md is the reference for the format; `ParseManifest` is its one reader.
//
//   tf::Result<tf::policy::Manifest> m = tf::policy::ParseManifest(yaml_text, "pack.yaml");
//   for (const tf::policy::RuleSpec& r : m->rules) Use(r.id, r.ref, r.cost);
#ifndef TF_POLICY_MANIFEST_H_
#define TF_POLICY_MANIFEST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "policy/graph_limits_spec.h"
#include "policy/input_schema.h"
#include "policy/minimization.h"
#include "policy/source_pos.h"

namespace tf::policy {

// Costs are unsigned and bounded so that a plan's cost_sum over any pack stays an exact JSON
// number (below 2^53) in canonical form.
inline constexpr uint64_t kMaxRuleCost = 1'000'000'000;
inline constexpr size_t kMaxRules = 10'000;

enum class Severity : uint8_t { kInfo = 0, kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4 };

// "info", "low", "medium", "high", "critical".
std::string_view SeverityName(Severity severity);
std::optional<Severity> ParseSeverity(std::string_view name);

// One activation predicate as written: a named predicate (`foreign_supplier`), a ref to a boolean
// Rego rule of the pack (`data.lksg.activation.foreign_supplier`) or an inline Rego query
// (`input.order.value_eur >= 10000`). The text is also the predicate's id in plans.
struct PredicateEntry {
  std::string text;
  SourcePos pos;
};

struct RuleSpec {
  std::string id;
  std::string ref;  // a rule of the pack's modules, e.g. "data.lksg.no_sanctions"
  uint64_t cost = 0;
  Severity severity = Severity::kMedium;
  std::string reason;                      // template, see policy/reason_template.h
  std::vector<PredicateEntry> activation;  // all must hold; empty: always active
  std::string description;                 // optional, for people
  SourcePos pos, ref_pos, reason_pos;
};

// `predicates: {name: entry | [entries]}`: a reusable predicate that holds when all its entries
// hold. Entries may name other named predicates (cycles are refused).
struct NamedPredicate {
  std::string id;
  std::vector<PredicateEntry> all_of;  // `name: entry` is the same as `name: [entry]`
  SourcePos pos;
};

// `accepted_changes`: a decision change between pack versions that was meant, so the proofs
// gate (issue 5) does not flag it.
struct AcceptedChange {
  std::string rule;         // a rule id of this pack
  std::string since;        // the pack version that introduced the change
  std::string description;  // why
  SourcePos pos;
};

struct Manifest {
  std::string file;  // where it was read from, for diagnostics ("…/lksg.v1/pack.yaml")
  std::string id;    // e.g. "lksg.v1"
  std::string version;
  std::string description;
  std::vector<RuleSpec> rules;             // as written
  std::vector<NamedPredicate> predicates;  // sorted by id
  std::optional<InputSchema> input_schema;
  std::vector<AcceptedChange> accepted_changes;
  std::vector<ViewSpec> views;  // sorted by id
  GraphLimits limits;
  SourcePos input_schema_pos;
};

// Parses and validates pack.yaml: YAML syntax, shapes and types, required and unknown fields,
// id formats, duplicate ids and keys, costs, severities, reason templates, the input schema's
// subset, named-predicate cycles and references. Errors name `file:line:col`. Checks that need
// the Rego modules (refs, inline predicates) happen when the pack is compiled.
Result<Manifest> ParseManifest(std::string_view yaml_text, std::string file);

// The manifest in canonical form, the input of the pack hash: independent of YAML layout,
// comments, key order and rule order (rules sorted by id). See docs/PACKS.md.
Value ManifestToValue(const Manifest& manifest);

// Pack ids ("lksg.v1"): lower-case letters, digits, '.', '_' and '-', starting with a letter or
// digit, at most 64 bytes. Safe as a directory name and in URLs.
bool IsValidPackId(std::string_view id);
// Rule and predicate ids: a letter or '_' then letters, digits, '_', '.' or '-', at most 128
// bytes.
bool IsValidRuleId(std::string_view id);

}  // namespace tf::policy

#endif  // TF_POLICY_MANIFEST_H_
