// File: graph/traversal.h
//
// What every graph query shares: which edges a traversal may follow. Queries (neighbors.h,
// k_hop.h, shortest_path.h, component.h, degree.h) take a `const GraphStore&`, a node id and
// these options; an unknown node id is kGraphNodeNotFound, malformed options kGraphQueryInvalid.
//
//   TraversalOptions o;
//   o.direction = Direction::kBoth;
//   o.edge_types = {"RATED"};
//   o.after = cutoff;                 // with o.age = AgeMode::kRestrict: only newer edges
//   TF_ASSIGN_OR_RETURN(ComponentSize c, graph::ComponentSizeOf(store, "42", o, 10'000));
//
// Age-aware traversal: edges are stored newest first, so a degree cap always keeps a node's most
// recent edges. `age` decides what `after` does: kRestrict follows only edges observed at or after
// it; kPrefer answers from those edges when that yields a result (a path, a full degree cap) and
// falls back to older ones otherwise. Edges moved to the archive tier (GraphStore::MoveToArchive)
// are followed only with `include_archive`.
#ifndef TF_GRAPH_TRAVERSAL_H_
#define TF_GRAPH_TRAVERSAL_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/graph_store.h"

namespace tf::graph {

enum class Direction : uint8_t { kOut, kIn, kBoth };
enum class AgeMode : uint8_t { kAny, kPrefer, kRestrict };

struct TraversalOptions {
  Direction direction = Direction::kOut;
  // Edge types to follow; empty: all. A type the graph has never seen matches no edge.
  std::vector<std::string> edge_types;
  // Time window on observed_at (nanoseconds since the epoch), inclusive.
  int64_t oldest = std::numeric_limits<int64_t>::min();
  int64_t newest = std::numeric_limits<int64_t>::max();
  AgeMode age = AgeMode::kAny;
  int64_t after = 0;  // with age != kAny
  bool include_archive = false;
};

// Parses "out", "in", "both". kGraphQueryInvalid otherwise.
Result<Direction> ParseDirection(std::string_view text);

// Traversal options as people spell them: the CLI's flags and the HTTP API's query parameters
// (`--since T` / `since=T`, …). Times as ParseTimeText reads them: Unix seconds or RFC 3339.
struct TraversalText {
  std::string direction = "out";
  std::vector<std::string> edge_types;
  std::string since, until;  // the time window
  std::string after;         // the age cutoff; restricts unless `age` is "prefer"
  std::string age;           // "", "restrict" or "prefer" (needs `after`)
  bool include_archive = false;
};
// kGraphQueryInvalid naming the option that is malformed.
Result<TraversalOptions> ParseTraversalText(const TraversalText& text);
std::string_view DirectionName(Direction d);

// Resolves a node id to its index. kGraphNodeNotFound when the graph has no such node.
Result<NodeIndex> RequireNode(const GraphStore& store, std::string_view id);

}  // namespace tf::graph

#endif  // TF_GRAPH_TRAVERSAL_H_
