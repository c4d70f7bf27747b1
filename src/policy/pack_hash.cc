#include "policy/pack_hash.h"

#include "core/canonical_json.h"
#include "core/sha256.h"

namespace tf::policy {

Result<std::string> ComputePackHash(const Manifest& manifest, const PackFiles& files) {
  Result<std::string> canonical = CanonicalJson(ManifestToValue(manifest));
  if (!canonical.ok()) {
    return Status(ErrorCode::kPackManifestInvalid, manifest.file + ": no canonical form: " +
                                                       std::string(canonical.status().message()));
  }
  Sha256Hasher hasher;
  hasher.Update(*canonical);
  hasher.Update("\n");
  for (const auto& [path, bytes] : files) {  // std::map: byte order of path
    if (path == "pack.yaml") continue;
    hasher.Update(DigestHex(Sha256(bytes)));
    hasher.Update("  ");
    hasher.Update(path);
    hasher.Update("\n");
  }
  return DigestHex(hasher.Finish());
}

}  // namespace tf::policy
