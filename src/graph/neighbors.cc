#include "graph/neighbors.h"

#include "graph/internal/edge_walker.h"
#include "ledger/timestamp.h"

namespace tf::graph {

Result<NeighborsResult> Neighbors(const GraphStore& store, std::string_view node,
                                  const TraversalOptions& options, size_t limit) {
  TF_ASSIGN_OR_RETURN(NodeIndex start, RequireNode(store, node));
  std::vector<internal::WalkedEdge> edges;
  internal::EdgeWalker walker(store, options, /*recent_only=*/false);
  // One more than the limit tells whether there were more.
  TF_RETURN_IF_ERROR(walker.Collect(start, limit + 1, edges));
  NeighborsResult r;
  r.truncated = edges.size() > limit;
  if (r.truncated) edges.resize(limit);
  r.neighbors.reserve(edges.size());
  for (const internal::WalkedEdge& e : edges) {
    TF_ASSIGN_OR_RETURN(std::string id, store.NodeId(e.other));
    r.neighbors.push_back({std::move(id), store.TypeName(e.type), e.time,
                           e.dir == EdgeDir::kOut ? Direction::kOut : Direction::kIn, e.edge_id});
  }
  return r;
}

Value NeighborsToValue(std::string_view node, const NeighborsResult& result) {
  std::vector<Value> items;
  items.reserve(result.neighbors.size());
  for (const Neighbor& n : result.neighbors) {
    items.push_back(Value::Object(
        {{Value::String("id"), Value::String(n.id)},
         {Value::String("type"), Value::String(n.type)},
         {Value::String("direction"), Value::String(DirectionName(n.direction))},
         {Value::String("observed_at"), Value::String(ledger::FormatTimestamp(n.observed_at))}}));
  }
  return Value::Object({{Value::String("node"), Value::String(node)},
                        {Value::String("neighbors"), Value::Array(std::move(items))},
                        {Value::String("truncated"), Value::Bool(result.truncated)}});
}

}  // namespace tf::graph
