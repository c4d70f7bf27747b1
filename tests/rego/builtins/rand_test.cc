#include "rego/builtins/builtin_test_util.h"

namespace tf::rego::testing {
namespace {

Value S(std::string_view s) {
  return Value::String(s);
}

TEST(RandBuiltinsTest, IntnIsInRangeAndStableForTheSameArguments) {
  BuiltinHarness h;
  Value first = CallOk(h, "rand.intn", {S("key"), Value::Int(100)});
  ASSERT_TRUE(first.is_number());
  const int64_t v = *first.number().ToInt64();
  EXPECT_GE(v, 0);
  EXPECT_LT(v, 100);
  EXPECT_EQ(CallOk(h, "rand.intn", {S("key"), Value::Int(100)}), first);
  EXPECT_EQ(CallOk(h, "rand.intn", {S("key"), Value::Int(-100)}), first);  // |n| is the key
  EXPECT_EQ(CallOk(h, "rand.intn", {S("key"), Value::Int(0)}), Value::Int(0));
  for (int i = 0; i < 50; ++i) {
    Value x = CallOk(h, "rand.intn", {S("k" + std::to_string(i)), Value::Int(3)});
    EXPECT_TRUE(x == Value::Int(0) || x == Value::Int(1) || x == Value::Int(2));
  }
  Result<Value> r = h.Call("rand.intn", {S("key"), J("1.5")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "rand.intn: operand 2 must be integer number but got floating-point number");
}

}  // namespace
}  // namespace tf::rego::testing
