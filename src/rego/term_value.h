// File: rego/term_value.h
//
// The value of a ground term (scalars, arrays, sets and objects of them), e.g. test inputs
// written in Rego syntax (`{"a": {1, 2}}`). Terms with variables, refs or calls are refused.
#ifndef TF_REGO_TERM_VALUE_H_
#define TF_REGO_TERM_VALUE_H_

#include "core/status.h"
#include "core/value.h"
#include "rego/ast.h"

namespace tf::rego {

Result<Value> TermToValue(const Term& term);

}  // namespace tf::rego

#endif  // TF_REGO_TERM_VALUE_H_
