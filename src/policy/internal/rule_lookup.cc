#include "policy/internal/rule_lookup.h"

#include <vector>

#include "rego/ast.h"
#include "rego/ir.h"

namespace tf::policy::internal {
namespace {

std::vector<std::string> SplitRef(std::string_view ref) {
  std::vector<std::string> parts;
  size_t start = ref.find('.') + 1;  // skip "data"
  while (true) {
    size_t dot = ref.find('.', start);
    parts.emplace_back(ref.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

// The full path of a rule's head (package + name + static key parts), or empty when the head
// has non-string parts.
std::vector<std::string> RulePath(const rego::Module& m, const rego::Rule& r) {
  std::vector<std::string> path = m.package;
  for (size_t i = 0; i < r.head.ref.size(); ++i) {
    const rego::Term& t = r.head.ref[i];
    if (i == 0 && t.IsVar()) {
      path.push_back(t.name);
    } else if (t.IsScalar() && t.value.is_string()) {
      path.push_back(t.value.string());
    } else {
      return {};
    }
  }
  return path;
}

// A definition whose written value is a non-boolean literal, e.g. `p := "yes"`.
bool HasNonBooleanLiteral(const rego::Rule& r) {
  if (r.head.has_value && r.head.value.IsScalar() && !r.head.value.value.is_bool()) return true;
  for (const rego::Rule& e : r.else_chain) {
    if (HasNonBooleanLiteral(e)) return true;
  }
  return false;
}

RefLookup FindNonBoolean(const rego::CompiledPolicy& policy, const std::vector<std::string>& path) {
  for (const rego::Module& m : policy.modules()) {
    for (const rego::Rule& r : m.rules) {
      if (r.kind != rego::RuleKind::kComplete || RulePath(m, r) != path) continue;
      if (!HasNonBooleanLiteral(r)) continue;
      std::string where = r.loc.source ? r.loc.source->name : "?";
      return {RefTarget::kNonBoolean, where + ":" + std::to_string(r.loc.line)};
    }
  }
  return {RefTarget::kBooleanRule, ""};
}

}  // namespace

RefLookup LookUpRuleRef(const rego::CompiledPolicy& policy, std::string_view ref) {
  const rego::ir::Program& program = policy.program();
  std::vector<std::string> path = SplitRef(ref);
  rego::ir::NodeId node = 0;
  for (const std::string& part : path) {
    const rego::ir::Node& n = program.nodes[node];
    auto it = n.children.find(part);
    if (it == n.children.end()) return {RefTarget::kMissing, ""};
    node = it->second;
  }
  const rego::ir::Node& n = program.nodes[node];
  if (n.is_function) return {RefTarget::kFunction, ""};
  if (n.partial_set != rego::ir::kNone || n.object != rego::ir::kNone) {
    return {RefTarget::kPartialRule, ""};
  }
  if (n.complete == rego::ir::kNone) {
    return {n.has_rules ? RefTarget::kPackage : RefTarget::kMissing, ""};
  }
  return FindNonBoolean(policy, path);
}

std::string DescribeRefTarget(const RefLookup& lookup) {
  switch (lookup.target) {
    case RefTarget::kBooleanRule:
      return "is a boolean rule";
    case RefTarget::kMissing:
      return "is not a rule of the pack's modules";
    case RefTarget::kPartialRule:
      return "is a partial (contains or object) rule, not a boolean rule";
    case RefTarget::kFunction:
      return "is a function, not a boolean rule";
    case RefTarget::kPackage:
      return "is a package, not a rule";
    case RefTarget::kNonBoolean:
      return "is not boolean (a non-boolean value at " + lookup.detail + ")";
    default:
      return "is not a boolean rule";
  }
}

}  // namespace tf::policy::internal
