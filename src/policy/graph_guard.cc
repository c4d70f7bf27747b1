// GraphGuard: bounded searches that check a pack's graph limits.
#include "policy/graph_guard.h"

#include <algorithm>

namespace tf::policy {
namespace {

Value Str(std::string_view s) {
  return Value::String(s);
}

std::string LimitText(const GraphLimit& limit) {
  return "(limit " + std::string(LimitName(limit.kind)) + " \u2264 " + std::to_string(limit.max) +
         ")";
}

LimitVerdict Verdict(const GraphLimit& limit, bool exceeded, std::string explanation) {
  return {limit.kind, exceeded, limit.max, limit.reason_code,
          std::move(explanation) + " " + LimitText(limit)};
}

std::string Count(uint64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string EdgesWord(DegreeDirection direction) {
  switch (direction) {
    case DegreeDirection::kOut:
      return "outgoing edges";
    case DegreeDirection::kIn:
      return "incoming edges";
    case DegreeDirection::kBoth:
      break;
  }
  return "edges";
}

// The value at a dotted "input.a.b" path, or nullptr.
const Value* AtPath(const Value& input, std::string_view path) {
  const Value* v = &input;
  size_t start = path.find('.') + 1;  // skip "input."
  while (v != nullptr) {
    size_t dot = path.find('.', start);
    v = v->is_object() ? v->Find(path.substr(start, dot - start)) : nullptr;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return v;
}

// The nodes a bounded search has seen: open addressing with linear probing in a table sized
// for the bound, so a search to max + 1 nodes never rehashes and touches little memory.
class BoundedNodeSet {
 public:
  explicit BoundedNodeSet(uint64_t bound) {
    size_t capacity = 16;
    while (capacity < 2 * bound && capacity < (size_t{1} << 40))
      capacity <<= 1;
    slots_.assign(capacity, kEmpty);
    mask_ = capacity - 1;
  }
  // True when `node` was not in the set.
  bool Insert(uint64_t node) {
    for (size_t i = Hash(node) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == node) return false;
      if (slots_[i] == kEmpty) {
        slots_[i] = node;
        ++size_;
        return true;
      }
    }
  }
  uint64_t size() const { return size_; }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  static size_t Hash(uint64_t x) { return static_cast<size_t>((x * 0x9E3779B97F4A7C15ull) >> 17); }
  std::vector<uint64_t> slots_;
  size_t mask_ = 0;
  uint64_t size_ = 0;
};

// Breadth-first over edges in both directions (weak connectivity) from `start`, stopping once
// the component is known to hold more than max nodes. `visit(node, dir, fn)` lists edges.
template <typename VisitFn>
Result<BoundedCount> BoundedComponent(uint64_t start, uint64_t max, VisitFn&& visit) {
  const uint64_t stop = max + 1;
  BoundedNodeSet seen(std::min<uint64_t>(stop, uint64_t{1} << 24));
  seen.Insert(start);
  std::vector<uint64_t> queue = {start};
  auto reach = [&](uint64_t other) {
    if (seen.Insert(other)) queue.push_back(other);
    return seen.size() < stop;
  };
  for (size_t next = 0; next < queue.size() && seen.size() < stop; ++next) {
    TF_RETURN_IF_ERROR(visit(queue[next], EdgeDirection::kOut, reach));
    if (seen.size() >= stop) break;
    TF_RETURN_IF_ERROR(visit(queue[next], EdgeDirection::kIn, reach));
  }
  return BoundedCount{std::min<uint64_t>(seen.size(), stop), seen.size() > max};
}

}  // namespace

uint64_t AdjacencyListGraph::AddNode(std::string_view id) {
  auto [it, added] = index_.emplace(std::string(id), ids_.size());
  if (added) {
    ids_.emplace_back(id);
    out_.emplace_back();
    in_.emplace_back();
  }
  return it->second;
}

void AdjacencyListGraph::AddEdge(std::string_view src, std::string_view dst) {
  uint64_t s = AddNode(src);
  uint64_t d = AddNode(dst);
  out_[s].push_back(d);
  in_[d].push_back(s);
}

Result<std::optional<uint64_t>> AdjacencyListGraph::FindNode(std::string_view id) const {
  auto it = index_.find(std::string(id));
  if (it == index_.end()) return std::optional<uint64_t>();
  return std::optional<uint64_t>(it->second);
}

Status AdjacencyListGraph::VisitNeighbors(uint64_t node, EdgeDirection dir,
                                          const std::function<bool(uint64_t)>& visit) const {
  if (node >= ids_.size())
    return Status(ErrorCode::kGraphNodeNotFound, "no node number " + std::to_string(node));
  for (uint64_t other : dir == EdgeDirection::kOut ? out_[node] : in_[node]) {
    if (!visit(other)) break;
  }
  return Status();
}

Result<BoundedCount> AdjacencyListGraph::ComponentSize(std::string_view node, uint64_t max) const {
  TF_ASSIGN_OR_RETURN(uint64_t start, Resolve(node));
  return BoundedComponent(start, max, [this](uint64_t n, EdgeDirection dir, const auto& fn) {
    for (uint64_t other : dir == EdgeDirection::kOut ? out_[n] : in_[n]) {
      if (!fn(other)) break;
    }
    return Status();
  });
}

Value LimitVerdictToValue(const LimitVerdict& v) {
  return Value::Object({{Str("exceeded"), Value::Bool(v.exceeded)},
                        {Str("explanation"), Str(v.explanation)},
                        {Str("limit"), Str(LimitName(v.kind))},
                        {Str("max"), Value::FromNumber(Number::FromUint64(v.max))},
                        {Str("reason_code"), Str(v.reason_code)}});
}

Result<uint64_t> GraphAdjacency::Resolve(std::string_view id) const {
  TF_ASSIGN_OR_RETURN(std::optional<uint64_t> node, FindNode(id));
  if (!node) {
    return Status(ErrorCode::kGraphNodeNotFound,
                  "no node \"" + std::string(id) + "\" in the graph");
  }
  return *node;
}

Result<BoundedCount> GraphAdjacency::ComponentSize(std::string_view node, uint64_t max) const {
  TF_ASSIGN_OR_RETURN(uint64_t start, Resolve(node));
  return BoundedComponent(start, max, [this](uint64_t n, EdgeDirection dir, const auto& fn) {
    return VisitNeighbors(n, dir, fn);
  });
}

Result<BoundedCount> GraphAdjacency::Degree(std::string_view node, DegreeDirection direction,
                                            uint64_t max) const {
  TF_ASSIGN_OR_RETURN(uint64_t n, Resolve(node));
  const uint64_t stop = max + 1;
  uint64_t degree = 0;
  auto count = [&](uint64_t) { return ++degree < stop; };
  if (direction != DegreeDirection::kIn) {
    TF_RETURN_IF_ERROR(VisitNeighbors(n, EdgeDirection::kOut, count));
  }
  if (direction != DegreeDirection::kOut && degree < stop) {
    TF_RETURN_IF_ERROR(VisitNeighbors(n, EdgeDirection::kIn, count));
  }
  return BoundedCount{degree, degree > max};
}

Result<std::optional<uint64_t>> GraphAdjacency::PathLength(std::string_view from,
                                                           std::string_view to,
                                                           uint64_t max) const {
  TF_ASSIGN_OR_RETURN(uint64_t source, Resolve(from));
  TF_ASSIGN_OR_RETURN(uint64_t target, Resolve(to));
  if (source == target) return std::optional<uint64_t>(0);
  // Bidirectional breadth-first search along edge directions, expanding the smaller frontier a
  // level at a time, until the two depths add up to max. A path of length p <= ds + dt is
  // seen when its node at distance min(ds, p) from the source is reached from both sides.
  std::unordered_map<uint64_t, uint64_t> from_source = {{source, 0}}, to_target = {{target, 0}};
  std::vector<uint64_t> source_frontier = {source}, target_frontier = {target};
  uint64_t ds = 0, dt = 0;
  while (ds + dt < max && !source_frontier.empty() && !target_frontier.empty()) {
    bool forward = source_frontier.size() <= target_frontier.size();
    auto& frontier = forward ? source_frontier : target_frontier;
    auto& mine = forward ? from_source : to_target;
    auto& theirs = forward ? to_target : from_source;
    uint64_t depth = (forward ? ds : dt) + 1;
    std::optional<uint64_t> best;
    std::vector<uint64_t> next;
    for (uint64_t node : frontier) {
      TF_RETURN_IF_ERROR(VisitNeighbors(
          node, forward ? EdgeDirection::kOut : EdgeDirection::kIn, [&](uint64_t other) {
            if (!mine.emplace(other, depth).second) return true;
            next.push_back(other);
            auto met = theirs.find(other);
            if (met != theirs.end() && (!best || depth + met->second < *best)) {
              best = depth + met->second;
            }
            return true;
          }));
    }
    (forward ? ds : dt) = depth;
    if (best) return best;
    frontier = std::move(next);
  }
  return std::optional<uint64_t>();
}

Result<LimitVerdict> GraphGuard::CheckComponentSize(const GraphLimit& limit,
                                                    std::string_view node) const {
  TF_ASSIGN_OR_RETURN(BoundedCount size, graph_.ComponentSize(node, limit.max));
  std::string subject = "component of node " + std::string(node) + " has ";
  if (size.exceeded) {
    return Verdict(limit, true, subject + "more than " + std::to_string(limit.max) + " nodes");
  }
  return Verdict(limit, false, subject + Count(size.value, "node", "nodes"));
}

Result<LimitVerdict> GraphGuard::CheckDegree(const GraphLimit& limit, std::string_view node) const {
  TF_ASSIGN_OR_RETURN(BoundedCount degree, graph_.Degree(node, limit.direction, limit.max));
  std::string subject = "node " + std::string(node) + " has ";
  std::string edges = EdgesWord(limit.direction);
  if (degree.exceeded) {
    return Verdict(limit, true, subject + "more than " + std::to_string(limit.max) + " " + edges);
  }
  std::string one = edges.substr(0, edges.size() - 1);  // "edge", "outgoing edge", …
  return Verdict(limit, false, subject + Count(degree.value, one, edges));
}

Result<LimitVerdict> GraphGuard::CheckPathLength(const GraphLimit& limit, std::string_view from,
                                                 std::string_view to) const {
  TF_ASSIGN_OR_RETURN(std::optional<uint64_t> length, graph_.PathLength(from, to, limit.max));
  std::string between = " from " + std::string(from) + " to " + std::string(to);
  if (!length) {
    return Verdict(limit, true,
                   "no path of at most " + std::to_string(limit.max) + " edges" + between);
  }
  return Verdict(limit, false,
                 "shortest path" + between + " has " + Count(*length, "edge", "edges"));
}

LimitVerdict GraphGuard::CheckHops(const GraphLimit& limit, uint64_t hops) const {
  std::string subject = "expansion of " + Count(hops, "hop", "hops");
  if (hops > limit.max) return Verdict(limit, true, subject + " reaches too far");
  return Verdict(limit, false, subject);
}

Result<std::vector<LimitVerdict>> GraphGuard::Check(const GraphQuery& query) const {
  std::vector<LimitVerdict> verdicts;
  auto add = [&](LimitVerdict v) {
    verdicts.push_back(std::move(v));
    return verdicts.back().exceeded;
  };
  std::vector<std::string_view> nodes = {query.node};
  if (query.kind == GraphQueryKind::kShortestPath) nodes.push_back(query.target);
  // Cheapest first: a degree stops after max + 1 edges, a path search after max levels, a
  // component after max + 1 nodes.
  if (const GraphLimit* limit = limits_.Find(LimitKind::kDegree)) {
    for (std::string_view node : nodes) {
      TF_ASSIGN_OR_RETURN(LimitVerdict v, CheckDegree(*limit, node));
      if (add(std::move(v))) return verdicts;
    }
  }
  if (const GraphLimit* limit = limits_.Find(LimitKind::kPathLength)) {
    switch (query.kind) {
      case GraphQueryKind::kNeighbors:
        if (add(CheckHops(*limit, 1))) return verdicts;
        break;
      case GraphQueryKind::kKHop:
        if (add(CheckHops(*limit, query.hops))) return verdicts;
        break;
      case GraphQueryKind::kShortestPath: {
        TF_ASSIGN_OR_RETURN(LimitVerdict v, CheckPathLength(*limit, query.node, query.target));
        if (add(std::move(v))) return verdicts;
        break;
      }
      case GraphQueryKind::kComponentSize:
      case GraphQueryKind::kDegree:
        break;
    }
  }
  if (const GraphLimit* limit = limits_.Find(LimitKind::kComponentSize)) {
    // Both ends of a path lie in one component when the path exists; check each anyway, as the
    // path may not.
    for (std::string_view node : nodes) {
      TF_ASSIGN_OR_RETURN(LimitVerdict v, CheckComponentSize(*limit, node));
      if (add(std::move(v))) return verdicts;
    }
  }
  return verdicts;
}

Status GraphGuard::Admit(const GraphQuery& query) const {
  TF_ASSIGN_OR_RETURN(std::vector<LimitVerdict> verdicts, Check(query));
  for (const LimitVerdict& v : verdicts) {
    if (v.exceeded)
      return Status(ErrorCode::kGraphLimitExceeded, v.reason_code + ": " + v.explanation);
  }
  return Status();
}

Result<GraphQuery> DecisionQuery(const GraphLimits& limits, const Value& input) {
  auto node_at = [&](const std::string& path) -> Result<std::string> {
    const Value* v = AtPath(input, path);
    if (v == nullptr || !v->is_string()) {
      return InvalidArgument("the pack's graph limits need a node id (a string) at " + path);
    }
    return v->string();
  };
  GraphQuery query;
  TF_ASSIGN_OR_RETURN(query.node, node_at(limits.node));
  if (!limits.target.empty()) {
    query.kind = GraphQueryKind::kShortestPath;
    TF_ASSIGN_OR_RETURN(query.target, node_at(limits.target));
  }
  return query;
}

}  // namespace tf::policy
