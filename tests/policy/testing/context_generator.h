// File: tests/policy/testing/context_generator.h
//
// Random contexts that conform to a pack's input schema, for property tests: enum and const
// values as written, `examples` most of the time (they name the interesting values: boundaries,
// sanctioned ids, special categories), otherwise random values within the schema's bounds;
// optional properties are sometimes left out so undefined paths are exercised too.
// Deterministic for a seed.
#ifndef TF_TESTS_POLICY_TESTING_CONTEXT_GENERATOR_H_
#define TF_TESTS_POLICY_TESTING_CONTEXT_GENERATOR_H_

#include <cstdint>

#include "core/random.h"
#include "core/value.h"
#include "policy/input_schema.h"

namespace tf::policy::testing {

class ContextGenerator {
 public:
  ContextGenerator(const InputSchema& schema, uint64_t seed) : schema_(schema), random_(seed) {}

  Value Next() { return Generate(0); }

 private:
  Value Generate(uint32_t node);
  Value GenerateString(const InputSchema::Node& n);
  Value GenerateNumber(const InputSchema::Node& n, bool integer);
  Value GenerateArray(const InputSchema::Node& n);
  Value GenerateObject(const InputSchema::Node& n);
  // Uniform in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n) { return random_.NextU64() % n; }
  bool Chance(int percent) { return Below(100) < static_cast<uint64_t>(percent); }

  const InputSchema& schema_;
  SeededRandom random_;
};

}  // namespace tf::policy::testing

#endif  // TF_TESTS_POLICY_TESTING_CONTEXT_GENERATOR_H_
