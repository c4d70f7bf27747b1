// File: tests/ledger/ledger_test_util.h
//
// Helpers shared by the ledger tests: a temporary directory removed on destruction, a fixed test
// signing key, a ledger over a given store and clock, and request builders. Everything is
// deterministic (fixed seeds).
#ifndef TF_TESTS_LEDGER_LEDGER_TEST_UTIL_H_
#define TF_TESTS_LEDGER_LEDGER_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/random.h"
#include "core/value.h"
#include "ledger/ledger.h"
#include "ledger/note_key.h"
#include "testing/temp_dir.h"

namespace tf::ledger::testing {

using TempDir = ::tf::testing::TempDir;

inline NoteSigner TestSigner(uint64_t seed = 1, const std::string& name = "test.example/log") {
  SeededRandom random(seed);
  return *NoteSigner::Generate(name, random);
}

// A signing ledger over `store`, timed by `clock`; both must outlive it.
inline std::unique_ptr<Ledger> OpenTestLedger(Store& store, const Clock& clock) {
  LedgerOptions o;
  o.store = &store;
  o.clock = &clock;
  o.signer = TestSigner();
  return *Ledger::Open(std::move(o));
}

inline AppendRequest Request(const std::string& tenant, int i,
                             const std::string& kind = "decision") {
  AppendRequest r;
  r.tenant = tenant;
  r.kind = kind;
  r.content_hash = HashLeaf("content " + std::to_string(i));
  r.metadata = Value::Object({{Value::String("i"), Value::Int(i)}});
  return r;
}

}  // namespace tf::ledger::testing

#endif  // TF_TESTS_LEDGER_LEDGER_TEST_UTIL_H_
