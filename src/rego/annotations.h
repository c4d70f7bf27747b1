// File: rego/annotations.h
//
// METADATA annotations (OPA's format): a comment block that starts with `# METADATA` and holds
// YAML, written directly above a package or a rule. Parsed into a normalized object (scope
// defaulted, authors and related resources as objects), as `rego.metadata.rule()` and
// `rego.metadata.chain()` return them.
#ifndef TF_REGO_ANNOTATIONS_H_
#define TF_REGO_ANNOTATIONS_H_

#include <vector>

#include "core/status.h"
#include "rego/ast.h"
#include "rego/lexer.h"

namespace tf::rego {

// Attaches each METADATA block among `comments` to the package or rule that follows it.
// Errors (bad YAML, unknown scope, a block followed by nothing) are rego_parse_error
// diagnostics.
void AttachAnnotations(std::vector<Comment>& comments, Module& module,
                       std::vector<Diagnostic>& diagnostics);

}  // namespace tf::rego

#endif  // TF_REGO_ANNOTATIONS_H_
