// Entry point of the compiler and the checks that span the whole program.
#include <functional>

#include "rego/ast.h"
#include "rego/compiled_policy.h"
#include "rego/internal/compiler_impl.h"
#include "rego/ir.h"
#include "rego/parser.h"

namespace tf::rego {

using internal::CompilerImpl;

namespace internal {

// rego_recursion_error when a rule or function can reach itself through the documents it loads
// and the functions it calls (OPA forbids recursion; evaluation would not terminate).
bool CompilerImpl::CheckRecursion() {
  const size_t n = program_.funcs.size();
  std::vector<std::vector<ir::FuncId>> succ(n);
  std::function<void(ir::NodeId, std::vector<ir::FuncId>&)> subtree =
      [&](ir::NodeId node, std::vector<ir::FuncId>& out) {
        const ir::Node& x = program_.nodes[node];
        for (ir::FuncId f : {x.complete, x.partial_set, x.object}) {
          if (f != ir::kNone && !x.is_function) out.push_back(f);
        }
        for (const auto& [name, child] : x.children)
          subtree(child, out);
      };
  for (const auto& [f, calls] : func_calls_)
    succ[f].insert(succ[f].end(), calls.begin(), calls.end());
  for (const auto& [f, loads] : func_loads_) {
    for (ir::NodeId node : loads)
      subtree(node, succ[f]);
  }
  std::vector<uint8_t> color(n, 0);  // 0 new, 1 on stack, 2 done
  std::vector<ir::FuncId> stack;
  std::function<bool(ir::FuncId)> visit = [&](ir::FuncId f) {
    color[f] = 1;
    stack.push_back(f);
    for (ir::FuncId g : succ[f]) {
      if (color[g] == 1) {
        std::string cycle;
        bool in = false;
        for (ir::FuncId s : stack) {
          if (s == g) in = true;
          if (in) cycle += program_.funcs[s].name + " -> ";
        }
        cycle += program_.funcs[g].name;
        Error(ErrorCode::kRegoRecursionError, program_.funcs[g].loc,
              "rule " + program_.funcs[g].name + " is recursive: " + cycle);
        return false;
      }
      if (color[g] == 0 && !visit(g)) return false;
    }
    stack.pop_back();
    color[f] = 2;
    return true;
  };
  for (ir::FuncId f = 0; f < n; ++f) {
    if (color[f] == 0 && !visit(f)) return false;
  }
  return true;
}

}  // namespace internal

struct CompiledPolicy::State {
  std::vector<std::unique_ptr<Source>> sources;
  std::vector<Module> modules;
  ir::Program program;
};

CompiledPolicy::CompiledPolicy(std::unique_ptr<State> state)
    : state_(std::move(state)), program_(&state_->program) {}
CompiledPolicy::CompiledPolicy(CompiledPolicy&&) noexcept = default;
CompiledPolicy& CompiledPolicy::operator=(CompiledPolicy&&) noexcept = default;
CompiledPolicy::~CompiledPolicy() = default;

size_t CompiledPolicy::num_queries() const {
  return program_->queries.size();
}
const std::vector<Module>& CompiledPolicy::modules() const {
  return state_->modules;
}

Result<CompiledPolicy> CompiledPolicy::Compile(const std::vector<ModuleInput>& modules,
                                               const std::vector<std::string>& queries,
                                               const CompileOptions& options) {
  auto state = std::make_unique<State>();
  for (const ModuleInput& m : modules) {
    state->sources.push_back(std::make_unique<Source>(Source{m.name, m.text}));
    TF_ASSIGN_OR_RETURN(Module parsed, ParseModule(*state->sources.back()));
    state->modules.push_back(std::move(parsed));
  }
  std::vector<Body> parsed_queries;
  for (size_t i = 0; i < queries.size(); ++i) {
    state->sources.push_back(std::make_unique<Source>(Source{"query", queries[i]}));
    TF_ASSIGN_OR_RETURN(Body q, ParseQuery(*state->sources.back()));
    parsed_queries.push_back(std::move(q));
  }
  const BuiltinRegistry& builtins =
      options.builtins != nullptr ? *options.builtins : BuiltinRegistry::Default();
  CompilerImpl compiler(state->modules, builtins, state->program);
  bool ok = compiler.CompileModules();
  for (size_t i = 0; ok && i < parsed_queries.size(); ++i) {
    const Source* src = state->sources[modules.size() + i].get();
    ok = compiler.CompileQuery(parsed_queries[i], queries[i], src);
  }
  ok = ok && compiler.CheckRecursion();
  if (!ok) return DiagnosticsToStatus(compiler.diagnostics());
  TF_RETURN_IF_ERROR(state->program.Verify());
  return CompiledPolicy(std::move(state));
}

}  // namespace tf::rego
