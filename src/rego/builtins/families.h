// File: rego/builtins/families.h
//
// One function per OPA builtin namespace, each defined in its own file in this folder and
// returning that family's declarations. `AllBuiltins` concatenates them for the registry.
#ifndef TF_REGO_BUILTINS_FAMILIES_H_
#define TF_REGO_BUILTINS_FAMILIES_H_

#include <vector>

#include "rego/builtin.h"

namespace tf::rego::builtins {

std::vector<BuiltinDecl> ComparisonBuiltins();  // comparison.cc: == != < <= > >=
std::vector<BuiltinDecl> ArithmeticBuiltins();  // arithmetic.cc: + - * / % abs round ceil floor
std::vector<BuiltinDecl> SetBuiltins();         // sets.cc: & | intersection union
std::vector<BuiltinDecl> TimeBuiltins();        // time.cc (+ time_*.cc): time.*

std::vector<BuiltinDecl> AllBuiltins();

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_FAMILIES_H_
