#include "policy/weights.h"

#include "policy/internal/yaml_source.h"

namespace tf::policy {

using internal::Cursor;
using internal::YamlSource;

Result<Weights> ParseWeights(std::string_view yaml_text, std::string file) {
  TF_ASSIGN_OR_RETURN(YamlSource src,
                      YamlSource::Parse(yaml_text, std::move(file), ErrorCode::kWeightsInvalid));
  Weights out;
  out.file = src.file();
  bool has_weights = false;
  auto read_cost = [&](const std::string& rule, const Cursor& v, SourcePos pos) -> Status {
    if (!IsValidRuleId(rule)) return src.Error(pos, "\"" + rule + "\" is not a rule id");
    TF_ASSIGN_OR_RETURN(uint64_t cost, src.Unsigned(v, "the cost of " + rule, kMaxRuleCost));
    out.costs[rule] = {cost, pos};
    return Status();
  };
  TF_RETURN_IF_ERROR(src.ForEachEntry(
      src.root(), "the weights file", [&](const std::string& key, const Cursor& v, SourcePos pos) {
        if (key == "pack") {
          Result<std::string> pack = src.String(v, "pack");
          if (!pack.ok()) return pack.status();
          out.pack = std::move(*pack);
          return Status();
        }
        if (key == "weights") {
          has_weights = true;
          return src.ForEachEntry(v, "weights", read_cost);
        }
        return src.Error(pos, "unknown key \"" + key + "\" (expected pack, weights)");
      }));
  if (!has_weights) return src.Error(src.root().pos(), "the weights file needs a weights mapping");
  return out;
}

}  // namespace tf::policy
