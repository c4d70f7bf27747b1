// File: policy/internal/pack_checks.h
//
// The cross-checks CompiledPack::Compile runs before and after compiling the Rego: inline
// predicates and reason placeholders parse as Rego on their own (so an error points at their
// pack.yaml line, and no text can escape the generated module), rule refs and rule-ref
// predicates name boolean rules, proofs.rego defines property rules, and no module takes the
// reserved package. Also the diagnosis of a failed compile, which recompiles piece by piece to
// say which pack.yaml line is at fault.
#ifndef TF_POLICY_INTERNAL_PACK_CHECKS_H_
#define TF_POLICY_INTERNAL_PACK_CHECKS_H_

#include <string>
#include <vector>

#include "policy/internal/activation.h"
#include "policy/pack.h"
#include "policy/reason_template.h"
#include "rego/compiled_policy.h"

namespace tf::policy::internal {

// "pack.yaml:12:9: message" with the pack's display path.
Status ManifestError(const Pack& pack, ErrorCode code, SourcePos pos, std::string_view message);

Status CheckInlinePredicates(const Pack& pack, const Activation& activation);

// The parsed reason templates of every rule, each placeholder checked to be one Rego term.
Result<std::vector<ReasonTemplate>> ParseReasons(const Pack& pack);

// The query text that evaluates placeholder `text` to the array of its values.
std::string PlaceholderQuery(std::string_view text);
// The query text whose one expression is [<ref>] (a one-element array when defined; this form
// also reports a false value, which a bare ref query would not).
std::string BooleanRefQuery(std::string_view ref);

// "data.<package>.property_<name>" of proofs.rego, sorted; empty without proofs.rego. Fails
// (kPackFileInvalid) when proofs.rego has no property_ rule or one that is not a complete rule.
Result<std::vector<std::string>> FindProperties(const Pack& pack);

// After a successful compile.
Status CheckReservedPackages(const Pack& pack, const rego::CompiledPolicy& policy);
Status CheckRefs(const Pack& pack, const rego::CompiledPolicy& policy, const Activation& activation,
                 const std::vector<std::string>& properties);

// After a failed compile with `cause`: the first module, predicate or placeholder at fault,
// with its position; `cause` when none alone is.
Status DiagnoseCompileFailure(const Pack& pack, const std::vector<rego::ModuleInput>& modules,
                              const Activation& activation,
                              const std::vector<ReasonTemplate>& reasons,
                              const rego::CompileOptions& options, Status cause);

}  // namespace tf::policy::internal

#endif  // TF_POLICY_INTERNAL_PACK_CHECKS_H_
