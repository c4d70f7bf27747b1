// File: rego/builtins/json_pointer.h
//
// The paths of json.filter, json.remove and json.patch as OPA reads them: a string is a
// '/'-separated pointer (a leading '/' optional, "" the whole document, ~1 and ~0 escaping '/'
// and '~'), an array is a list of path segments taken as they are.
#ifndef TF_REGO_BUILTINS_JSON_POINTER_H_
#define TF_REGO_BUILTINS_JSON_POINTER_H_

#include <vector>

#include "core/status.h"
#include "core/value.h"

namespace tf::rego::builtins {

// The segments of `path`; an operand error at `pos` for anything but a string or an array.
Result<std::vector<Value>> ParsePathOperand(const Value& path, int pos);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_JSON_POINTER_H_
