// File: rego/builtins/go_template_internal.h
//
// The parsed form of a Go text/template, shared by the parser (go_template_parse.cc) and the
// executor (go_template_exec.cc). Mirrors text/template/parse's node kinds, reduced to what
// one template without `define` needs.
#ifndef TF_REGO_BUILTINS_GO_TEMPLATE_INTERNAL_H_
#define TF_REGO_BUILTINS_GO_TEMPLATE_INTERNAL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tf::rego::builtins::go_template {

struct Pipeline;

// One argument of a command. Field chains hang off a base: `.a.b` is kDot + {a, b}, `$x.a` is
// kVariable "x" + {a}, `(p).a` is kPipeline + {a}.
struct Operand {
  enum class Kind { kDot, kVariable, kPipeline, kFunction, kString, kInt, kFloat, kBool, kNil };
  Kind kind = Kind::kDot;
  std::string name;  // variable name without '$' ("" for `$`), function name, string literal
  std::vector<std::string> fields;
  int64_t int_value = 0;
  double float_value = 0;
  bool bool_value = false;
  std::shared_ptr<const Pipeline> pipeline;
};

// `fn a b` or a lone operand; in a pipeline the previous command's value is appended.
struct Command {
  std::vector<Operand> operands;
};

struct Pipeline {
  int line = 1;
  std::string text;                // the action's source, for error messages
  std::vector<std::string> decls;  // `$i, $v :=` or `$x =`
  bool is_assign = false;          // `=` rather than `:=`
  std::vector<Command> commands;
};

struct Node;
using NodeList = std::vector<Node>;

struct Node {
  enum class Kind { kText, kAction, kIf, kRange, kWith, kBreak, kContinue };
  Kind kind = Kind::kText;
  std::string text;
  Pipeline pipeline;
  NodeList body;
  NodeList else_body;  // `else if`/`else with` become one nested node here
};

// Parses `text`; errors read as Go's ("template: template:3: unexpected \"}\" in operand").
Result<NodeList> Parse(std::string_view text);

}  // namespace tf::rego::builtins::go_template

#endif  // TF_REGO_BUILTINS_GO_TEMPLATE_INTERNAL_H_
