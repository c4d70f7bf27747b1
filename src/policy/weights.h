// File: policy/weights.h
//
// A weights file: rule costs that override a pack's manifest costs, e.g. measured costs from
// production, without editing (and so re-hashing) the pack.
//
//   pack: lksg.v1          # optional; when present the file only applies to this pack
//   weights:
//     no_sanctions: 10
//     audit_fresh: 1
#ifndef TF_POLICY_WEIGHTS_H_
#define TF_POLICY_WEIGHTS_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"
#include "policy/manifest.h"

namespace tf::policy {

struct Weights {
  struct Entry {
    uint64_t cost = 0;
    SourcePos pos;
  };
  std::string file;                    // for diagnostics
  std::string pack;                    // empty: any pack
  std::map<std::string, Entry> costs;  // rule id -> cost
};

// Errors: kWeightsInvalid (or kPackDuplicateId for a rule listed twice) with file:line:col.
Result<Weights> ParseWeights(std::string_view yaml_text, std::string file);

}  // namespace tf::policy

#endif  // TF_POLICY_WEIGHTS_H_
