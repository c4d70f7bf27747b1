// File: smt/internal/dependencies.h
//
// The rule dependency graph of a compiled policy, read from its IR: which functions (rule
// documents, user functions) evaluating a query may run, and which functions compute the
// document a ref names. The proofs gate uses it to tell whether a property constrains a rule.
//
// The graph follows every edge the IR has: calls (kCallFunc), documents loaded by node
// (kLoadDoc: the node's rules and those of every node below it; kLoadDocChild: every child),
// variable-head rules of ancestors that place values at a path, and functions that replace
// others in `with`. It is transitive and may over-approximate (a branch never taken still
// counts), never under-approximate.
#ifndef TF_SMT_INTERNAL_DEPENDENCIES_H_
#define TF_SMT_INTERNAL_DEPENDENCIES_H_

#include <set>
#include <string_view>

#include "rego/ir.h"

namespace tf::smt::internal {

// Every function evaluating query `query` of `program` may run, including its own.
std::set<rego::ir::FuncId> ReachableFuncs(const rego::ir::Program& program, size_t query);

// The functions that compute the document at `ref` ("data.pkg.rule"): the rules of its node and
// of the nodes below it, and variable-head rules above it. Empty when rules do not define it.
std::set<rego::ir::FuncId> DocumentFuncs(const rego::ir::Program& program, std::string_view ref);

}  // namespace tf::smt::internal

#endif  // TF_SMT_INTERNAL_DEPENDENCIES_H_
