// File: policy/graph_limits_spec.h
//
// A pack's graph limits (`limits:` in pack.yaml) as data: how large a weakly connected
// component, how long a path and how high a node degree a query or decision may touch, each
// with the reason code a denial carries. policy/graph_guard.h enforces them; docs/PACKS.md
// ("Graph limits") is the reference for the format.
#ifndef TF_POLICY_GRAPH_LIMITS_SPEC_H_
#define TF_POLICY_GRAPH_LIMITS_SPEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"
#include "policy/source_pos.h"

namespace tf::policy {

enum class LimitKind : uint8_t { kComponentSize = 0, kPathLength = 1, kDegree = 2 };

// "component_size", "path_length", "degree".
std::string_view LimitName(LimitKind kind);
std::optional<LimitKind> ParseLimitKind(std::string_view name);

// Which edges a degree counts.
enum class DegreeDirection : uint8_t { kBoth, kOut, kIn };
std::string_view DirectionName(DegreeDirection direction);

// Limits are at most this, so that a bounded search (which stops at max + 1) stays bounded.
inline constexpr uint64_t kMaxGraphLimit = 100'000'000;

struct GraphLimit {
  LimitKind kind = LimitKind::kComponentSize;
  uint64_t max = 0;
  std::string reason_code;                             // e.g. "graph.component_size_exceeded"
  DegreeDirection direction = DegreeDirection::kBoth;  // degree only
  SourcePos pos;
};

struct GraphLimits {
  std::vector<GraphLimit> limits;  // at most one per kind, in LimitKind order
  // For decisions: the input paths naming the node a decision is about and, for path_length,
  // a second node ("input.subject.node"). Empty: decisions check no limits.
  std::string node;
  std::string target;
  SourcePos pos;

  bool empty() const { return limits.empty(); }
  const GraphLimit* Find(LimitKind kind) const;
};

// The default reason code of a limit: "graph.<name>_exceeded".
std::string DefaultReasonCode(LimitKind kind);

// The canonical form, part of the pack hash.
Value GraphLimitsToValue(const GraphLimits& limits);

}  // namespace tf::policy

#endif  // TF_POLICY_GRAPH_LIMITS_SPEC_H_
