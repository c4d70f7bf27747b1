// Severity names, id formats and the canonical form of a manifest.
#include <algorithm>

#include "policy/manifest.h"

namespace tf::policy {
namespace {

constexpr std::string_view kSeverityNames[] = {"info", "low", "medium", "high", "critical"};
constexpr size_t kMaxPackIdBytes = 64;
constexpr size_t kMaxRuleIdBytes = 128;

bool IsLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

Value Str(std::string_view s) {
  return Value::String(s);
}

Value Entries(const std::vector<PredicateEntry>& entries) {
  std::vector<Value> out;
  out.reserve(entries.size());
  for (const PredicateEntry& e : entries)
    out.push_back(Str(e.text));
  return Value::Array(std::move(out));
}

Value RuleValue(const RuleSpec& r) {
  std::vector<ObjectEntry> fields = {
      {Str("activation"), Entries(r.activation)},
      {Str("cost"), Value::FromNumber(Number::FromUint64(r.cost))},
      {Str("id"), Str(r.id)},
      {Str("reason"), Str(r.reason)},
      {Str("ref"), Str(r.ref)},
      {Str("severity"), Str(SeverityName(r.severity))},
  };
  if (!r.description.empty()) fields.emplace_back(Str("description"), Str(r.description));
  return Value::Object(std::move(fields));
}

}  // namespace

std::string_view SeverityName(Severity severity) {
  return kSeverityNames[static_cast<size_t>(severity)];
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (size_t i = 0; i < std::size(kSeverityNames); ++i) {
    if (kSeverityNames[i] == name) return static_cast<Severity>(i);
  }
  return std::nullopt;
}

bool IsValidPackId(std::string_view id) {
  if (id.empty() || id.size() > kMaxPackIdBytes || !IsLowerAlnum(id[0])) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return IsLowerAlnum(c) || c == '.' || c == '_' || c == '-'; });
}

bool IsValidRuleId(std::string_view id) {
  if (id.empty() || id.size() > kMaxRuleIdBytes || !(IsAlpha(id[0]) || id[0] == '_')) {
    return false;
  }
  return std::all_of(id.begin(), id.end(), [](char c) {
    return IsAlpha(c) || IsDigit(c) || c == '_' || c == '.' || c == '-';
  });
}

Value ManifestToValue(const Manifest& m) {
  std::vector<const RuleSpec*> rules;
  for (const RuleSpec& r : m.rules)
    rules.push_back(&r);
  std::sort(rules.begin(), rules.end(),
            [](const RuleSpec* a, const RuleSpec* b) { return a->id < b->id; });
  std::vector<Value> rule_values;
  for (const RuleSpec* r : rules)
    rule_values.push_back(RuleValue(*r));

  std::vector<ObjectEntry> predicates;
  for (const NamedPredicate& p : m.predicates)
    predicates.emplace_back(Str(p.id), Entries(p.all_of));

  std::vector<Value> changes;
  for (const AcceptedChange& c : m.accepted_changes) {
    changes.push_back(Value::Object({{Str("description"), Str(c.description)},
                                     {Str("rule"), Str(c.rule)},
                                     {Str("since"), Str(c.since)}}));
  }
  std::sort(changes.begin(), changes.end());

  std::vector<ObjectEntry> fields = {
      {Str("accepted_changes"), Value::Array(std::move(changes))},
      {Str("description"), Str(m.description)},
      {Str("id"), Str(m.id)},
      {Str("predicates"), Value::Object(std::move(predicates))},
      {Str("rules"), Value::Array(std::move(rule_values))},
      {Str("version"), Str(m.version)},
  };
  if (m.input_schema) fields.emplace_back(Str("input_schema"), m.input_schema->value());
  // Present only when declared, so that packs without them keep their hashes.
  if (!m.views.empty()) {
    std::vector<ObjectEntry> views;
    for (const ViewSpec& v : m.views)
      views.emplace_back(Str(v.id), ViewToValue(v));
    fields.emplace_back(Str("views"), Value::Object(std::move(views)));
  }
  if (!m.limits.empty()) fields.emplace_back(Str("limits"), GraphLimitsToValue(m.limits));
  return Value::Object(std::move(fields));
}

}  // namespace tf::policy
