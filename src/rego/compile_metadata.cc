// rego.metadata.rule() and rego.metadata.chain(): the METADATA annotations that apply to the rule
// being compiled, as constants (they never change at run time).
#include "rego/internal/compiler_impl.h"

namespace tf::rego::internal {
namespace {

Value PathValue(const std::vector<std::string>& path) {
  std::vector<Value> parts;
  for (const std::string& p : path)
    parts.push_back(Value::String(p));
  return Value::Array(std::move(parts));
}

bool HasScope(const Value& annotations, std::string_view scope) {
  const Value* s = annotations.Find("scope");
  return s != nullptr && s->is_string() && s->string() == scope;
}

Value Entry(const std::vector<std::string>& path, const Value& annotations) {
  std::vector<ObjectEntry> e = {{Value::String("path"), PathValue(path)}};
  if (!annotations.is_null()) e.emplace_back(Value::String("annotations"), annotations);
  return Value::Object(std::move(e));
}

}  // namespace

Value CompilerImpl::MetadataRule() const {
  if (current_rule_ == nullptr || current_rule_->rule->annotations.is_null()) {
    return Value::EmptyObject();
  }
  return current_rule_->rule->annotations;
}

// The rule's own entry first, then the document's, the package's, and the `subpackages`
// annotations of the package and its ancestors, nearest first.
Value CompilerImpl::MetadataChain() const {
  if (current_rule_ == nullptr || current_node_ == ir::kNone) return Value::EmptyArray();
  const std::vector<std::string>& path = program_.nodes[current_node_].path;
  std::vector<Value> chain;
  const Value& own = current_rule_->rule->annotations;
  chain.push_back(Entry(path, HasScope(own, "rule") ? own : Value()));
  const NodeRules& nr = node_rules_[current_node_];
  for (const auto* group :
       {&nr.complete, &nr.defaults, &nr.partial_set, &nr.object, &nr.functions}) {
    for (const PlacedRule& pr : *group) {
      if (HasScope(pr.rule->annotations, "document")) {
        chain.push_back(Entry(path, pr.rule->annotations));
      }
    }
  }
  const std::vector<std::string>& package = current_rule_->names->package;
  for (const Module& m : modules_) {
    if (m.package == package && HasScope(m.package_annotations, "package")) {
      chain.push_back(Entry(package, m.package_annotations));
    }
  }
  for (size_t len = package.size() + 1; len-- > 0;) {
    std::vector<std::string> prefix(package.begin(), package.begin() + static_cast<long>(len));
    for (const Module& m : modules_) {
      if (m.package == prefix && HasScope(m.package_annotations, "subpackages")) {
        chain.push_back(Entry(prefix, m.package_annotations));
      }
    }
  }
  return Value::Array(std::move(chain));
}

}  // namespace tf::rego::internal
