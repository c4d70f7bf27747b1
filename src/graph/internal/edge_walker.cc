#include "graph/internal/edge_walker.h"

#include <algorithm>

namespace tf::graph::internal {

EdgeWalker::EdgeWalker(const GraphStore& store, const TraversalOptions& options, bool recent_only)
    : store_(store), options_(options), oldest_(options.oldest) {
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

Status EdgeWalker::Visit(NodeIndex node,
                         const std::function<bool(const WalkedEdge&)>& visit) const {
  if (filter_types_ && types_.empty()) return Status();
  bool stopped = false;
  for (EdgeDir dir : {EdgeDir::kOut, EdgeDir::kIn}) {
    if (options_.direction == Direction::kOut && dir == EdgeDir::kIn) continue;
    if (options_.direction == Direction::kIn && dir == EdgeDir::kOut) continue;
    for (Tier tier : {Tier::kHot, Tier::kArchive}) {
      if (stopped) return Status();
      if (tier == Tier::kArchive && !options_.include_archive) continue;
      TF_RETURN_IF_ERROR(
          store_.VisitEdges(node, dir, tier, oldest_, options_.newest, [&](const AdjacentEdge& e) {
            if (filter_types_ && !std::binary_search(types_.begin(), types_.end(), e.type)) {
              return true;
            }
            if (!visit({e.other, e.type, e.time, e.edge_id, dir})) stopped = true;
            return !stopped;
          }));
    }
  }
  return Status();
}

Status EdgeWalker::Collect(NodeIndex node, size_t cap, std::vector<WalkedEdge>& out) const {
  const size_t start = out.size();
  return Visit(node, [&](const WalkedEdge& e) {
    out.push_back(e);
    return cap == 0 || out.size() - start < cap;
  });
}

}  // namespace tf::graph::internal
