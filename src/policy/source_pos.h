// File: policy/source_pos.h
//
// A 1-based position in pack.yaml, for diagnostics that come after parsing (e.g. a ref the
// Rego modules do not define). 0 means unknown.
#ifndef TF_POLICY_SOURCE_POS_H_
#define TF_POLICY_SOURCE_POS_H_

#include <cstdint>

namespace tf::policy {

struct SourcePos {
  uint32_t line = 0;
  uint32_t col = 0;
};

}  // namespace tf::policy

#endif  // TF_POLICY_SOURCE_POS_H_
