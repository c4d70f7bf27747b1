// File: rego/parser.h
//
// Parses Rego v1 (OPA 1.x's default syntax) into the AST of rego/ast.h. Errors are
// rego_parse_error diagnostics with file:line:col and the offending line.
//
//   tf::rego::Source src{"authz.rego", text};
//   tf::Result<tf::rego::Module> m = tf::rego::ParseModule(src);
#ifndef TF_REGO_PARSER_H_
#define TF_REGO_PARSER_H_

#include "core/status.h"
#include "rego/ast.h"

namespace tf::rego {

// REQUIRES: `source` outlives the returned module (locations point into it).
Result<Module> ParseModule(Source& source);
// A query such as `data.authz.allow = x; x == true` (expressions separated by ';' or newlines).
Result<Body> ParseQuery(const Source& source);
// A single term, e.g. `{"a": {1, 2}}` (used for test inputs written as Rego terms).
Result<Term> ParseTerm(const Source& source);

}  // namespace tf::rego

#endif  // TF_REGO_PARSER_H_
