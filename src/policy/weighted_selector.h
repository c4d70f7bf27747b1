// File: policy/weighted_selector.h
//
// WeightedSelector: the rules BasicSelector would choose, at the costs of a weights file where
// it names them (manifest costs elsewhere). A WeightedSelector is bound to one compiled pack, so
// the weights are checked once (every named rule exists) and selection is a vector lookup.
//
//   TF_ASSIGN_OR_RETURN(tf::policy::Weights w, tf::policy::ParseWeights(text, "rules.yaml"));
//   TF_ASSIGN_OR_RETURN(tf::policy::WeightedSelector s,
//                       tf::policy::WeightedSelector::ForPack(compiled, w));
#ifndef TF_POLICY_WEIGHTED_SELECTOR_H_
#define TF_POLICY_WEIGHTED_SELECTOR_H_

#include <vector>

#include "policy/rule_selector.h"
#include "policy/weights.h"

namespace tf::policy {

class WeightedSelector final : public RuleSelector {
 public:
  // Fails with kWeightsInvalid when the weights are for another pack or name a rule the pack
  // does not have. REQUIRES: `pack` outlives the selector.
  static Result<WeightedSelector> ForPack(const CompiledPack& pack, const Weights& weights);

  std::string_view name() const override { return "weighted"; }
  // Fails (kInvalidArgument) for a pack other than the one it was bound to.
  Status Select(const SelectionInput& in, std::vector<SelectedRule>& out) const override;

  uint64_t cost(size_t rule) const { return costs_[rule]; }

 private:
  WeightedSelector(const CompiledPack& pack, std::vector<uint64_t> costs)
      : pack_(&pack), costs_(std::move(costs)) {}

  const CompiledPack* pack_;
  std::vector<uint64_t> costs_;  // per rule of the pack
};

}  // namespace tf::policy

#endif  // TF_POLICY_WEIGHTED_SELECTOR_H_
