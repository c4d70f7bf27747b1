// The rule dependency graph of a compiled policy.
#include "smt/internal/dependencies.h"

#include <string>
#include <vector>

namespace tf::smt::internal {
namespace {

using rego::ir::BlockId;
using rego::ir::FuncId;
using rego::ir::kNone;
using rego::ir::NodeId;
using rego::ir::Op;
using rego::ir::Program;

void AddNodeRules(const Program& p, NodeId node, std::set<FuncId>& out) {
  for (FuncId f : {p.nodes[node].complete, p.nodes[node].partial_set, p.nodes[node].object}) {
    if (f != kNone) out.insert(f);
  }
}

// The rules of `node` and of every node below it: a document includes its children's.
void AddSubtreeRules(const Program& p, NodeId node, std::set<FuncId>& out) {
  AddNodeRules(p, node, out);
  for (const auto& [key, child] : p.nodes[node].children)
    AddSubtreeRules(p, child, out);
}

// The functions statements of `block` (and the blocks nested in them) run directly.
void CalledFrom(const Program& p, BlockId block, std::vector<FuncId>& out) {
  std::set<FuncId> found;
  for (const rego::ir::Stmt& s : p.blocks[block].stmts) {
    switch (s.op) {
      case Op::kCallFunc:
        found.insert(s.target);
        break;
      case Op::kLoadDoc:
        AddSubtreeRules(p, s.target, found);
        break;
      case Op::kLoadDocChild:
        for (const auto& [key, child] : p.nodes[s.target].children)
          AddSubtreeRules(p, child, found);
        break;
      case Op::kWith:
        for (size_t i = 0; i < s.args.size(); ++i) {
          const rego::ir::WithTarget& w = p.with_targets[s.target + i];
          if (w.replacement == rego::ir::WithTarget::With::kFunc) found.insert(w.replacement_id);
        }
        break;
      default:
        break;
    }
    if (s.block != kNone) CalledFrom(p, s.block, out);
  }
  out.insert(out.end(), found.begin(), found.end());
}

std::vector<std::string> RefPath(std::string_view ref) {
  std::vector<std::string> path;
  size_t start = ref.find('.');
  while (start != std::string_view::npos) {
    size_t next = ref.find('.', start + 1);
    path.emplace_back(
        ref.substr(start + 1, next == std::string_view::npos ? ref.npos : next - start - 1));
    start = next;
  }
  return path;
}

}  // namespace

std::set<FuncId> ReachableFuncs(const Program& program, size_t query) {
  std::set<FuncId> seen;
  std::vector<FuncId> todo = {program.queries[query].func};
  while (!todo.empty()) {
    FuncId f = todo.back();
    todo.pop_back();
    if (!seen.insert(f).second) continue;
    if (program.funcs[f].body != kNone) CalledFrom(program, program.funcs[f].body, todo);
  }
  return seen;
}

std::set<FuncId> DocumentFuncs(const Program& program, std::string_view ref) {
  std::set<FuncId> out;
  NodeId node = 0;
  for (const std::string& key : RefPath(ref)) {
    // Variable-head rules of an ancestor place values below it, at this path too.
    if (program.nodes[node].object != kNone) out.insert(program.nodes[node].object);
    auto it = program.nodes[node].children.find(key);
    if (it == program.nodes[node].children.end()) {
      // Below the rule tree: the document is part of the value of the rules found so far.
      AddNodeRules(program, node, out);
      return out;
    }
    node = it->second;
  }
  AddSubtreeRules(program, node, out);
  return out;
}

}  // namespace tf::smt::internal
