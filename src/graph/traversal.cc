#include "graph/traversal.h"

namespace tf::graph {

Result<Direction> ParseDirection(std::string_view text) {
  if (text == "out") return Direction::kOut;
  if (text == "in") return Direction::kIn;
  if (text == "both") return Direction::kBoth;
  return Status(ErrorCode::kGraphQueryInvalid,
                "direction \"" + std::string(text) + "\": expected out, in or both");
}

std::string_view DirectionName(Direction d) {
  switch (d) {
    case Direction::kOut:
      return "out";
    case Direction::kIn:
      return "in";
    case Direction::kBoth:
      return "both";
  }
  return "out";
}

Result<NodeIndex> RequireNode(const GraphStore& store, std::string_view id) {
  TF_ASSIGN_OR_RETURN(std::optional<NodeIndex> index, store.FindNode(id));
  if (!index) {
    return Status(ErrorCode::kGraphNodeNotFound,
                  "no node \"" + std::string(id) + "\" in the graph");
  }
  return *index;
}

}  // namespace tf::graph
