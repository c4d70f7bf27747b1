#include "policy/internal/activation.h"

#include <algorithm>
#include <map>

namespace tf::policy::internal {
namespace {

class Resolver {
 public:
  explicit Resolver(const Manifest& m) : m_(m) {}

  // Appends the leaves `entry` stands for to `out`.
  void Resolve(const PredicateEntry& entry, std::vector<uint32_t>& out) {
    PredicateKind kind = ClassifyPredicate(entry.text);
    if (kind != PredicateKind::kNamed) {
      out.push_back(LeafIndex(entry, kind));
      return;
    }
    auto it =
        std::lower_bound(m_.predicates.begin(), m_.predicates.end(), entry.text,
                         [](const NamedPredicate& p, const std::string& id) { return p.id < id; });
    // ParseManifest guarantees the name exists and the graph is acyclic.
    for (const PredicateEntry& e : it->all_of)
      Resolve(e, out);
  }

  std::vector<Leaf> TakeLeaves() { return std::move(leaves_); }

 private:
  uint32_t LeafIndex(const PredicateEntry& entry, PredicateKind kind) {
    auto [it, inserted] = index_.emplace(entry.text, static_cast<uint32_t>(leaves_.size()));
    if (inserted) leaves_.push_back({entry.text, kind, entry.pos});
    return it->second;
  }

  const Manifest& m_;
  std::vector<Leaf> leaves_;
  std::map<std::string, uint32_t> index_;
};

}  // namespace

Activation ResolveActivation(const Manifest& manifest) {
  Resolver resolver(manifest);
  Activation out;
  out.rule_leaf_begin.push_back(0);
  for (const RuleSpec& rule : manifest.rules) {
    std::vector<uint32_t> leaves;
    for (const PredicateEntry& e : rule.activation)
      resolver.Resolve(e, leaves);
    std::sort(leaves.begin(), leaves.end());
    leaves.erase(std::unique(leaves.begin(), leaves.end()), leaves.end());
    out.rule_leaves.insert(out.rule_leaves.end(), leaves.begin(), leaves.end());
    out.rule_leaf_begin.push_back(static_cast<uint32_t>(out.rule_leaves.size()));
  }
  out.leaves = resolver.TakeLeaves();
  return out;
}

std::string ActivationModule(const std::vector<Leaf>& leaves, int64_t only) {
  std::string out = "package " + std::string(kActivationPackage) + "\n\n";
  // A never-holding body each, so both sets are defined (empty) whatever the leaves.
  out += "values contains -1 if false\ninvalid contains -1 if false\n";
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (only >= 0 && static_cast<size_t>(only) != i) continue;
    std::string index = std::to_string(i);
    if (leaves[i].kind == PredicateKind::kRuleRef) {
      out += "values contains " + index + " if " + leaves[i].text + " == true\n";
      out += "invalid contains [" + index +
             ", type_name(__tf_v)] if { __tf_v := " + leaves[i].text +
             "; not is_boolean(__tf_v) }\n";
    } else {
      // The newline before '}' ends any comment the query text closes with.
      out += "values contains " + index + " if {\n" + leaves[i].text + "\n}\n";
    }
  }
  return out;
}

}  // namespace tf::policy::internal
