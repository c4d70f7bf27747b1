#include "graph/component.h"

#include <algorithm>
#include <vector>

#include "graph/internal/edge_walker.h"
#include "graph/internal/node_set.h"

namespace tf::graph {

Result<ComponentSize> ComponentSizeOf(const GraphStore& store, std::string_view node,
                                      const TraversalOptions& options, uint64_t limit) {
  TF_ASSIGN_OR_RETURN(NodeIndex start, RequireNode(store, node));
  TraversalOptions weak = options;
  weak.direction = Direction::kBoth;
  const internal::EdgeWalker walker(store, weak, /*recent_only=*/false);
  // Sized for the limit up to a bound: a small limit never rehashes, a large one grows on demand.
  constexpr uint64_t kPresizeNodes = 4096;
  internal::NodeSet seen(std::min(limit + 1, kPresizeNodes));
  seen.Insert(start);
  std::vector<NodeIndex> stack{start};
  ComponentSize r;
  while (!stack.empty() && !r.exceeded) {
    const NodeIndex n = stack.back();
    stack.pop_back();
    TF_RETURN_IF_ERROR(walker.Visit(n, [&](const internal::WalkedEdge& e) {
      if (seen.Insert(e.other)) stack.push_back(e.other);
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
