// File: tests/policy/testing/pack_testing.h
//
// Helpers for the policy tests: small packs from strings, compiling them, and matchers for
// statuses that name a code and a location.
#ifndef TF_TESTS_POLICY_TESTING_PACK_TESTING_H_
#define TF_TESTS_POLICY_TESTING_PACK_TESTING_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/status.h"
#include "policy/compiled_pack.h"
#include "policy/pack.h"

namespace tf::policy::testing {

inline std::string SourceDir() {
  return TF_SOURCE_DIR;
}
inline std::string ExamplesDir() {
  return SourceDir() + "/examples";
}

// A pack of one Rego module (package t) and a manifest.
inline PackFiles SimplePack(const std::string& manifest, const std::string& rego) {
  return {{"pack.yaml", manifest}, {"t.rego", rego}};
}

inline Result<std::unique_ptr<CompiledPack>> CompileFiles(PackFiles files) {
  TF_ASSIGN_OR_RETURN(Pack pack, LoadPackFromFiles(std::move(files)));
  return CompiledPack::Compile(std::move(pack));
}

inline std::unique_ptr<CompiledPack> MustCompile(PackFiles files) {
  Result<std::unique_ptr<CompiledPack>> r = CompileFiles(std::move(files));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(*r) : nullptr;
}

inline Result<std::unique_ptr<CompiledPack>> CompileExample(const std::string& id) {
  TF_ASSIGN_OR_RETURN(Pack pack, LoadPackFromDirectory(ExamplesDir() + "/packs/" + id,
                                                       {.origin = "examples/packs/" + id}));
  return CompiledPack::Compile(std::move(pack));
}

}  // namespace tf::policy::testing

// Expects `status_expr` to fail with `code` and a message containing `text` (e.g. a
// "pack.yaml:7:11" location).
#define EXPECT_STATUS(status_expr, expected_code, text)                              \
  do {                                                                               \
    ::tf::Status tf_s_ = (status_expr);                                              \
    EXPECT_EQ(::tf::ErrorCodeName(tf_s_.code()), ::tf::ErrorCodeName(expected_code)) \
        << tf_s_.ToString();                                                         \
    EXPECT_NE(tf_s_.message().find(text), std::string_view::npos)                    \
        << "message lacks \"" << (text) << "\": " << tf_s_.ToString();               \
  } while (false)

#endif  // TF_TESTS_POLICY_TESTING_PACK_TESTING_H_
