// File: policy/pack_files.h
//
// The files of a policy pack as bytes keyed by their path inside the pack, so a pack can come
// from a directory or from an upload (tar, multipart) and be validated, hashed and compiled the
// same way without touching disk.
//
//   tf::Result<tf::policy::PackFiles> files =
//   tf::policy::ReadPackDirectory("examples/packs/lksg.v1");
//   // (*files)["pack.yaml"] holds the manifest's bytes
//
// Paths use '/' and are relative to the pack root. A path with a segment starting with '.'
// (".git/…", ".DS_Store", "._x.rego") is hidden and is not part of the pack, whichever way the
// pack arrives, so a pack hashes the same from a checkout and from an archive of it.
#ifndef TF_POLICY_PACK_FILES_H_
#define TF_POLICY_PACK_FILES_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tf::policy {

// path inside the pack -> file bytes. Sorted by path (byte order), which the pack hash relies on.
using PackFiles = std::map<std::string, std::string>;

// Bounds on what a pack may hold; an upload beyond them fails with kPackTooLarge.
struct PackLimits {
  size_t max_files = 1000;
  uint64_t max_total_bytes = 16 * 1024 * 1024;
  size_t max_path_bytes = 256;
};

// What a file is to the pack, decided by its name.
enum class PackFileKind : uint8_t {
  kManifest,    // pack.yaml at the root
  kModule,      // *.rego: compiled into the pack's policy
  kTestModule,  // *_test.rego: test_ rules, run by `proof test`; compiled for validation only
  kProofs,      // proofs.rego at the root: property_ rules for the proofs (issue 5)
  kData,        // *.json: a data document, merged into `data` at its directory's path
  kDoc,         // *.md: documentation, hashed but otherwise unused
};

// The kind of the file at `path`, or kPackFileInvalid for a malformed path (absolute, "..",
// ".", empty segments, backslashes, NUL, too long) or an extension a pack may not hold.
Result<PackFileKind> ClassifyPackFile(std::string_view path, const PackLimits& limits = {});

// True when a segment of `path` other than "." or ".." starts with '.'; such files are skipped
// (see above).
bool IsHiddenPackPath(std::string_view path);

// Reads every non-hidden regular file under `dir` (recursively). Symbolic links are refused:
// a pack must not reach outside its folder. Fails with kNotFound, kIoError, kPackFileInvalid or
// kPackTooLarge.
Result<PackFiles> ReadPackDirectory(const std::string& dir, const PackLimits& limits = {});

}  // namespace tf::policy

#endif  // TF_POLICY_PACK_FILES_H_
