// Names, defaults and the canonical form of a pack's graph limits.
#include "policy/graph_limits_spec.h"

namespace tf::policy {
namespace {

constexpr std::string_view kLimitNames[] = {"component_size", "path_length", "degree"};

Value Str(std::string_view s) {
  return Value::String(s);
}

}  // namespace

std::string_view LimitName(LimitKind kind) {
  return kLimitNames[static_cast<size_t>(kind)];
}

std::optional<LimitKind> ParseLimitKind(std::string_view name) {
  for (size_t i = 0; i < std::size(kLimitNames); ++i) {
    if (kLimitNames[i] == name) return static_cast<LimitKind>(i);
  }
  return std::nullopt;
}

std::string_view DirectionName(DegreeDirection direction) {
  switch (direction) {
    case DegreeDirection::kOut:
      return "out";
    case DegreeDirection::kIn:
      return "in";
    case DegreeDirection::kBoth:
      break;
  }
  return "both";
}

const GraphLimit* GraphLimits::Find(LimitKind kind) const {
  for (const GraphLimit& l : limits) {
    if (l.kind == kind) return &l;
  }
  return nullptr;
}

std::string DefaultReasonCode(LimitKind kind) {
  return "graph." + std::string(LimitName(kind)) + "_exceeded";
}

Value GraphLimitsToValue(const GraphLimits& limits) {
  std::vector<ObjectEntry> fields;
  for (const GraphLimit& l : limits.limits) {
    std::vector<ObjectEntry> spec = {{Str("max"), Value::FromNumber(Number::FromUint64(l.max))},
                                     {Str("reason_code"), Str(l.reason_code)}};
    if (l.kind == LimitKind::kDegree)
      spec.emplace_back(Str("direction"), Str(DirectionName(l.direction)));
    fields.emplace_back(Str(LimitName(l.kind)), Value::Object(std::move(spec)));
  }
  if (!limits.node.empty()) fields.emplace_back(Str("node"), Str(limits.node));
  if (!limits.target.empty()) fields.emplace_back(Str("target"), Str(limits.target));
  return Value::Object(std::move(fields));
}

}  // namespace tf::policy
