// File: policy/pack_hash.h
//
// The pack hash: the identity of a pack's content, recorded in every plan and decision. It is
// the lower-case hex SHA-256 of
//
//   JCS(canonical manifest) || "\n" || for each file but pack.yaml, in byte order of path:
//       hex(SHA-256(file bytes)) || "  " || path || "\n"
//
// where JCS is RFC 8785 and the canonical manifest is ManifestToValue (so YAML layout, comments
// and key or rule order do not change the hash) and the file lines are `sha256sum`'s format.
// Nothing depends on the machine, the file system or the order files arrived in.
#ifndef TF_POLICY_PACK_HASH_H_
#define TF_POLICY_PACK_HASH_H_

#include <string>

#include "core/status.h"
#include "policy/manifest.h"
#include "policy/pack_files.h"

namespace tf::policy {

// Fails only when the manifest has no canonical form (a schema number beyond double range).
Result<std::string> ComputePackHash(const Manifest& manifest, const PackFiles& files);

}  // namespace tf::policy

#endif  // TF_POLICY_PACK_HASH_H_
