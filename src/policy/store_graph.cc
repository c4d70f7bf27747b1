// StoreGraph: the graph store behind GraphGuard, through the graph module's query API.
#include "policy/store_graph.h"

#include <limits>

#include "graph/component.h"
#include "graph/degree.h"
#include "graph/shortest_path.h"

namespace tf::policy {

Result<std::optional<uint64_t>> StoreGraph::FindNode(std::string_view id) const {
  TF_ASSIGN_OR_RETURN(std::optional<graph::NodeIndex> node, store_.FindNode(id));
  return node ? std::optional<uint64_t>(*node) : std::nullopt;
}

Status StoreGraph::VisitNeighbors(uint64_t node, EdgeDirection dir,
                                  const std::function<bool(uint64_t)>& visit) const {
  return store_.VisitEdges(node,
                           dir == EdgeDirection::kOut ? graph::EdgeDir::kOut : graph::EdgeDir::kIn,
                           graph::Tier::kHot, options_.oldest, options_.newest,
                           [&](const graph::AdjacentEdge& e) { return visit(e.other); });
}

Result<BoundedCount> StoreGraph::ComponentSize(std::string_view node, uint64_t max) const {
  TF_ASSIGN_OR_RETURN(graph::ComponentSize size,
                      graph::ComponentSizeOf(store_, node, options_, max));
  // A component always holds its node, so with max 0 it exceeds even when the search had
  // nothing to stop.
  return BoundedCount{size.size, size.exceeded || size.size > max};
}

Result<BoundedCount> StoreGraph::Degree(std::string_view node, DegreeDirection direction,
                                        uint64_t max) const {
  graph::TraversalOptions options = options_;
  options.direction = direction == DegreeDirection::kOut  ? graph::Direction::kOut
                      : direction == DegreeDirection::kIn ? graph::Direction::kIn
                                                          : graph::Direction::kBoth;
  TF_ASSIGN_OR_RETURN(graph::DegreeResult degree, graph::Degree(store_, node, options, max));
  return BoundedCount{degree.total(), degree.exceeded};
}

Result<std::optional<uint64_t>> StoreGraph::PathLength(std::string_view from, std::string_view to,
                                                       uint64_t max) const {
  if (max == 0) {  // the query API searches at least one level; a path of 0 edges is a node
    TF_ASSIGN_OR_RETURN(uint64_t source, Resolve(from));
    TF_ASSIGN_OR_RETURN(uint64_t target, Resolve(to));
    return source == target ? std::optional<uint64_t>(0) : std::nullopt;
  }
  graph::TraversalOptions options = options_;
  options.direction = graph::Direction::kOut;
  graph::PathOptions bounds;
  bounds.max_depth =
      static_cast<uint32_t>(std::min<uint64_t>(max, std::numeric_limits<uint32_t>::max()));
  TF_ASSIGN_OR_RETURN(graph::PathResult path,
                      graph::ShortestPathLength(store_, from, to, options, bounds));
  // A search stopped by its visit bound found no path within the limit: denied (fails closed).
  if (!path.length || *path.length > max) return std::optional<uint64_t>();
  return std::optional<uint64_t>(*path.length);
}

}  // namespace tf::policy
