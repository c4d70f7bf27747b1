// ParseManifest: pack.yaml from YAML to a validated Manifest.
#include <algorithm>
#include <map>

#include "policy/internal/yaml_source.h"
#include "policy/manifest.h"
#include "policy/predicate_kind.h"
#include "policy/reason_template.h"

namespace tf::policy {
namespace {

using internal::Cursor;
using internal::YamlSource;

constexpr size_t kMaxVersionBytes = 64;

std::string LineOf(SourcePos pos) {
  return "line " + std::to_string(pos.line);
}

class ManifestParser {
 public:
  explicit ManifestParser(const YamlSource& src) : src_(src) {}

  Result<Manifest> Parse();

 private:
  Status TopLevel(const std::string& key, const Cursor& value, SourcePos key_pos);
  Status ReadRule(const Cursor& item);
  Status RuleField(RuleSpec& rule, const std::string& key, const Cursor& value);
  Result<std::vector<PredicateEntry>> ReadEntries(const Cursor& c, std::string_view what,
                                                  bool allow_scalar);
  Status ReadPredicate(const std::string& name, const Cursor& value, SourcePos key_pos);
  Status ReadChange(const Cursor& item);
  Status ReadSchema(const Cursor& value);
  Status CheckRequired(const Cursor& root);
  Status CheckReferences() const;
  Status CheckCycles() const;

  const YamlSource& src_;
  Manifest m_;
};

Status ManifestParser::TopLevel(const std::string& key, const Cursor& value, SourcePos key_pos) {
  if (key == "id") {
    TF_ASSIGN_OR_RETURN(m_.id, src_.String(value, "id"));
    if (!IsValidPackId(m_.id)) {
      return src_.Error(value.pos(), "id \"" + m_.id +
                                         "\" is not a pack id (lower-case letters, digits, '.', "
                                         "'_', '-'; at most 64 bytes)");
    }
    return Status();
  }
  if (key == "version") {
    TF_ASSIGN_OR_RETURN(m_.version, src_.Text(value, "version"));
    if (m_.version.empty() || m_.version.size() > kMaxVersionBytes ||
        m_.version.find_first_of(" \t\r\n") != std::string::npos) {
      return src_.Error(value.pos(), "version must be non-empty, without spaces, at most 64 bytes");
    }
    return Status();
  }
  if (key == "description") {
    TF_ASSIGN_OR_RETURN(m_.description, src_.String(value, "description"));
    return Status();
  }
  if (key == "rules")
    return src_.ForEachItem(value, "rules", [&](const Cursor& c) { return ReadRule(c); });
  if (key == "predicates") {
    return src_.ForEachEntry(
        value, "predicates",
        [&](const std::string& k, const Cursor& v, SourcePos p) { return ReadPredicate(k, v, p); });
  }
  if (key == "input_schema") return ReadSchema(value);
  if (key == "accepted_changes") {
    return src_.ForEachItem(value, "accepted_changes",
                            [&](const Cursor& c) { return ReadChange(c); });
  }
  return src_.Error(key_pos, "unknown key \"" + key +
                                 "\" (expected id, version, description, rules, predicates, "
                                 "input_schema, accepted_changes)");
}

Status ManifestParser::ReadRule(const Cursor& item) {
  if (m_.rules.size() >= kMaxRules) return src_.Error(item.pos(), "too many rules");
  RuleSpec rule;
  rule.pos = item.pos();
  bool has_cost = false, has_severity = false;
  TF_RETURN_IF_ERROR(
      src_.ForEachEntry(item, "a rule", [&](const std::string& key, const Cursor& v, SourcePos) {
        has_cost = has_cost || key == "cost";
        has_severity = has_severity || key == "severity";
        return RuleField(rule, key, v);
      }));
  for (std::string_view field : {"id", "ref", "reason"}) {
    bool missing = field == "id"    ? rule.id.empty()
                   : field == "ref" ? rule.ref.empty()
                                    : rule.reason.empty();
    if (missing) return src_.Error(rule.pos, "rule is missing \"" + std::string(field) + "\"");
  }
  if (!has_cost) return src_.Error(rule.pos, "rule \"" + rule.id + "\" is missing \"cost\"");
  if (!has_severity)
    return src_.Error(rule.pos, "rule \"" + rule.id + "\" is missing \"severity\"");
  for (const RuleSpec& other : m_.rules) {
    if (other.id == rule.id) {
      return src_.Error(
          ErrorCode::kPackDuplicateId, rule.pos,
          "duplicate rule id \"" + rule.id + "\" (first at " + LineOf(other.pos) + ")");
    }
  }
  m_.rules.push_back(std::move(rule));
  return Status();
}

Status ManifestParser::RuleField(RuleSpec& rule, const std::string& key, const Cursor& v) {
  if (key == "id") {
    TF_ASSIGN_OR_RETURN(rule.id, src_.String(v, "rule id"));
    if (!IsValidRuleId(rule.id)) {
      return src_.Error(v.pos(), "rule id \"" + rule.id +
                                     "\" must start with a letter or '_' and use letters, "
                                     "digits, '_', '.', '-' (at most 128 bytes)");
    }
  } else if (key == "ref") {
    TF_ASSIGN_OR_RETURN(rule.ref, src_.String(v, "ref"));
    rule.ref_pos = v.pos();
    if (!IsDataRef(rule.ref)) {
      return src_.Error(v.pos(), "ref \"" + rule.ref + "\" must be data.<package>.<rule>");
    }
  } else if (key == "cost") {
    TF_ASSIGN_OR_RETURN(rule.cost, src_.Unsigned(v, "cost", kMaxRuleCost));
  } else if (key == "severity") {
    TF_ASSIGN_OR_RETURN(std::string name, src_.String(v, "severity"));
    std::optional<Severity> s = ParseSeverity(name);
    if (!s) return src_.Error(v.pos(), "severity must be info, low, medium, high or critical");
    rule.severity = *s;
  } else if (key == "reason") {
    TF_ASSIGN_OR_RETURN(rule.reason, src_.String(v, "reason"));
    rule.reason_pos = v.pos();
    Result<ReasonTemplate> t = ReasonTemplate::Parse(rule.reason);
    if (!t.ok()) return src_.Error(v.pos(), t.status().message());
  } else if (key == "description") {
    TF_ASSIGN_OR_RETURN(rule.description, src_.String(v, "description"));
  } else if (key == "activation") {
    TF_ASSIGN_OR_RETURN(rule.activation, ReadEntries(v, "activation", false));
  } else {
    return src_.Error(v.pos(), "unknown rule key \"" + key +
                                   "\" (expected id, ref, cost, severity, reason, activation, "
                                   "description)");
  }
  return Status();
}

Result<std::vector<PredicateEntry>> ManifestParser::ReadEntries(const Cursor& c,
                                                                std::string_view what,
                                                                bool allow_scalar) {
  std::vector<PredicateEntry> out;
  auto add = [&](const Cursor& item) -> Status {
    TF_ASSIGN_OR_RETURN(std::string text, src_.String(item, std::string(what) + " entry"));
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      return src_.Error(ErrorCode::kPackBadPredicate, item.pos(), "empty predicate");
    }
    for (const PredicateEntry& e : out) {
      if (e.text == text) {
        return src_.Error(ErrorCode::kPackDuplicateId, item.pos(),
                          "predicate \"" + text + "\" listed twice");
      }
    }
    out.push_back({std::move(text), item.pos()});
    return Status();
  };
  if (allow_scalar && c.node.IsScalar()) {
    TF_RETURN_IF_ERROR(add(c));
  } else {
    TF_RETURN_IF_ERROR(src_.ForEachItem(c, what, add));
  }
  return out;
}

Status ManifestParser::ReadPredicate(const std::string& name, const Cursor& value,
                                     SourcePos key_pos) {
  if (!IsPredicateName(name)) {
    return src_.Error(ErrorCode::kPackBadPredicate, key_pos,
                      "predicate name \"" + name + "\" must be a Rego identifier");
  }
  NamedPredicate p;
  p.id = name;
  p.pos = key_pos;
  TF_ASSIGN_OR_RETURN(p.all_of, ReadEntries(value, "predicate " + name, true));
  if (p.all_of.empty()) {
    return src_.Error(ErrorCode::kPackBadPredicate, key_pos, "predicate " + name + " is empty");
  }
  m_.predicates.push_back(std::move(p));
  return Status();
}

Status ManifestParser::ReadChange(const Cursor& item) {
  AcceptedChange change;
  change.pos = item.pos();
  TF_RETURN_IF_ERROR(src_.ForEachEntry(
      item, "an accepted change", [&](const std::string& key, const Cursor& v, SourcePos p) {
        Result<std::string> text =
            key == "rule"    ? src_.String(v, "rule")
            : key == "since" ? src_.Text(v, "since")
            : key == "description"
                ? src_.String(v, "description")
                : Result<std::string>(src_.Error(p, "unknown accepted change key \"" + key +
                                                        "\" (expected rule, since, "
                                                        "description)"));
        if (!text.ok()) return text.status();
        (key == "rule"    ? change.rule
         : key == "since" ? change.since
                          : change.description) = std::move(*text);
        return Status();
      }));
  if (change.rule.empty() || change.since.empty() || change.description.empty()) {
    return src_.Error(change.pos, "an accepted change needs rule, since and description");
  }
  m_.accepted_changes.push_back(std::move(change));
  return Status();
}

// Finds the YAML node at a schema error's path, for its line.
SourcePos PosAtPath(const Cursor& root, const std::vector<std::string>& path) {
  YAML::Node node = root.node;
  SourcePos pos = root.pos();
  try {
    for (const std::string& key : path) {
      YAML::Node next = node.IsMap() ? YAML::Node(node[key]) : YAML::Node();
      if (!next.IsDefined()) break;
      node = next;
      pos = Cursor{node, nullptr}.pos();
    }
  } catch (const YAML::Exception&) {
    // The position is a nicety; keep the last one found.
  }
  return pos;
}

Status ManifestParser::ReadSchema(const Cursor& value) {
  m_.input_schema_pos = value.pos();
  std::vector<std::string> path;
  Result<InputSchema> schema = InputSchema::FromValue(*value.value, &path);
  if (!schema.ok()) {
    return src_.Error(ErrorCode::kPackSchemaInvalid, PosAtPath(value, path),
                      schema.status().message());
  }
  m_.input_schema = std::move(*schema);
  return Status();
}

Status ManifestParser::CheckRequired(const Cursor& root) {
  if (m_.id.empty()) return src_.Error(root.pos(), "pack.yaml needs an id");
  if (m_.version.empty()) return src_.Error(root.pos(), "pack.yaml needs a version");
  if (m_.rules.empty()) return src_.Error(root.pos(), "pack.yaml needs at least one rule");
  return Status();
}

Status ManifestParser::CheckReferences() const {
  auto check = [&](const PredicateEntry& e) -> Status {
    if (ClassifyPredicate(e.text) != PredicateKind::kNamed) return Status();
    auto it =
        std::lower_bound(m_.predicates.begin(), m_.predicates.end(), e.text,
                         [](const NamedPredicate& p, const std::string& id) { return p.id < id; });
    if (it != m_.predicates.end() && it->id == e.text) return Status();
    return src_.Error(ErrorCode::kPackBadPredicate, e.pos,
                      "unknown predicate \"" + e.text +
                          "\" (not in predicates; write data.<package>.<rule> for a Rego rule)");
  };
  for (const RuleSpec& r : m_.rules) {
    for (const PredicateEntry& e : r.activation)
      TF_RETURN_IF_ERROR(check(e));
  }
  for (const NamedPredicate& p : m_.predicates) {
    for (const PredicateEntry& e : p.all_of)
      TF_RETURN_IF_ERROR(check(e));
  }
  for (const AcceptedChange& c : m_.accepted_changes) {
    bool known = std::any_of(m_.rules.begin(), m_.rules.end(),
                             [&](const RuleSpec& r) { return r.id == c.rule; });
    if (!known) return src_.Error(c.pos, "accepted change names unknown rule \"" + c.rule + "\"");
  }
  return Status();
}

// Named predicates form a graph through entries that name other named predicates; a cycle
// would make activation undefined. Iterative depth-first search, so a long chain cannot
// exhaust the stack.
Status ManifestParser::CheckCycles() const {
  const std::vector<NamedPredicate>& preds = m_.predicates;
  auto index_of = [&](const std::string& id) {
    auto it =
        std::lower_bound(preds.begin(), preds.end(), id,
                         [](const NamedPredicate& p, const std::string& k) { return p.id < k; });
    return static_cast<size_t>(it - preds.begin());
  };
  enum class Mark : uint8_t { kNew, kOnPath, kDone };
  std::vector<Mark> mark(preds.size(), Mark::kNew);
  for (size_t start = 0; start < preds.size(); ++start) {
    if (mark[start] != Mark::kNew) continue;
    std::vector<std::pair<size_t, size_t>> stack = {{start, 0}};  // (predicate, next entry)
    mark[start] = Mark::kOnPath;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next == preds[node].all_of.size()) {
        mark[node] = Mark::kDone;
        stack.pop_back();
        continue;
      }
      const PredicateEntry& e = preds[node].all_of[next++];
      if (ClassifyPredicate(e.text) != PredicateKind::kNamed) continue;
      size_t target = index_of(e.text);
      if (mark[target] == Mark::kOnPath) {
        std::string cycle;
        bool in_cycle = false;
        for (const auto& frame : stack) {
          in_cycle = in_cycle || frame.first == target;
          if (in_cycle) cycle += preds[frame.first].id + " -> ";
        }
        return src_.Error(ErrorCode::kPackCycle, e.pos, "predicate cycle: " + cycle + e.text);
      }
      if (mark[target] == Mark::kNew) {
        mark[target] = Mark::kOnPath;
        stack.emplace_back(target, 0);
      }
    }
  }
  return Status();
}

Result<Manifest> ManifestParser::Parse() {
  Cursor root = src_.root();
  TF_RETURN_IF_ERROR(src_.ForEachEntry(
      root, "pack.yaml",
      [&](const std::string& key, const Cursor& v, SourcePos p) { return TopLevel(key, v, p); }));
  TF_RETURN_IF_ERROR(CheckRequired(root));
  std::sort(m_.predicates.begin(), m_.predicates.end(),
            [](const NamedPredicate& a, const NamedPredicate& b) { return a.id < b.id; });
  TF_RETURN_IF_ERROR(CheckReferences());
  TF_RETURN_IF_ERROR(CheckCycles());
  m_.file = src_.file();
  return std::move(m_);
}

}  // namespace

Result<Manifest> ParseManifest(std::string_view yaml_text, std::string file) {
  TF_ASSIGN_OR_RETURN(YamlSource src, YamlSource::Parse(yaml_text, std::move(file),
                                                        ErrorCode::kPackManifestInvalid));
  ManifestParser parser(src);
  return parser.Parse();
}

}  // namespace tf::policy
