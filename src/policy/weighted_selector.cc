#include "policy/weighted_selector.h"

namespace tf::policy {
namespace {

Status WeightsError(const Weights& w, SourcePos pos, const std::string& message) {
  std::string where = w.file;
  if (pos.line > 0) where += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col);
  return Status(ErrorCode::kWeightsInvalid, where + ": " + message);
}

}  // namespace

Result<WeightedSelector> WeightedSelector::ForPack(const CompiledPack& pack,
                                                   const Weights& weights) {
  if (!weights.pack.empty() && weights.pack != pack.id()) {
    return WeightsError(weights, {}, "weights are for pack " + weights.pack + ", not " + pack.id());
  }
  std::vector<uint64_t> costs;
  costs.reserve(pack.num_rules());
  for (size_t i = 0; i < pack.num_rules(); ++i)
    costs.push_back(pack.rule(i).cost);
  for (const auto& [rule, entry] : weights.costs) {
    std::optional<size_t> index = pack.FindRule(rule);
    if (!index) {
      return WeightsError(weights, entry.pos,
                          "pack " + pack.id() + " has no rule \"" + rule + "\"");
    }
    costs[*index] = entry.cost;
  }
  return WeightedSelector(pack, std::move(costs));
}

Status WeightedSelector::Select(const SelectionInput& in, std::vector<SelectedRule>& out) const {
  if (&in.pack != pack_) {
    return InvalidArgument("weighted selector for pack " + pack_->id() + " (" + pack_->hash() +
                           ") used with pack " + in.pack.id() + " (" + in.pack.hash() + ")");
  }
  SelectActiveRules(in, costs_, out);
  return Status();
}

}  // namespace tf::policy
