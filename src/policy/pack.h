// File: policy/pack.h
//
// A policy pack, loaded and validated but not yet compiled: its manifest, its files, its data
// and its hash. Load it from a directory or from files held in memory (an upload); both give
// the same Pack and the same hash for the same content.
//
//   tf::Result<tf::policy::Pack> pack =
//   tf::policy::LoadPackFromDirectory("examples/packs/lksg.v1"); tf::Result<tf::policy::Pack> same
//   = tf::policy::LoadPackFromFiles(std::move(files));
//   // pack->hash == same->hash
//
// Then compile it once per version with CompiledPack::Compile (policy/compiled_pack.h).
#ifndef TF_POLICY_PACK_H_
#define TF_POLICY_PACK_H_

#include <string>
#include <string_view>

#include "core/status.h"
#include "core/value.h"
#include "policy/manifest.h"
#include "policy/pack_files.h"

namespace tf::policy {

struct PackLoadOptions {
  PackLimits limits;
  // Prefix for file names in diagnostics, e.g. the directory or upload name the pack came from.
  // Empty: paths as inside the pack ("pack.yaml:12:5: …").
  std::string origin;
};

struct Pack {
  Manifest manifest;
  PackFiles files;  // every file of the pack, pack.yaml included
  // The data documents (*.json) merged, each at the path of its directory, as `opa eval -d DIR`
  // and `proof test DIR` load them: data.json at the root is `data`, lksg/config.json is
  // data.lksg.
  Value data = Value::EmptyObject();
  std::string hash;    // see policy/pack_hash.h
  std::string origin;  // as in PackLoadOptions

  // `path` as diagnostics show it: origin + "/" + path.
  std::string DisplayPath(std::string_view path) const;
};

// Validates and loads a pack from its files (path -> bytes). Skips hidden paths (see
// pack_files.h). Errors: kPackFileInvalid, kPackTooLarge, kPackManifestInvalid and the other
// manifest errors, with file:line:col.
Result<Pack> LoadPackFromFiles(PackFiles files, const PackLoadOptions& options = {});

// Reads `dir` and loads it as above. An empty options.origin becomes `dir`.
Result<Pack> LoadPackFromDirectory(const std::string& dir, PackLoadOptions options = {});

}  // namespace tf::policy

#endif  // TF_POLICY_PACK_H_
