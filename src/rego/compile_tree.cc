// Stage 1: name tables and the rule tree.
#include "rego/internal/compiler_impl.h"

namespace tf::rego::internal {
namespace {

std::string PathText(const std::vector<std::string>& path) {
  std::string out = "data";
  for (const std::string& p : path)
    out += "." + p;
  return out;
}

bool IsStaticKey(const Term& t) {
  return t.IsScalar() && t.value.is_string();
}

}  // namespace

bool IsWildcard(const std::string& name) {
  return name.rfind("$_", 0) == 0;
}

CompilerImpl::CompilerImpl(const std::vector<Module>& modules, const BuiltinRegistry& builtins,
                           ir::Program& program)
    : modules_(modules), builtins_(builtins), program_(program) {
  program_.nodes.emplace_back();  // the data root
  node_rules_.emplace_back();
}

void CompilerImpl::Error(ErrorCode code, const Location& loc, std::string message) {
  diagnostics_.push_back({code, std::move(message), loc});
}

bool CompilerImpl::BuildNames() {
  std::map<std::vector<std::string>, std::set<std::string>> package_rules;
  for (const Module& m : modules_) {
    for (const Rule& r : m.rules)
      package_rules[m.package].insert(r.head.ref[0].name);
  }
  names_.reserve(modules_.size());
  for (const Module& m : modules_) {
    ModuleNames n;
    n.module = &m;
    n.package = m.package;
    n.rule_names = package_rules[m.package];
    for (const Import& imp : m.imports) {
      const std::string& root = imp.path.args[0].name;
      if (root == "future" || root == "rego") continue;  // keyword imports: v1 has them all
      std::vector<std::string> path;
      for (size_t i = 1; i < imp.path.args.size(); ++i)
        path.push_back(imp.path.args[i].value.string());
      std::string alias = imp.alias;
      if (alias.empty()) alias = path.empty() ? root : path.back();
      if (n.data_aliases.count(alias) || n.input_aliases.count(alias)) {
        Error(ErrorCode::kRegoCompileError, imp.loc, "import must not shadow import " + alias);
        continue;
      }
      if (root == "data") {
        n.data_aliases[alias] = path;
      } else {
        n.input_aliases[alias] = path;
      }
    }
    names_.push_back(std::move(n));
  }
  return !failed();
}

ir::NodeId CompilerImpl::EnsureNode(const std::vector<std::string>& path) {
  ir::NodeId id = 0;
  program_.nodes[0].has_rules = true;
  for (size_t i = 0; i < path.size(); ++i) {
    auto it = program_.nodes[id].children.find(path[i]);
    if (it == program_.nodes[id].children.end()) {
      ir::NodeId child = static_cast<ir::NodeId>(program_.nodes.size());
      ir::Node node;
      node.path.assign(path.begin(), path.begin() + static_cast<long>(i) + 1);
      program_.nodes.push_back(std::move(node));
      node_rules_.emplace_back();
      program_.nodes[id].children.emplace(path[i], child);
      id = child;
    } else {
      id = it->second;
    }
    program_.nodes[id].has_rules = true;
  }
  return id;
}

bool CompilerImpl::PlaceRules() {
  for (size_t mi = 0; mi < modules_.size(); ++mi) {
    const Module& m = modules_[mi];
    // A package is a document even without rules: data.<package> is at least {}.
    EnsureNode(m.package);
    for (const Rule& r : m.rules) {
      std::vector<std::string> path = m.package;
      path.push_back(r.head.ref[0].name);
      size_t i = 1;
      for (; i < r.head.ref.size() && IsStaticKey(r.head.ref[i]); ++i) {
        path.push_back(r.head.ref[i].value.string());
      }
      PlacedRule pr{&r, &names_[mi], {}};
      for (size_t k = i; k < r.head.ref.size(); ++k)
        pr.dynamic_key.push_back(&r.head.ref[k]);
      if (!pr.dynamic_key.empty() && r.kind == RuleKind::kFunction) {
        Error(ErrorCode::kRegoCompileError, r.loc, "function name must be a static ref");
        continue;
      }
      ir::NodeId node = EnsureNode(path);
      NodeRules& nr = node_rules_[node];
      switch (r.kind) {
        case RuleKind::kComplete:
          (r.is_default ? nr.defaults : nr.complete).push_back(pr);
          break;
        case RuleKind::kPartialSet:
          // `p[q].r contains x`: a variable in the head makes it an object of sets.
          (pr.dynamic_key.empty() ? nr.partial_set : nr.object).push_back(pr);
          break;
        case RuleKind::kPartialObject:
          if (r.is_default) {
            Error(ErrorCode::kRegoCompileError, r.loc,
                  "default rules cannot have variables in their head ref");
            continue;
          }
          nr.object.push_back(pr);
          break;
        case RuleKind::kFunction:
          program_.nodes[node].is_function = true;
          (r.is_default ? nr.defaults : nr.functions).push_back(pr);
          break;
      }
    }
  }
  return !failed() && CheckNodeKinds();
}

// OPA refuses to mix kinds of rules for one document (rego_type_error "conflicting rules").
bool CompilerImpl::CheckNodeKinds() {
  for (size_t id = 0; id < program_.nodes.size(); ++id) {
    const NodeRules& nr = node_rules_[id];
    const ir::Node& node = program_.nodes[id];
    std::string name = PathText(node.path);
    bool doc = !nr.complete.empty() || !nr.partial_set.empty() || !nr.object.empty();
    const Rule* first = !nr.complete.empty()      ? nr.complete[0].rule
                        : !nr.partial_set.empty() ? nr.partial_set[0].rule
                        : !nr.object.empty()      ? nr.object[0].rule
                        : !nr.functions.empty()   ? nr.functions[0].rule
                        : !nr.defaults.empty()    ? nr.defaults[0].rule
                                                  : nullptr;
    if (first == nullptr) continue;
    if (!nr.functions.empty() && (doc || !node.children.empty())) {
      Error(ErrorCode::kRegoTypeError, first->loc, "conflicting rules " + name + " found");
    } else if (!nr.complete.empty() && !nr.partial_set.empty()) {
      Error(ErrorCode::kRegoTypeError, first->loc, "conflicting rules " + name + " found");
    } else if (!nr.partial_set.empty() && !node.children.empty()) {
      Error(ErrorCode::kRegoTypeError, first->loc, "conflicting rules " + name + " found");
    }
    if (nr.defaults.size() > 1) {
      Error(ErrorCode::kRegoTypeError, nr.defaults[1].rule->loc,
            "multiple default rules " + name + " found");
    }
    if (!nr.defaults.empty() && !nr.partial_set.empty()) {
      Error(ErrorCode::kRegoTypeError, nr.defaults[0].rule->loc,
            "conflicting rules " + name + " found");
    }
    size_t arity = nr.functions.empty() ? 0 : nr.functions[0].rule->head.args.size();
    for (const PlacedRule& f : nr.functions) {
      if (f.rule->head.args.size() != arity) {
        Error(ErrorCode::kRegoTypeError, f.rule->loc,
              "conflicting rules " + name + " found: functions must have the same arity");
        break;
      }
    }
    for (const PlacedRule& d : nr.defaults) {
      bool is_function_default = !d.rule->head.args.empty();
      if (is_function_default && d.rule->head.args.size() != arity && !nr.functions.empty()) {
        Error(ErrorCode::kRegoTypeError, d.rule->loc, "conflicting rules " + name + " found");
      }
    }
  }
  return !failed();
}

}  // namespace tf::rego::internal
