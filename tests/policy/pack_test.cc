// Loading packs from directories and from memory, file rules, data, and the pack hash.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/canonical_json.h"
#include "core/json.h"
#include "core/sha256.h"
#include "policy/pack.h"
#include "policy/pack_hash.h"
#include "policy/testing/pack_testing.h"
#include "testing/value_testing.h"

namespace tf::policy {
namespace {

namespace fs = std::filesystem;
using testing::ExamplesDir;

constexpr const char* kManifest = R"(id: demo.v1
version: "1"
rules:
  - {id: ok, ref: data.t.ok, cost: 1, severity: low, reason: "not ok"}
)";

PackFiles Demo() {
  return {{"pack.yaml", kManifest},
          {"t.rego", "package t\nok if input.x == 1\n"},
          {"data.json", R"({"t": {"limit": 3}})"},
          {"lib/data.json", R"({"threshold": 7})"},
          {"README.md", "# demo\n"}};
}

// A fresh, empty directory under the test's temporary directory.
fs::path TempDir(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / ("policy_pack_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void WriteFiles(const fs::path& dir, const PackFiles& files) {
  for (const auto& [path, bytes] : files) {
    fs::create_directories((dir / path).parent_path());
    std::ofstream(dir / path, std::ios::binary) << bytes;
  }
}

TEST(PackTest, DirectoryAndMemoryGiveTheSamePackAndHash) {
  fs::path dir = TempDir("same");
  WriteFiles(dir, Demo());
  WriteFiles(dir, {{".git/HEAD", "ref: x"}, {".DS_Store", "junk"}});
  Result<Pack> from_dir = LoadPackFromDirectory(dir.string());
  Result<Pack> from_memory = LoadPackFromFiles(Demo());
  ASSERT_TRUE(from_dir.ok()) << from_dir.status().ToString();
  ASSERT_TRUE(from_memory.ok()) << from_memory.status().ToString();
  EXPECT_EQ(from_dir->hash, from_memory->hash);
  EXPECT_EQ(from_dir->files.size(), 5u);  // hidden files are not part of the pack
  EXPECT_EQ(from_dir->hash.size(), 64u);
}

TEST(PackTest, HashFollowsTheDocumentedRecipe) {
  Result<Pack> pack = LoadPackFromFiles(Demo());
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  std::string text = CanonicalJson(ManifestToValue(pack->manifest)).value() + "\n";
  for (const char* path : {"README.md", "data.json", "lib/data.json", "t.rego"}) {
    text += DigestHex(Sha256(Demo()[path])) + "  " + path + "\n";
  }
  EXPECT_EQ(pack->hash, DigestHex(Sha256(text)));
}

TEST(PackTest, HashIsStableAcrossManifestLayoutAndChangesWithAnyFile) {
  std::string hash = LoadPackFromFiles(Demo()).value().hash;
  PackFiles relaid = Demo();
  relaid["pack.yaml"] =
      "# comment\nrules:\n- id: ok\n  reason: not ok\n  severity: low\n  cost: 1\n  ref: "
      "data.t.ok\nversion: '1'\nid: demo.v1\n";
  EXPECT_EQ(LoadPackFromFiles(relaid).value().hash, hash);

  PackFiles edited = Demo();
  edited["README.md"] += "more\n";
  EXPECT_NE(LoadPackFromFiles(edited).value().hash, hash);
  PackFiles recosted = Demo();
  recosted["pack.yaml"].replace(recosted["pack.yaml"].find("cost: 1"), 7, "cost: 2");
  EXPECT_NE(LoadPackFromFiles(recosted).value().hash, hash);
  PackFiles renamed = Demo();
  renamed["u.rego"] = renamed["t.rego"];
  renamed.erase("t.rego");
  EXPECT_NE(LoadPackFromFiles(renamed).value().hash, hash);
}

TEST(PackTest, ExamplePackHashIsPinned) {
  // The golden plans record this hash; a change to lksg.v1 must regenerate them (docs/PACKS.md).
  Result<Pack> pack = LoadPackFromDirectory(ExamplesDir() + "/packs/lksg.v1");
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  Result<Value> plan = ParseJson([] {
    std::ifstream in(ExamplesDir() + "/plan_ok.json");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }());
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(pack->hash, plan->Find("pack_hash")->string());
}

TEST(PackTest, DataFilesMergeAtTheirDirectoryPath) {
  Result<Pack> pack = LoadPackFromFiles(Demo());
  ASSERT_TRUE(pack.ok());
  EXPECT_EQ(pack->data, ::tf::testing::J(R"({"t": {"limit": 3}, "lib": {"threshold": 7}})"));
}

TEST(PackTest, ConflictingDataIsRefusedNamingTheFile) {
  PackFiles files = Demo();
  files["t/data.json"] = R"({"limit": 4})";
  EXPECT_STATUS(LoadPackFromFiles(files, {.origin = "up"}).status(), ErrorCode::kPackFileInvalid,
                "up/t/data.json: conflicting data");
}

TEST(PackTest, MalformedDataJsonIsRefusedNamingTheFile) {
  PackFiles files = Demo();
  files["lib/data.json"] = "{";
  EXPECT_STATUS(LoadPackFromFiles(files).status(), ErrorCode::kPackFileInvalid, "lib/data.json");
}

TEST(PackTest, PathsOutsideThePackAreRefused) {
  for (const char* path : {"../x.rego", "/etc/x.rego", "a//b.rego", "a/./b.rego", "a\\b.rego"}) {
    PackFiles files = Demo();
    files[path] = "package x\n";
    EXPECT_STATUS(LoadPackFromFiles(files).status(), ErrorCode::kPackFileInvalid, path);
  }
}

TEST(PackTest, UnsupportedFileTypesAreRefused) {
  PackFiles files = Demo();
  files["run.sh"] = "#!/bin/sh\n";
  EXPECT_STATUS(LoadPackFromFiles(files).status(), ErrorCode::kPackFileInvalid, "run.sh");
  files.erase("run.sh");
  files["extra.yaml"] = "a: 1\n";
  EXPECT_STATUS(LoadPackFromFiles(files).status(), ErrorCode::kPackFileInvalid,
                "data files are JSON");
}

TEST(PackTest, MissingManifestIsRefused) {
  PackFiles files = Demo();
  files.erase("pack.yaml");
  EXPECT_STATUS(LoadPackFromFiles(files).status(), ErrorCode::kPackFileInvalid,
                "pack.yaml: missing");
}

TEST(PackTest, LimitsBoundUploads) {
  PackLoadOptions options;
  options.limits.max_files = 3;
  EXPECT_STATUS(LoadPackFromFiles(Demo(), options).status(), ErrorCode::kPackTooLarge, "files");
  options.limits.max_files = 100;
  options.limits.max_total_bytes = 40;
  EXPECT_STATUS(LoadPackFromFiles(Demo(), options).status(), ErrorCode::kPackTooLarge, "bytes");
}

TEST(PackTest, SymbolicLinksAreRefusedInDirectories) {
  fs::path dir = TempDir("symlink");
  WriteFiles(dir, Demo());
  fs::create_symlink("/etc/hostname", dir / "stolen.json");
  EXPECT_STATUS(LoadPackFromDirectory(dir.string()).status(), ErrorCode::kPackFileInvalid,
                "symbolic links");
}

TEST(PackTest, MissingDirectoryIsNotFound) {
  EXPECT_EQ(LoadPackFromDirectory("/nonexistent/pack").status().code(), ErrorCode::kNotFound);
}

TEST(PackTest, ManifestErrorsNameTheOriginPath) {
  PackFiles files = Demo();
  files["pack.yaml"] += "bogus: 1\n";
  EXPECT_STATUS(LoadPackFromFiles(files, {.origin = "packs/demo.v1"}).status(),
                ErrorCode::kPackManifestInvalid, "packs/demo.v1/pack.yaml:5:1: unknown key");
}

}  // namespace
}  // namespace tf::policy
