#include "graph/internal/edge_walker.h"

namespace tf::graph::internal {

EdgeWalker::EdgeWalker(const GraphStore& store, const TraversalOptions& options, bool recent_only)
    : store_(store), options_(options), cache_(store.CacheSnapshot()), oldest_(options.oldest) {
  const bool restrict =
      options.age == AgeMode::kRestrict || (options.age == AgeMode::kPrefer && recent_only);
  if (restrict) oldest_ = std::max(oldest_, options.after);
  if (!options.edge_types.empty()) {
    filter_types_ = true;
    for (const std::string& name : options.edge_types)
      if (std::optional<uint32_t> id = store.TypeId(name)) types_.push_back(*id);
    std::sort(types_.begin(), types_.end());
  }
}

Status EdgeWalker::Collect(NodeIndex node, size_t cap, std::vector<WalkedEdge>& out) const {
  const size_t start = out.size();
  return Visit(node, [&](const WalkedEdge& e) {
    out.push_back(e);
    return cap == 0 || out.size() - start < cap;
  });
}

}  // namespace tf::graph::internal
