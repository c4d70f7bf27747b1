#include "policy/internal/pack_checks.h"

#include <algorithm>

#include "policy/internal/rule_lookup.h"
#include "rego/ast.h"
#include "rego/parser.h"

namespace tf::policy::internal {
namespace {

constexpr std::string_view kPropertyPrefix = "property_";

// Parses `text` as a Rego query on its own; the status names `what` in its source.
Result<rego::Body> ParseAlone(std::string_view text, std::string what) {
  rego::Source source{std::move(what), std::string(text)};
  return rego::ParseQuery(source);
}

bool IsSingleTerm(const rego::Body& body) {
  return body.size() == 1 && body[0].kind == rego::ExprKind::kTerm && !body[0].negated &&
         body[0].with.empty();
}

}  // namespace

Status ManifestError(const Pack& pack, ErrorCode code, SourcePos pos, std::string_view message) {
  std::string where = pack.manifest.file;
  if (pos.line > 0) where += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col);
  return Status(code, where + ": " + std::string(message));
}

Status CheckInlinePredicates(const Pack& pack, const Activation& activation) {
  for (const Leaf& leaf : activation.leaves) {
    if (leaf.kind != PredicateKind::kExpression) continue;
    Result<rego::Body> body = ParseAlone(leaf.text, "predicate");
    if (!body.ok()) {
      return ManifestError(pack, ErrorCode::kPackBadPredicate, leaf.pos,
                           "predicate \"" + leaf.text +
                               "\" is not a Rego query: " + std::string(body.status().message()));
    }
  }
  return Status();
}

Result<std::vector<ReasonTemplate>> ParseReasons(const Pack& pack) {
  std::vector<ReasonTemplate> out;
  for (const RuleSpec& rule : pack.manifest.rules) {
    Result<ReasonTemplate> t = ReasonTemplate::Parse(rule.reason);
    if (!t.ok())
      return ManifestError(pack, ErrorCode::kPackManifestInvalid, rule.reason_pos,
                           t.status().message());
    for (const ReasonTemplate::Segment& s : t->segments()) {
      if (!s.is_placeholder) continue;
      Result<rego::Body> body = ParseAlone(s.text, "placeholder");
      if (!body.ok() || !IsSingleTerm(*body)) {
        std::string why =
            body.ok() ? "is not a single Rego term" : std::string(body.status().message());
        return ManifestError(pack, ErrorCode::kPackManifestInvalid, rule.reason_pos,
                             "reason placeholder {" + s.text + "}: " + why);
      }
    }
    out.push_back(std::move(*t));
  }
  return out;
}

std::string PlaceholderQuery(std::string_view text) {
  return "[__tf_v | __tf_v := (" + std::string(text) + ")]";
}

std::string BooleanRefQuery(std::string_view ref) {
  return "[" + std::string(ref) + "]";
}

Result<std::vector<std::string>> FindProperties(const Pack& pack) {
  auto file = pack.files.find("proofs.rego");
  if (file == pack.files.end()) return std::vector<std::string>{};
  rego::Source source{pack.DisplayPath("proofs.rego"), file->second};
  TF_ASSIGN_OR_RETURN(rego::Module module, rego::ParseModule(source));
  std::string package = "data";
  for (const std::string& part : module.package)
    package += "." + part;
  std::vector<std::string> out;
  for (const rego::Rule& rule : module.rules) {
    const rego::Term& name = rule.head.ref[0];
    if (!name.IsVar() || name.name.rfind(kPropertyPrefix, 0) != 0) continue;
    if (rule.kind != rego::RuleKind::kComplete || rule.head.ref.size() != 1) {
      return Status(ErrorCode::kPackFileInvalid,
                    source.name + ":" + std::to_string(rule.loc.line) + ": " + name.name +
                        " must be a complete boolean rule (property_x if { … })");
    }
    out.push_back(package + "." + name.name);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.empty()) {
    return Status(ErrorCode::kPackFileInvalid, source.name + ": defines no property_ rules");
  }
  return out;
}

Status CheckReservedPackages(const Pack& pack, const rego::CompiledPolicy& policy) {
  for (const rego::Module& m : policy.modules()) {
    if (m.source != nullptr && m.source->name == kActivationModuleName) continue;
    if (!m.package.empty() && m.package[0].rfind(kReservedPackagePrefix, 0) == 0) {
      std::string name = m.source ? m.source->name : "?";
      return Status(ErrorCode::kPackFileInvalid,
                    name + ": package " + m.package[0] + " is reserved (prefix __tf)");
    }
  }
  return Status();
}

Status CheckRefs(const Pack& pack, const rego::CompiledPolicy& policy, const Activation& activation,
                 const std::vector<std::string>& properties) {
  for (const RuleSpec& rule : pack.manifest.rules) {
    RefLookup found = LookUpRuleRef(policy, rule.ref);
    if (found.target != RefTarget::kBooleanRule) {
      return ManifestError(
          pack, ErrorCode::kPackUnknownRuleRef, rule.ref_pos,
          "rule \"" + rule.id + "\": ref " + rule.ref + " " + DescribeRefTarget(found));
    }
  }
  for (const Leaf& leaf : activation.leaves) {
    if (leaf.kind != PredicateKind::kRuleRef) continue;
    RefLookup found = LookUpRuleRef(policy, leaf.text);
    if (found.target != RefTarget::kBooleanRule) {
      return ManifestError(pack, ErrorCode::kPackBadPredicate, leaf.pos,
                           "predicate " + leaf.text + " " + DescribeRefTarget(found));
    }
  }
  for (const std::string& property : properties) {
    RefLookup found = LookUpRuleRef(policy, property);
    if (found.target != RefTarget::kBooleanRule) {
      return Status(ErrorCode::kPackFileInvalid, pack.DisplayPath("proofs.rego") + ": " + property +
                                                     " " + DescribeRefTarget(found));
    }
  }
  return Status();
}

}  // namespace tf::policy::internal
