#include "graph/traversal.h"

#include "graph/time_value.h"

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

namespace {

Result<int64_t> ParseOptionTime(std::string_view option, std::string_view text) {
  Result<int64_t> t = ParseTimeText(text);
  if (!t.ok()) {
    return Status(ErrorCode::kGraphQueryInvalid,
                  std::string(option) + ": " + std::string(t.status().message()));
  }
  return t;
}

}  // namespace

Result<TraversalOptions> ParseTraversalText(const TraversalText& text) {
  TraversalOptions o;
  TF_ASSIGN_OR_RETURN(o.direction, ParseDirection(text.direction));
  o.edge_types = text.edge_types;
  if (!text.since.empty()) {
    TF_ASSIGN_OR_RETURN(o.oldest, ParseOptionTime("since", text.since));
  }
  if (!text.until.empty()) {
    TF_ASSIGN_OR_RETURN(o.newest, ParseOptionTime("until", text.until));
  }
  if (!text.after.empty()) {
    TF_ASSIGN_OR_RETURN(o.after, ParseOptionTime("after", text.after));
    o.age = AgeMode::kRestrict;
  }
  if (text.age == "prefer") {
    o.age = AgeMode::kPrefer;
  } else if (!text.age.empty() && text.age != "restrict") {
    return Status(ErrorCode::kGraphQueryInvalid, "age must be prefer or restrict");
  }
  if (!text.age.empty() && text.after.empty()) {
    return Status(ErrorCode::kGraphQueryInvalid, "age needs after");
  }
  o.include_archive = text.include_archive;
  return o;
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
