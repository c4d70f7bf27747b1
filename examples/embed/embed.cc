// Embedding the Rego engine: compile once, evaluate per request.
#include <iostream>

#include "core/json.h"
#include "rego/compiled_policy.h"
#include "rego/evaluator.h"

int main() {
  const char* policy =
      "package authz\n"
      "default allow := false\n"
      "allow if input.user in data.admins\n";
  auto compiled = tf::rego::CompiledPolicy::Compile({{"authz.rego", policy}}, {"data.authz.allow"});
  if (!compiled.ok()) return std::cerr << compiled.status().ToString() << "\n", 1;
  tf::Value data = *tf::ParseJson(R"({"admins": ["alice"]})");
  tf::Value input = *tf::ParseJson(R"({"user": "alice"})");
  tf::rego::Evaluator eval(*compiled);  // one per thread; reuse it
  tf::rego::EvalOptions options;
  options.input = &input;
  options.data = &data;
  auto result = eval.Eval(/*query=*/0, options);
  if (!result.ok()) return std::cerr << result.status().ToString() << "\n", 1;
  std::cout << tf::ToJson(result->solutions[0].expressions[0]) << "\n";  // true
  return 0;
}
