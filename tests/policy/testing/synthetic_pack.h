// File: tests/policy/testing/synthetic_pack.h
//
// Generated packs of any size for property tests and benchmarks: `rules` rules over
// `predicates` predicates (even ones refs to Rego rules, odd ones inline queries), each rule
// activated by up to `max_predicates_per_rule` of them (a tenth of the rules by none), with
// costs drawn from a small range so the planner meets ties. With `guard_rules` every rule holds
// when its predicates do not (a sound pack: activation only saves work); without it the rules
// ignore their predicates, which the verdict property test must catch.
//
// Input: {"a": {"a0": 0..9, …}, "c": {"c0": 0..9, …}}; rule r<j> checks c<j> < L<j> when
// active; predicate p<i> compares a<i> with a threshold.
#ifndef TF_TESTS_POLICY_TESTING_SYNTHETIC_PACK_H_
#define TF_TESTS_POLICY_TESTING_SYNTHETIC_PACK_H_

#include <cstdint>

#include "policy/pack_files.h"

namespace tf::policy::testing {

struct SyntheticPackOptions {
  size_t rules = 100;
  size_t predicates = 50;
  size_t max_predicates_per_rule = 3;
  uint64_t max_cost = 20;
  bool guard_rules = true;
  uint64_t seed = 1;
};

PackFiles MakeSyntheticPack(const SyntheticPackOptions& options);

}  // namespace tf::policy::testing

#endif  // TF_TESTS_POLICY_TESTING_SYNTHETIC_PACK_H_
