// File: tests/rego/builtins/call_error_util.h
//
// Expectations on failing builtin calls, for the data-family tests: the error code and the
// exact, name-prefixed message the evaluator will report.
#ifndef TF_TESTS_REGO_BUILTINS_CALL_ERROR_UTIL_H_
#define TF_TESTS_REGO_BUILTINS_CALL_ERROR_UTIL_H_

#include <string_view>
#include <vector>

#include "rego/builtins/builtin_test_util.h"

namespace tf::rego::testing {

// The call fails with eval_type_error and exactly `message`.
inline void ExpectTypeError(BuiltinHarness& h, std::string_view name, std::vector<Value> args,
                            std::string_view message) {
  Result<Value> r = h.Call(name, std::move(args));
  ASSERT_FALSE(r.ok()) << name << " unexpectedly returned " << ToJson(*r);
  EXPECT_EQ(r.status().code(), ErrorCode::kEvalTypeError) << r.status().ToString();
  EXPECT_EQ(r.status().message(), message);
}

// The call fails with eval_builtin_error and exactly `message`.
inline void ExpectBuiltinError(BuiltinHarness& h, std::string_view name, std::vector<Value> args,
                               std::string_view message) {
  Result<Value> r = h.Call(name, std::move(args));
  ASSERT_FALSE(r.ok()) << name << " unexpectedly returned " << ToJson(*r);
  EXPECT_EQ(r.status().code(), ErrorCode::kEvalBuiltinError) << r.status().ToString();
  EXPECT_EQ(r.status().message(), message);
}

// The call has no result (OPA's BuiltinEmpty).
inline void ExpectUndefined(BuiltinHarness& h, std::string_view name, std::vector<Value> args) {
  Result<Value> r = h.Call(name, std::move(args));
  ASSERT_FALSE(r.ok()) << name << " unexpectedly returned " << ToJson(*r);
  EXPECT_TRUE(IsBuiltinUndefined(r.status())) << r.status().ToString();
}

// A JSON string value, without the quoting noise at call sites.
inline Value S(std::string_view s) {
  return Value::String(s);
}

}  // namespace tf::rego::testing

#endif  // TF_TESTS_REGO_BUILTINS_CALL_ERROR_UTIL_H_
