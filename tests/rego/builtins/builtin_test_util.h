// File: tests/rego/builtins/builtin_test_util.h
//
// Calls a builtin through the registry exactly as the evaluator does: argument check, then the
// implementation, then the name-prefixed error mapping.
#ifndef TF_TESTS_REGO_BUILTINS_BUILTIN_TEST_UTIL_H_
#define TF_TESTS_REGO_BUILTINS_BUILTIN_TEST_UTIL_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "core/random.h"
#include "rego/builtin.h"
#include "testing/value_testing.h"

namespace tf::rego::testing {

using tf::testing::J;
using tf::testing::JSet;

struct BuiltinHarness {
  SeededRandom random{42};
  std::unordered_map<std::string, Value> memo;
  BuiltinContext ctx;
  BuiltinHarness() {
    ctx.now_ns = 1700000000000000000;
    ctx.random = &random;
    ctx.memo = &memo;
  }

  Result<Value> Call(std::string_view name, std::vector<Value> args) {
    const BuiltinDecl* decl = BuiltinRegistry::Default().Find(name);
    if (decl == nullptr) return Status(ErrorCode::kNotFound, "no builtin " + std::string(name));
    Status st = CheckArgs(*decl, args);
    if (!st.ok()) return WrapBuiltinError(name, st);
    Result<Value> r = decl->fn(ctx, args);
    if (!r.ok()) return WrapBuiltinError(name, r.status());
    return r;
  }
};

// Value of a successful call, or a null Value and a test failure.
inline Value CallOk(BuiltinHarness& h, std::string_view name, std::vector<Value> args) {
  Result<Value> r = h.Call(name, std::move(args));
  EXPECT_TRUE(r.ok()) << name << ": " << r.status().ToString();
  return r.ok() ? *r : Value();
}

}  // namespace tf::rego::testing

#endif  // TF_TESTS_REGO_BUILTINS_BUILTIN_TEST_UTIL_H_
