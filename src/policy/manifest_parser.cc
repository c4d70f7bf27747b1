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
  Status ReadView(const std::string& id, const Cursor& value, SourcePos key_pos);
  Status ReadField(ViewSpec& view, const std::string& path, const Cursor& value, SourcePos key_pos);
  Status ReadTransformParam(FieldTransform& t, const std::string& key, const Cursor& value);
  Status CheckTransform(const FieldTransform& t, const std::vector<std::string>& params) const;
  Status ReadLimits(const Cursor& value);
  Status ReadLimit(LimitKind kind, const Cursor& value);
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
  if (key == "views") {
    return src_.ForEachEntry(
        value, "views",
        [&](const std::string& k, const Cursor& v, SourcePos p) { return ReadView(k, v, p); });
  }
  if (key == "limits") return ReadLimits(value);
  return src_.Error(key_pos, "unknown key \"" + key +
                                 "\" (expected id, version, description, rules, predicates, "
                                 "input_schema, accepted_changes, views, limits)");
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

// A view field path: dot-separated names, each a letter, digit, '_' or '-'.
bool IsFieldPath(std::string_view path) {
  if (path.empty() || path.size() > 256 || path.front() == '.' || path.back() == '.') return false;
  for (size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || (c == '.' && path[i - 1] != '.');
    if (!ok) return false;
  }
  return true;
}

// Reason codes: lower-case letters, digits, '_', '.', '-'; at most 64 bytes.
bool IsReasonCode(std::string_view code) {
  return !code.empty() && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

Status ManifestParser::ReadView(const std::string& id, const Cursor& value, SourcePos key_pos) {
  if (!IsValidRuleId(id)) {
    return src_.Error(key_pos, "view id \"" + id +
                                   "\" must start with a letter or '_' and use letters, digits, "
                                   "'_', '.', '-' (at most 128 bytes)");
  }
  ViewSpec view;
  view.id = id;
  view.pos = key_pos;
  bool has_fields = false;
  TF_RETURN_IF_ERROR(src_.ForEachEntry(
      value, "a view", [&](const std::string& key, const Cursor& v, SourcePos p) -> Status {
        if (key == "description") {
          TF_ASSIGN_OR_RETURN(view.description, src_.String(v, "description"));
          return Status();
        }
        if (key == "fields") {
          has_fields = true;
          return src_.ForEachEntry(v, "fields",
                                   [&](const std::string& path, const Cursor& f, SourcePos fp) {
                                     return ReadField(view, path, f, fp);
                                   });
        }
        return src_.Error(p, "unknown view key \"" + key + "\" (expected description, fields)");
      }));
  if (!has_fields || view.fields.empty()) {
    return src_.Error(key_pos, "view \"" + id + "\" needs fields");
  }
  std::sort(view.fields.begin(), view.fields.end(),
            [](const FieldTransform& a, const FieldTransform& b) { return a.field < b.field; });
  for (size_t i = 0; i + 1 < view.fields.size(); ++i) {
    const std::string& a = view.fields[i].field;
    for (size_t j = i + 1; j < view.fields.size(); ++j) {
      const std::string& b = view.fields[j].field;
      if (b.size() > a.size() && b.compare(0, a.size(), a) == 0 && b[a.size()] == '.') {
        return src_.Error(view.fields[j].pos, "field " + b + " lies inside field " + a +
                                                  " of the same view (one transform per value)");
      }
    }
  }
  m_.views.push_back(std::move(view));
  return Status();
}

Status ManifestParser::ReadField(ViewSpec& view, const std::string& path, const Cursor& value,
                                 SourcePos key_pos) {
  if (!IsFieldPath(path)) {
    return src_.Error(key_pos, "field \"" + path +
                                   "\" must be a dotted path of names (letters, digits, '_', '-')");
  }
  FieldTransform t;
  t.field = path;
  t.pos = key_pos;
  std::vector<std::string> params;
  bool has_transform = false;
  TF_RETURN_IF_ERROR(src_.ForEachEntry(value, "a field transform",
                                       [&](const std::string& key, const Cursor& v, SourcePos) {
                                         if (key == "transform")
                                           has_transform = true;
                                         else
                                           params.push_back(key);
                                         return ReadTransformParam(t, key, v);
                                       }));
  if (!has_transform) {
    return src_.Error(key_pos,
                      "field " + path + " needs a transform (mask, hash, bucket, top_k, drop)");
  }
  TF_RETURN_IF_ERROR(CheckTransform(t, params));
  view.fields.push_back(std::move(t));
  return Status();
}

Status ManifestParser::ReadTransformParam(FieldTransform& t, const std::string& key,
                                          const Cursor& v) {
  if (key == "transform") {
    TF_ASSIGN_OR_RETURN(std::string name, src_.String(v, "transform"));
    for (TransformKind kind : {TransformKind::kMask, TransformKind::kHash, TransformKind::kBucket,
                               TransformKind::kTopK, TransformKind::kDrop}) {
      if (TransformName(kind) == name) {
        t.kind = kind;
        return Status();
      }
    }
    return src_.Error(v.pos(),
                      "transform \"" + name + "\" is not one of mask, hash, bucket, top_k, drop");
  }
  if (key == "keep") {
    TF_ASSIGN_OR_RETURN(t.keep, src_.Unsigned(v, "keep", 1024));
  } else if (key == "key") {
    TF_ASSIGN_OR_RETURN(t.key, src_.String(v, "key"));
    if (!IsValidRuleId(t.key)) return src_.Error(v.pos(), "key must be a key id, e.g. pseudonyms");
  } else if (key == "k") {
    TF_ASSIGN_OR_RETURN(t.k, src_.Unsigned(v, "k", 1'000'000));
    if (t.k == 0) return src_.Error(v.pos(), "k must be at least 1");
  } else if (key == "other") {
    TF_ASSIGN_OR_RETURN(t.other, src_.String(v, "other"));
  } else if (key == "granularity") {
    TF_ASSIGN_OR_RETURN(std::string g, src_.String(v, "granularity"));
    if (g != "month" && g != "year")
      return src_.Error(v.pos(), "granularity must be month or year");
    t.granularity = g == "year" ? DateGranularity::kYear : DateGranularity::kMonth;
  } else if (key == "bounds") {
    return src_.ForEachItem(v, "bounds", [&](const Cursor& item) -> Status {
      if (!item.value->is_number()) return src_.Error(item.pos(), "bounds must be numbers");
      Number n = item.value->number();
      if (!t.bounds.empty() && n.Compare(t.bounds.back()) <= 0) {
        return src_.Error(item.pos(), "bounds must be strictly increasing");
      }
      t.bounds.push_back(std::move(n));
      return Status();
    });
  } else {
    return src_.Error(v.pos(), "unknown transform key \"" + key +
                                   "\" (expected transform, keep, key, bounds, granularity, k, "
                                   "other)");
  }
  return Status();
}

// Each transform takes its own parameters and no others.
Status ManifestParser::CheckTransform(const FieldTransform& t,
                                      const std::vector<std::string>& params) const {
  std::vector<std::string> allowed, required;
  switch (t.kind) {
    case TransformKind::kMask:
      allowed = required = {"keep"};
      break;
    case TransformKind::kHash:
      allowed = required = {"key"};
      break;
    case TransformKind::kBucket:
      allowed = {"bounds", "granularity"};
      break;
    case TransformKind::kTopK:
      allowed = {"k", "other"}, required = {"k"};
      break;
    case TransformKind::kDrop:
      break;
  }
  std::string name(TransformName(t.kind));
  for (const std::string& p : params) {
    if (std::find(allowed.begin(), allowed.end(), p) == allowed.end()) {
      return src_.Error(t.pos, "field " + t.field + ": " + name + " takes no \"" + p + "\"");
    }
  }
  for (const std::string& r : required) {
    if (std::find(params.begin(), params.end(), r) == params.end()) {
      return src_.Error(t.pos, "field " + t.field + ": " + name + " needs \"" + r + "\"");
    }
  }
  if (t.kind == TransformKind::kBucket) {
    bool dates = t.granularity != DateGranularity::kNone;
    if (dates == !t.bounds.empty()) {
      return src_.Error(t.pos, "field " + t.field +
                                   ": bucket needs either bounds (numbers) or granularity "
                                   "(dates), not both");
    }
  }
  return Status();
}

Status ManifestParser::ReadLimits(const Cursor& value) {
  m_.limits.pos = value.pos();
  TF_RETURN_IF_ERROR(src_.ForEachEntry(
      value, "limits", [&](const std::string& key, const Cursor& v, SourcePos p) -> Status {
        if (key == "node" || key == "target") {
          TF_ASSIGN_OR_RETURN(std::string path, src_.String(v, key));
          if (path.rfind("input.", 0) != 0 || !IsFieldPath(path)) {
            return src_.Error(v.pos(), key + " must be a path into the input, e.g. input.node");
          }
          (key == "node" ? m_.limits.node : m_.limits.target) = std::move(path);
          return Status();
        }
        std::optional<LimitKind> kind = ParseLimitKind(key);
        if (!kind) {
          return src_.Error(p, "unknown limits key \"" + key +
                                   "\" (expected component_size, path_length, degree, node, "
                                   "target)");
        }
        return ReadLimit(*kind, v);
      }));
  if (m_.limits.limits.empty()) {
    return src_.Error(m_.limits.pos, "limits needs component_size, path_length or degree");
  }
  if (!m_.limits.target.empty() && m_.limits.node.empty()) {
    return src_.Error(m_.limits.pos, "limits: target needs node");
  }
  std::sort(m_.limits.limits.begin(), m_.limits.limits.end(),
            [](const GraphLimit& a, const GraphLimit& b) { return a.kind < b.kind; });
  return Status();
}

Status ManifestParser::ReadLimit(LimitKind kind, const Cursor& value) {
  GraphLimit limit;
  limit.kind = kind;
  limit.pos = value.pos();
  limit.reason_code = DefaultReasonCode(kind);
  bool has_max = false;
  std::string name(LimitName(kind));
  TF_RETURN_IF_ERROR(src_.ForEachEntry(
      value, name, [&](const std::string& key, const Cursor& v, SourcePos p) -> Status {
        if (key == "max") {
          has_max = true;
          TF_ASSIGN_OR_RETURN(limit.max, src_.Unsigned(v, name + " max", kMaxGraphLimit));
        } else if (key == "reason_code") {
          TF_ASSIGN_OR_RETURN(limit.reason_code, src_.String(v, "reason_code"));
          if (!IsReasonCode(limit.reason_code)) {
            return src_.Error(v.pos(),
                              "reason_code must use lower-case letters, digits, '_', '.', '-' "
                              "(at most 64 bytes)");
          }
        } else if (key == "direction" && kind == LimitKind::kDegree) {
          TF_ASSIGN_OR_RETURN(std::string d, src_.String(v, "direction"));
          if (d == "both")
            limit.direction = DegreeDirection::kBoth;
          else if (d == "out")
            limit.direction = DegreeDirection::kOut;
          else if (d == "in")
            limit.direction = DegreeDirection::kIn;
          else
            return src_.Error(v.pos(), "direction must be both, out or in");
        } else {
          return src_.Error(p, "unknown " + name + " key \"" + key + "\" (expected max, " +
                                   (kind == LimitKind::kDegree ? "direction, " : "") +
                                   "reason_code)");
        }
        return Status();
      }));
  if (!has_max) return src_.Error(limit.pos, name + " needs max");
  m_.limits.limits.push_back(std::move(limit));
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
  std::sort(m_.views.begin(), m_.views.end(),
            [](const ViewSpec& a, const ViewSpec& b) { return a.id < b.id; });
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
