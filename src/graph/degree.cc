#include "graph/degree.h"

#include "graph/internal/edge_walker.h"

namespace tf::graph {

Result<DegreeResult> Degree(const GraphStore& store, std::string_view node,
                            const TraversalOptions& options, std::optional<uint64_t> stop_above) {
  TF_ASSIGN_OR_RETURN(NodeIndex start, RequireNode(store, node));
  const internal::EdgeWalker walker(store, options, /*recent_only=*/false);
  DegreeResult r;
  TF_RETURN_IF_ERROR(walker.Visit(start, [&](const internal::WalkedEdge& e) {
    (e.dir == EdgeDir::kOut ? r.out : r.in) += 1;
    r.exceeded = stop_above && r.total() > *stop_above;
    return !r.exceeded;
  }));
  return r;
}

Value DegreeToValue(std::string_view node, const DegreeResult& result) {
  return Value::Object({{Value::String("node"), Value::String(node)},
                        {Value::String("degree"), Value::Int(static_cast<int64_t>(result.total()))},
                        {Value::String("out"), Value::Int(static_cast<int64_t>(result.out))},
                        {Value::String("in"), Value::Int(static_cast<int64_t>(result.in))},
                        {Value::String("exceeded"), Value::Bool(result.exceeded)}});
}

}  // namespace tf::graph
