// File: graph/degree.h
//
// A node's degree: its edges under TraversalOptions, counted per direction (options.direction
// picks which are counted). With `stop_above`, counting stops once the total passes it (then
// `exceeded`), so a limit check on a hub costs stop_above + 1 edges, not all of them.
#ifndef TF_GRAPH_DEGREE_H_
#define TF_GRAPH_DEGREE_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/status.h"
#include "core/value.h"
#include "graph/graph_store.h"
#include "graph/traversal.h"

namespace tf::graph {

struct DegreeResult {
  uint64_t out = 0;
  uint64_t in = 0;
  bool exceeded = false;
  uint64_t total() const { return out + in; }
};

Result<DegreeResult> Degree(const GraphStore& store, std::string_view node,
                            const TraversalOptions& options,
                            std::optional<uint64_t> stop_above = std::nullopt);

// {"node":"42","degree":N,"out":N,"in":N}
Value DegreeToValue(std::string_view node, const DegreeResult& result);

}  // namespace tf::graph

#endif  // TF_GRAPH_DEGREE_H_
