#include "graph/k_hop.h"

#include <algorithm>

#include "graph/internal/edge_walker.h"
#include "graph/internal/node_set.h"

namespace tf::graph {

Result<KHopResult> KHopFrom(const GraphStore& store, NodeIndex start,
                            const TraversalOptions& options, const KHopOptions& k) {
  if (k.hops < 1 || k.hops > kMaxHops) {
    return Status(ErrorCode::kGraphQueryInvalid, "hops must be 1.." + std::to_string(kMaxHops) +
                                                     ", not " + std::to_string(k.hops));
  }
  if (k.max_nodes == 0) return Status(ErrorCode::kGraphQueryInvalid, "max_nodes must be > 0");
  internal::EdgeWalker walker(store, options, /*recent_only=*/false);
  KHopResult r;
  constexpr uint64_t kPresizeNodes = 4096;
  internal::NodeSet seen(std::min<uint64_t>(k.max_nodes, kPresizeNodes));
  seen.Insert(start);
  std::vector<NodeIndex> frontier{start}, next;
  std::vector<internal::WalkedEdge> edges;
  for (uint32_t hop = 0; hop < k.hops && !frontier.empty() && !r.truncated; ++hop) {
    next.clear();
    for (NodeIndex n : frontier) {
      edges.clear();
      TF_RETURN_IF_ERROR(walker.Collect(n, k.degree_cap, edges));
      for (const internal::WalkedEdge& e : edges) {
        if (!seen.Insert(e.other)) continue;
        next.push_back(e.other);
        if (r.nodes.size() + next.size() >= k.max_nodes) {
          r.truncated = true;
          break;
        }
      }
      if (r.truncated) break;
    }
    r.per_hop.push_back(next.size());
    r.nodes.insert(r.nodes.end(), next.begin(), next.end());
    frontier.swap(next);
  }
  r.reached = r.nodes.size();
  if (k.with_ids) {
    r.ids.reserve(r.nodes.size());
    for (NodeIndex n : r.nodes) {
      TF_ASSIGN_OR_RETURN(std::string id, store.NodeId(n));
      r.ids.push_back(std::move(id));
    }
  }
  return r;
}

Result<KHopResult> KHop(const GraphStore& store, std::string_view node,
                        const TraversalOptions& options, const KHopOptions& k) {
  TF_ASSIGN_OR_RETURN(NodeIndex start, RequireNode(store, node));
  return KHopFrom(store, start, options, k);
}

Value KHopToValue(std::string_view node, const KHopOptions& k, const KHopResult& result) {
  std::vector<Value> per_hop, ids;
  for (uint64_t c : result.per_hop)
    per_hop.push_back(Value::Int(static_cast<int64_t>(c)));
  for (const std::string& id : result.ids)
    ids.push_back(Value::String(id));
  std::vector<ObjectEntry> fields = {
      {Value::String("node"), Value::String(node)},
      {Value::String("hops"), Value::Int(k.hops)},
      {Value::String("reached"), Value::Int(static_cast<int64_t>(result.reached))},
      {Value::String("per_hop"), Value::Array(std::move(per_hop))},
      {Value::String("truncated"), Value::Bool(result.truncated)}};
  if (k.with_ids) fields.push_back({Value::String("nodes"), Value::Array(std::move(ids))});
  return Value::Object(std::move(fields));
}

}  // namespace tf::graph
