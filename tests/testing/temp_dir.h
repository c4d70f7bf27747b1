// File: tests/testing/temp_dir.h
//
// A fresh directory under the system's temporary directory, removed with everything in it on
// destruction. Shared by every module's tests.
#ifndef TF_TESTS_TESTING_TEMP_DIR_H_
#define TF_TESTS_TESTING_TEMP_DIR_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tf::testing {

class TempDir {
 public:
  // `prefix` names the directory ("tf-ledger-XXXXXX") so leftovers say who made them.
  explicit TempDir(std::string_view prefix = "tf-test") {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp failed for " << tmpl;
      throw std::runtime_error("mkdtemp failed");
    }
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

}  // namespace tf::testing

#endif  // TF_TESTS_TESTING_TEMP_DIR_H_
