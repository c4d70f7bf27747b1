// File: tests/testing/value_testing.h
//
// Test helpers for `Value`: readable gtest output and terse construction from JSON text.
//
//   EXPECT_EQ(Call("concat", {J(R"(",")"), J(R"(["a","b"])")}), J(R"("a,b")"));
#ifndef TF_TESTS_TESTING_VALUE_TESTING_H_
#define TF_TESTS_TESTING_VALUE_TESTING_H_

#include <gtest/gtest.h>

#include <ostream>
#include <string_view>

#include "core/json.h"
#include "core/value.h"

namespace tf {

// gtest prints Values as JSON (found by argument-dependent lookup).
inline void PrintTo(const Value& v, std::ostream* os) {
  *os << ToJson(v);
  if (v.is_set()) *os << " (set)";
}

namespace testing {

// Parses JSON or fails the current test.
inline Value J(std::string_view json) {
  Result<Value> v = ParseJson(json);
  EXPECT_TRUE(v.ok()) << "bad JSON in test: " << json << ": " << v.status().ToString();
  return v.ok() ? *v : Value();
}

// A set of the elements of a JSON array.
inline Value JSet(std::string_view json_array) {
  Value a = J(json_array);
  return Value::Set(std::vector<Value>(a.array().begin(), a.array().end()));
}

}  // namespace testing
}  // namespace tf

#endif  // TF_TESTS_TESTING_VALUE_TESTING_H_
