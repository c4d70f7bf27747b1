// File: tests/ledger/ledger_test_util.h
//
// Helpers shared by the ledger tests: a temporary directory removed on destruction, a fixed test
// signing key, and request builders. Everything is deterministic (fixed seeds).
#ifndef TF_TESTS_LEDGER_LEDGER_TEST_UTIL_H_
#define TF_TESTS_LEDGER_LEDGER_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "core/random.h"
#include "core/value.h"
#include "ledger/ledger.h"
#include "ledger/note_key.h"

namespace tf::ledger::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tf-ledger-XXXXXX").string();
    char* made = mkdtemp(tmpl.data());
    EXPECT_NE(made, nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

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
