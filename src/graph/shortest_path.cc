#include "graph/shortest_path.h"

#include <unordered_map>
#include <vector>

#include "graph/internal/edge_walker.h"

namespace tf::graph {
namespace {

// One side of the bidirectional search: distances from its root and the current frontier.
struct Side {
  std::unordered_map<NodeIndex, uint32_t> dist;
  std::vector<NodeIndex> frontier;
  uint32_t depth = 0;
};

Result<PathResult> Search(const GraphStore& store, NodeIndex from, NodeIndex to,
                          const TraversalOptions& options, const PathOptions& bounds,
                          bool recent_only) {
  PathResult r;
  if (from == to) {
    r.length = 0;
    return r;
  }
  // The backward side walks edges the other way round.
  TraversalOptions backward_options = options;
  if (options.direction == Direction::kOut) backward_options.direction = Direction::kIn;
  if (options.direction == Direction::kIn) backward_options.direction = Direction::kOut;
  const internal::EdgeWalker forward(store, options, recent_only);
  const internal::EdgeWalker backward(store, backward_options, recent_only);

  Side sides[2];
  sides[0].dist[from] = 0;
  sides[0].frontier = {from};
  sides[1].dist[to] = 0;
  sides[1].frontier = {to};
  std::vector<NodeIndex> next;
  while (!sides[0].frontier.empty() && !sides[1].frontier.empty()) {
    if (sides[0].depth + sides[1].depth >= bounds.max_depth) {
      r.complete = false;
      break;
    }
    const int s = sides[0].frontier.size() <= sides[1].frontier.size() ? 0 : 1;
    Side& here = sides[s];
    const Side& there = sides[1 - s];
    const internal::EdgeWalker& walker = s == 0 ? forward : backward;
    std::optional<uint32_t> best;
    next.clear();
    bool over_budget = false;
    for (NodeIndex n : here.frontier) {
      TF_RETURN_IF_ERROR(walker.Visit(n, [&](const internal::WalkedEdge& e) {
        if (auto it = there.dist.find(e.other); it != there.dist.end()) {
          const uint32_t len = here.depth + 1 + it->second;
          if (!best || len < *best) best = len;
        }
        if (here.dist.emplace(e.other, here.depth + 1).second) {
          next.push_back(e.other);
          if (++r.visited >= bounds.max_visited) over_budget = true;
        }
        return !over_budget;
      }));
      if (over_budget) break;
    }
    // A meeting found while expanding a whole level is a shortest one.
    if (best && !over_budget) {
      r.length = best;
      return r;
    }
    if (over_budget) {
      r.complete = false;
      break;
    }
    here.frontier.swap(next);
    ++here.depth;
  }
  return r;
}

}  // namespace

Result<PathResult> ShortestPathLength(const GraphStore& store, std::string_view from,
                                      std::string_view to, const TraversalOptions& options,
                                      const PathOptions& bounds) {
  if (bounds.max_depth == 0 || bounds.max_visited == 0) {
    return Status(ErrorCode::kGraphQueryInvalid, "path bounds must be > 0");
  }
  TF_ASSIGN_OR_RETURN(NodeIndex a, RequireNode(store, from));
  TF_ASSIGN_OR_RETURN(NodeIndex b, RequireNode(store, to));
  if (options.age == AgeMode::kPrefer) {
    TF_ASSIGN_OR_RETURN(PathResult recent, Search(store, a, b, options, bounds, true));
    if (recent.length) {
      recent.recent_only = true;
      return recent;
    }
  }
  return Search(store, a, b, options, bounds, false);
}

Value PathToValue(std::string_view from, std::string_view to, const PathResult& result) {
  return Value::Object(
      {{Value::String("from"), Value::String(from)},
       {Value::String("to"), Value::String(to)},
       {Value::String("length"), result.length ? Value::Int(*result.length) : Value::Null()},
       {Value::String("complete"), Value::Bool(result.complete)}});
}

}  // namespace tf::graph
