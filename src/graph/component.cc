#include "graph/component.h"

#include <unordered_set>
#include <vector>

#include "graph/internal/edge_walker.h"

namespace tf::graph {

Result<ComponentSize> ComponentSizeOf(const GraphStore& store, std::string_view node,
                                      const TraversalOptions& options, uint64_t limit) {
  TF_ASSIGN_OR_RETURN(NodeIndex start, RequireNode(store, node));
  TraversalOptions weak = options;
  weak.direction = Direction::kBoth;
  const internal::EdgeWalker walker(store, weak, /*recent_only=*/false);
  std::unordered_set<NodeIndex> seen{start};
  std::vector<NodeIndex> stack{start};
  ComponentSize r;
  while (!stack.empty() && !r.exceeded) {
    const NodeIndex n = stack.back();
    stack.pop_back();
    TF_RETURN_IF_ERROR(walker.Visit(n, [&](const internal::WalkedEdge& e) {
      if (seen.insert(e.other).second) stack.push_back(e.other);
      r.exceeded = seen.size() > limit;
      return !r.exceeded;
    }));
  }
  r.size = seen.size();
  return r;
}

Value ComponentToValue(std::string_view node, const ComponentSize& result) {
  return Value::Object(
      {{Value::String("node"), Value::String(node)},
       {Value::String("component_size"), Value::Int(static_cast<int64_t>(result.size))},
       {Value::String("exceeded"), Value::Bool(result.exceeded)}});
}

}  // namespace tf::graph
