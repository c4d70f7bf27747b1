#include "policy/internal/rule_lookup.h"

#include <algorithm>
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

// The head's path up to its first computed key (package, name and static string keys), and
// whether the whole head is static.
std::vector<std::string> StaticPrefix(const rego::Module& m, const rego::Rule& r, bool* whole) {
  std::vector<std::string> path = m.package;
  *whole = true;
  for (size_t i = 0; i < r.head.ref.size(); ++i) {
    const rego::Term& t = r.head.ref[i];
    if (i == 0 && t.IsVar()) {
      path.push_back(t.name);
    } else if (t.IsScalar() && t.value.is_string()) {
      path.push_back(t.value.string());
    } else {
      *whole = false;
      break;
    }
  }
  return path;
}

// The full path of a rule's head (package + name + static key parts), or empty when the head
// has non-string parts.
std::vector<std::string> RulePath(const rego::Module& m, const rego::Rule& r) {
  bool whole = false;
  std::vector<std::string> path = StaticPrefix(m, r, &whole);
  return whole ? path : std::vector<std::string>();
}

// A definition whose written value is a non-boolean literal, e.g. `p := "yes"`.
bool HasNonBooleanLiteral(const rego::Rule& r) {
  if (r.head.has_value && r.head.value.IsScalar() && !r.head.value.value.is_bool()) return true;
  for (const rego::Rule& e : r.else_chain) {
    if (HasNonBooleanLiteral(e)) return true;
  }
  return false;
}

bool IsPrefix(const std::vector<std::string>& prefix, const std::vector<std::string>& path) {
  return prefix.size() <= path.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

// A definition (and each of its else branches) whose value is a boolean literal or implicit.
bool HasOnlyBooleanLiterals(const rego::Rule& r) {
  if (r.head.has_value && !(r.head.value.IsScalar() && r.head.value.value.is_bool())) return false;
  for (const rego::Rule& e : r.else_chain) {
    if (!HasOnlyBooleanLiterals(e)) return false;
  }
  return true;
}

// Whether base data holds anything at `path`, or a non-object at one of its prefixes (which
// the interpreter would merge with, or conflict with, the rule's value).
bool DataReaches(const Value& data, const std::vector<std::string>& path) {
  const Value* at = &data;
  for (const std::string& part : path) {
    if (!at->is_object()) return true;
    at = at->Find(std::string_view(part));
    if (at == nullptr) return false;
  }
  return true;
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

// The IR node `path` names, if any.
const rego::ir::Node* FindNode(const rego::ir::Program& program,
                               const std::vector<std::string>& path) {
  rego::ir::NodeId node = 0;
  for (const std::string& part : path) {
    auto it = program.nodes[node].children.find(part);
    if (it == program.nodes[node].children.end()) return nullptr;
    node = it->second;
  }
  return &program.nodes[node];
}

}  // namespace

bool IsBooleanByDefinition(const rego::CompiledPolicy& policy, const Value& data,
                           std::string_view ref) {
  std::vector<std::string> path = SplitRef(ref);
  const rego::ir::Node* n = FindNode(policy.program(), path);
  if (n == nullptr || n->is_function || n->complete == rego::ir::kNone ||
      n->partial_set != rego::ir::kNone || n->object != rego::ir::kNone || !n->children.empty()) {
    return false;
  }
  if (DataReaches(data, path)) return false;
  for (const rego::Module& m : policy.modules()) {
    for (const rego::Rule& r : m.rules) {
      bool whole = false;
      std::vector<std::string> prefix = StaticPrefix(m, r, &whole);
      if (!IsPrefix(prefix, path)) continue;
      // A rule at a prefix, or with a computed key that may land on the path, adds to it.
      if (!whole || prefix.size() != path.size()) return false;
      if (r.kind != rego::RuleKind::kComplete || !HasOnlyBooleanLiterals(r)) return false;
    }
  }
  return true;
}

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
