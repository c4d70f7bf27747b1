#include "policy/graph_builtins.h"

#include <unordered_set>

#include "core/json.h"
#include "graph/component.h"
#include "graph/degree.h"
#include "graph/k_hop.h"
#include "graph/neighbors.h"
#include "graph/shortest_path.h"
#include "graph/time_value.h"

namespace tf::policy {
namespace {

using rego::BuiltinContext;
using rego::BuiltinError;

Result<const graph::GraphStore*> StoreOf(const BuiltinContext& ctx) {
  const auto* host = dynamic_cast<const GraphBuiltinHost*>(ctx.host);
  if (host == nullptr) return BuiltinError("no graph is attached to this evaluation");
  return &host->store();
}

Result<std::string> NodeArg(const Value& v, int pos) {
  if (v.is_string()) return std::string(v.string());
  if (v.is_number()) return ToJson(v);
  return rego::OperandTypeError(pos, v, {"string", "number"});
}

// The options object, parsed; the numeric keys apply to some builtins only.
struct Options {
  graph::TraversalOptions traversal;
  std::optional<uint64_t> limit, degree_cap, max_nodes, max_depth;
};

Result<uint64_t> Count(const Value& v, std::string_view key) {
  if (!v.is_small_int() || v.small_int() < 0) {
    return BuiltinError("option " + std::string(key) + " must be a non-negative integer");
  }
  return static_cast<uint64_t>(v.small_int());
}

Result<int64_t> Time(const Value& v, std::string_view key) {
  Result<int64_t> t = graph::ParseTimeValue(v);
  if (!t.ok())
    return BuiltinError("option " + std::string(key) + ": " + std::string(t.status().message()));
  return *t;
}

Result<Options> ParseOptions(const Value& v) {
  Options o;
  for (const auto& [key_value, value] : v.object()) {
    if (!key_value.is_string()) return BuiltinError("option keys are strings");
    const std::string_view key = key_value.string();
    if (key == "direction") {
      if (!value.is_string()) return BuiltinError("option direction must be a string");
      Result<graph::Direction> d = graph::ParseDirection(value.string());
      if (!d.ok()) return BuiltinError(std::string(d.status().message()));
      o.traversal.direction = *d;
    } else if (key == "edge_types") {
      if (!value.is_array() && !value.is_set()) {
        return BuiltinError("option edge_types must be an array of strings");
      }
      for (const Value& t : value.is_array() ? value.array() : value.set()) {
        if (!t.is_string()) return BuiltinError("option edge_types must be an array of strings");
        o.traversal.edge_types.emplace_back(t.string());
      }
    } else if (key == "oldest") {
      TF_ASSIGN_OR_RETURN(o.traversal.oldest, Time(value, key));
    } else if (key == "newest") {
      TF_ASSIGN_OR_RETURN(o.traversal.newest, Time(value, key));
    } else if (key == "after") {
      TF_ASSIGN_OR_RETURN(o.traversal.after, Time(value, key));
      if (o.traversal.age == graph::AgeMode::kAny) o.traversal.age = graph::AgeMode::kRestrict;
    } else if (key == "age") {
      const std::string a = value.is_string() ? value.string() : std::string();
      if (a == "any")
        o.traversal.age = graph::AgeMode::kAny;
      else if (a == "prefer")
        o.traversal.age = graph::AgeMode::kPrefer;
      else if (a == "restrict")
        o.traversal.age = graph::AgeMode::kRestrict;
      else
        return BuiltinError("option age must be \"any\", \"prefer\" or \"restrict\"");
    } else if (key == "include_archive") {
      if (!value.is_bool()) return BuiltinError("option include_archive must be a boolean");
      o.traversal.include_archive = value.bool_value();
    } else if (key == "limit") {
      TF_ASSIGN_OR_RETURN(o.limit, Count(value, key));
    } else if (key == "degree_cap") {
      TF_ASSIGN_OR_RETURN(o.degree_cap, Count(value, key));
    } else if (key == "max_nodes") {
      TF_ASSIGN_OR_RETURN(o.max_nodes, Count(value, key));
    } else if (key == "max_depth") {
      TF_ASSIGN_OR_RETURN(o.max_depth, Count(value, key));
    } else {
      return BuiltinError("unknown option \"" + std::string(key) + "\"");
    }
  }
  return o;
}

// An unknown node is undefined; other query errors are builtin errors.
Status QueryError(const Status& s) {
  if (s.code() == ErrorCode::kGraphNodeNotFound) return rego::BuiltinUndefined();
  return BuiltinError(std::string(s.message()));
}

Value Int(uint64_t v) {
  return Value::Int(static_cast<int64_t>(v));
}

Result<Value> Neighbors(BuiltinContext& ctx, std::span<const Value> args) {
  TF_ASSIGN_OR_RETURN(const graph::GraphStore* store, StoreOf(ctx));
  TF_ASSIGN_OR_RETURN(std::string node, NodeArg(args[0], 1));
  TF_ASSIGN_OR_RETURN(Options o, ParseOptions(args[1]));
  Result<graph::NeighborsResult> r =
      graph::Neighbors(*store, node, o.traversal, o.limit.value_or(graph::kDefaultNeighborLimit));
  if (!r.ok()) return QueryError(r.status());
  std::vector<Value> ids;
  std::unordered_set<std::string_view> seen;
  for (const graph::Neighbor& n : r->neighbors)
    if (seen.insert(n.id).second) ids.push_back(Value::String(n.id));
  return Value::Array(std::move(ids));
}

Result<Value> KHop(BuiltinContext& ctx, std::span<const Value> args) {
  TF_ASSIGN_OR_RETURN(const graph::GraphStore* store, StoreOf(ctx));
  TF_ASSIGN_OR_RETURN(std::string node, NodeArg(args[0], 1));
  if (!args[1].is_small_int() || args[1].small_int() < 1 || args[1].small_int() > graph::kMaxHops) {
    return rego::OperandError(2, "must be an integer 1.." + std::to_string(graph::kMaxHops));
  }
  TF_ASSIGN_OR_RETURN(Options o, ParseOptions(args[2]));
  graph::KHopOptions k;
  k.hops = static_cast<uint32_t>(args[1].small_int());
  k.degree_cap = o.degree_cap.value_or(0);
  if (o.max_nodes) k.max_nodes = *o.max_nodes;
  Result<graph::KHopResult> r = graph::KHop(*store, node, o.traversal, k);
  if (!r.ok()) return QueryError(r.status());
  std::vector<Value> ids;
  ids.reserve(r->ids.size());
  for (const std::string& id : r->ids)
    ids.push_back(Value::String(id));
  return Value::Set(std::move(ids));
}

Result<Value> ShortestPathLength(BuiltinContext& ctx, std::span<const Value> args) {
  TF_ASSIGN_OR_RETURN(const graph::GraphStore* store, StoreOf(ctx));
  TF_ASSIGN_OR_RETURN(std::string from, NodeArg(args[0], 1));
  TF_ASSIGN_OR_RETURN(std::string to, NodeArg(args[1], 2));
  TF_ASSIGN_OR_RETURN(Options o, ParseOptions(args[2]));
  graph::PathOptions bounds;
  if (o.max_depth) bounds.max_depth = static_cast<uint32_t>(*o.max_depth);
  Result<graph::PathResult> r = graph::ShortestPathLength(*store, from, to, o.traversal, bounds);
  if (!r.ok()) return QueryError(r.status());
  if (!r->length) return rego::BuiltinUndefined();
  return Int(*r->length);
}

Result<Value> ComponentSize(BuiltinContext& ctx, std::span<const Value> args) {
  TF_ASSIGN_OR_RETURN(const graph::GraphStore* store, StoreOf(ctx));
  TF_ASSIGN_OR_RETURN(std::string node, NodeArg(args[0], 1));
  TF_ASSIGN_OR_RETURN(Options o, ParseOptions(args[1]));
  Result<graph::ComponentSize> r = graph::ComponentSizeOf(
      *store, node, o.traversal, o.limit.value_or(graph::kDefaultComponentLimit));
  if (!r.ok()) return QueryError(r.status());
  return Int(r->size);
}

Result<Value> Degree(BuiltinContext& ctx, std::span<const Value> args) {
  TF_ASSIGN_OR_RETURN(const graph::GraphStore* store, StoreOf(ctx));
  TF_ASSIGN_OR_RETURN(std::string node, NodeArg(args[0], 1));
  TF_ASSIGN_OR_RETURN(Options o, ParseOptions(args[1]));
  Result<graph::DegreeResult> r = graph::Degree(*store, node, o.traversal);
  if (!r.ok()) return QueryError(r.status());
  return Int(r->total());
}

constexpr rego::KindSet kNode = rego::kString | rego::kNumber;

}  // namespace

std::vector<rego::BuiltinDecl> GraphBuiltins() {
  using rego::Param;
  return {
      {"graph.neighbors",
       {Param{kNode, "node"}, Param{rego::kObject, "options"}},
       rego::kArray,
       &Neighbors,
       rego::BuiltinFlags::kNone,
       {},
       false},
      {"graph.k_hop",
       {Param{kNode, "node"}, Param{rego::kNumber, "k"}, Param{rego::kObject, "options"}},
       rego::kSet,
       &KHop,
       rego::BuiltinFlags::kNone,
       {},
       false},
      {"graph.shortest_path_length",
       {Param{kNode, "from"}, Param{kNode, "to"}, Param{rego::kObject, "options"}},
       rego::kNumber,
       &ShortestPathLength,
       rego::BuiltinFlags::kNone,
       {},
       false},
      {"graph.component_size",
       {Param{kNode, "node"}, Param{rego::kObject, "options"}},
       rego::kNumber,
       &ComponentSize,
       rego::BuiltinFlags::kNone,
       {},
       false},
      {"graph.degree",
       {Param{kNode, "node"}, Param{rego::kObject, "options"}},
       rego::kNumber,
       &Degree,
       rego::BuiltinFlags::kNone,
       {},
       false},
  };
}

const rego::BuiltinRegistry& GraphAwareBuiltins() {
  static const rego::BuiltinRegistry registry = rego::BuiltinRegistry::WithExtras(GraphBuiltins());
  return registry;
}

std::string_view FirstGraphBuiltin(const rego::ir::Program& program) {
  for (const rego::BuiltinDecl* decl : program.builtins) {
    if (decl != nullptr && decl->name.starts_with("graph.")) return decl->name;
  }
  return {};
}

}  // namespace tf::policy
