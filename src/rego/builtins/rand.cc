// rand.intn (OPA's topdown/numbers.go): a random integer in [0, |n|) from the injected random
// source, memoised per query by (str, n) so that repeated calls agree.
#include <limits>

#include "rego/builtins/families.h"

namespace tf::rego::builtins {
namespace {

// Uniform in [0, bound) by rejection sampling, so no value is favoured. REQUIRES: bound > 0.
uint64_t UniformBelow(RandomSource& random, uint64_t bound) {
  const uint64_t limit =
      std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % bound;
  uint64_t x = random.NextU64();
  while (x >= limit)
    x = random.NextU64();
  return x % bound;
}

Result<Value> Intn(BuiltinContext& ctx, std::span<const Value> a) {
  std::optional<int64_t> n = a[1].number().ToInt64();
  if (!n) return OperandError(2, "must be integer number but got floating-point number");
  if (*n == 0) return Value::Int(0);
  if (*n == std::numeric_limits<int64_t>::min()) return BuiltinError("invalid argument to Intn");
  const int64_t bound = *n < 0 ? -*n : *n;
  const std::string key = "rand.intn\x1f" + a[0].string() + "-" + std::to_string(bound);
  if (ctx.memo != nullptr) {
    if (auto it = ctx.memo->find(key); it != ctx.memo->end()) return it->second;
  }
  if (ctx.random == nullptr) return BuiltinError("no random source");
  Value out =
      Value::Int(static_cast<int64_t>(UniformBelow(*ctx.random, static_cast<uint64_t>(bound))));
  if (ctx.memo != nullptr) ctx.memo->emplace(key, out);
  return out;
}

}  // namespace

std::vector<BuiltinDecl> RandBuiltins() {
  return {
      {.name = "rand.intn",
       .params = {{kString, "str"}, {kNumber, "n"}},
       .result = kNumber,
       .fn = Intn,
       .flags = BuiltinFlags::kNondeterministic},
  };
}

}  // namespace tf::rego::builtins
