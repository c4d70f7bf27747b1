// File: tests/ledger/ledger_test_util.h
//
// Helpers shared by the ledger tests: a temporary directory removed on destruction, a fixed test
// signing key, and request builders. Everything is deterministic (fixed seeds).
#ifndef TF_TESTS_LEDGER_LEDGER_TEST_UTIL_H_
#define TF_TESTS_LEDGER_LEDGER_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>

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
