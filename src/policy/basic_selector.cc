#include "policy/basic_selector.h"

namespace tf::policy {

void SelectActiveRules(const SelectionInput& in, std::span<const uint64_t> costs,
                       std::vector<SelectedRule>& out) {
  const CompiledPack& pack = in.pack;
  const size_t n = pack.num_rules();
  // Branch-free: whether a predicate holds is a coin toss to the branch predictor. Every rule is
  // written, and the end moves past the active ones only.
  out.resize(n);
  size_t end = 0;
  const size_t width = pack.predicate_width();
  if (width > 0) {
    // Every rule checks `width` predicates, so the inner loop always runs the same count.
    std::span<const uint32_t> padded = pack.padded_predicates();
    std::span<const uint8_t> without = pack.rules_without_predicates();
    for (size_t i = 0; i < n; ++i) {
      uint8_t holds = 1;
      for (size_t k = 0; k < width; ++k)
        holds &= in.predicates[padded[i * width + k]];
      out[end] = {static_cast<uint32_t>(i), costs[i], &pack.rule(i).activation};
      end += (holds | without[i]) != 0;
    }
  } else {
    for (size_t i = 0; i < n; ++i) {
      bool active = true;
      for (uint32_t p : pack.rule_predicates(i))
        active &= in.predicates[p] != 0;
      out[end] = {static_cast<uint32_t>(i), costs[i], &pack.rule(i).activation};
      end += active;
    }
  }
  out.resize(end);
}

Status BasicSelector::Select(const SelectionInput& in, std::vector<SelectedRule>& out) const {
  SelectActiveRules(in, in.pack.rule_costs(), out);
  return Status();
}

Status ExhaustiveSelector::Select(const SelectionInput& in, std::vector<SelectedRule>& out) const {
  out.clear();
  for (size_t i = 0; i < in.pack.num_rules(); ++i) {
    out.push_back({static_cast<uint32_t>(i), in.pack.rule(i).cost, nullptr});
  }
  return Status();
}

}  // namespace tf::policy
