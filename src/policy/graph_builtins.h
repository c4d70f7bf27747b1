// File: policy/graph_builtins.h
//
// The graph.* Rego builtins, registered from outside the rego module (which may not depend on
// graph) through BuiltinRegistry::WithExtras, with the graph handed to them per query as the
// evaluation's BuiltinHost:
//
//   static const rego::BuiltinRegistry registry = rego::BuiltinRegistry::WithExtras(
//       policy::GraphBuiltins());
//   compile with CompileOptions{.builtins = &registry};
//   policy::GraphBuiltinHost host(store);
//   eval_options.host = &host;
//
//   graph.neighbors(node, opts)                 array of neighbour ids (distinct, newest first)
//   graph.k_hop(node, k, opts)                  set of ids within k hops (the start excluded)
//   graph.shortest_path_length(from, to, opts)  number of edges; undefined when no path
//   graph.component_size(node, opts)            weakly connected component size
//   graph.degree(node, opts)                    edges at the node in opts.direction
//
// Node ids are strings (numbers are taken as their decimal text). `opts` is an object, `{}` for
// the defaults: direction ("out", "in", "both"; default "out"), edge_types (array of strings),
// oldest/newest/after (RFC 3339 or Unix seconds), age ("any", "prefer", "restrict"),
// include_archive (bool), limit (neighbors: result size, default 1000; component_size: stop
// once the size passes it, returning limit + 1), degree_cap and max_nodes (k_hop), max_depth
// (shortest_path_length). An unknown node makes the call undefined, as a missing document does
// in OPA; malformed options, or a query without a graph attached, are builtin errors.
#ifndef TF_POLICY_GRAPH_BUILTINS_H_
#define TF_POLICY_GRAPH_BUILTINS_H_

#include <string_view>
#include <vector>

#include "graph/graph_store.h"
#include "rego/builtin.h"
#include "rego/ir.h"

namespace tf::policy {

class GraphBuiltinHost final : public rego::BuiltinHost {
 public:
  // REQUIRES: `store` outlives the host.
  explicit GraphBuiltinHost(const graph::GraphStore& store) : store_(store) {}
  const graph::GraphStore& store() const { return store_; }

 private:
  const graph::GraphStore& store_;
};

// The declarations of the five builtins above.
std::vector<rego::BuiltinDecl> GraphBuiltins();

// The default builtins plus GraphBuiltins(), built once: what packs and `proof eval` compile
// with, so a policy may call graph.* and the caller decides per evaluation whether a graph is
// attached.
const rego::BuiltinRegistry& GraphAwareBuiltins();

// The first graph.* builtin a compiled program calls ("graph.degree"), or "" when it calls
// none: callers without a graph refuse such a program up front instead of letting each call
// fail.
std::string_view FirstGraphBuiltin(const rego::ir::Program& program);

}  // namespace tf::policy

#endif  // TF_POLICY_GRAPH_BUILTINS_H_
