#include "rego/builtins/families.h"

namespace tf::rego::builtins {

std::vector<BuiltinDecl> AllBuiltins() {
  std::vector<BuiltinDecl> all;
  for (auto family : {ComparisonBuiltins, ArithmeticBuiltins, SetBuiltins}) {
    for (BuiltinDecl& d : family()) all.push_back(std::move(d));
  }
  for (BuiltinDecl& d : TimeBuiltins()) all.push_back(std::move(d));
  return all;
}

}  // namespace tf::rego::builtins
