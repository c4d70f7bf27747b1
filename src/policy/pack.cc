#include "policy/pack.h"

#include "core/json.h"
#include "policy/pack_hash.h"
#include "rego/loader.h"

namespace tf::policy {
namespace {

constexpr uint64_t kMaxManifestBytes = 1024 * 1024;

// The directory part of `path` as data path segments ("a/b/x.json" -> ["a", "b"]).
std::vector<std::string> DataPathOf(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', start)) {
    out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

std::string PackName(const Pack& pack) {
  return pack.origin.empty() ? "pack" : pack.origin;
}

Status CheckFiles(const Pack& pack, const PackLimits& limits) {
  if (pack.files.size() > limits.max_files) {
    return Status(ErrorCode::kPackTooLarge,
                  PackName(pack) + ": more than " + std::to_string(limits.max_files) + " files");
  }
  uint64_t total = 0;
  for (const auto& [path, bytes] : pack.files) {
    Result<PackFileKind> kind = ClassifyPackFile(path, limits);
    // The message starts with the path, so DisplayPath prefixes the origin.
    if (!kind.ok()) return Status(kind.status().code(), pack.DisplayPath(kind.status().message()));
    total += bytes.size();
  }
  if (total > limits.max_total_bytes) {
    return Status(ErrorCode::kPackTooLarge, PackName(pack) + ": more than " +
                                                std::to_string(limits.max_total_bytes) + " bytes");
  }
  return Status();
}

Status MergeData(Pack& pack) {
  for (const auto& [path, bytes] : pack.files) {
    if (*ClassifyPackFile(path) != PackFileKind::kData) continue;
    Result<Value> doc = ParseJson(bytes);
    if (!doc.ok()) {
      return Status(ErrorCode::kPackFileInvalid,
                    pack.DisplayPath(path) + ": " + std::string(doc.status().message()));
    }
    Result<Value> merged = rego::MergeDataAt(std::move(pack.data), DataPathOf(path), *doc);
    if (!merged.ok()) {
      return Status(ErrorCode::kPackFileInvalid,
                    pack.DisplayPath(path) + ": " + std::string(merged.status().message()));
    }
    pack.data = std::move(*merged);
  }
  return Status();
}

}  // namespace

std::string Pack::DisplayPath(std::string_view path) const {
  if (origin.empty()) return std::string(path);
  std::string out = origin;
  if (out.back() != '/') out += '/';
  return out + std::string(path);
}

Result<Pack> LoadPackFromFiles(PackFiles files, const PackLoadOptions& options) {
  Pack pack;
  pack.origin = options.origin;
  for (auto& [path, bytes] : files) {
    if (!IsHiddenPackPath(path)) pack.files.emplace(path, std::move(bytes));
  }
  TF_RETURN_IF_ERROR(CheckFiles(pack, options.limits));
  auto manifest = pack.files.find("pack.yaml");
  if (manifest == pack.files.end()) {
    return Status(ErrorCode::kPackFileInvalid, pack.DisplayPath("pack.yaml") + ": missing");
  }
  if (manifest->second.size() > kMaxManifestBytes) {
    return Status(ErrorCode::kPackTooLarge, pack.DisplayPath("pack.yaml") + ": over 1 MiB");
  }
  TF_ASSIGN_OR_RETURN(pack.manifest,
                      ParseManifest(manifest->second, pack.DisplayPath("pack.yaml")));
  TF_RETURN_IF_ERROR(MergeData(pack));
  TF_ASSIGN_OR_RETURN(pack.hash, ComputePackHash(pack.manifest, pack.files));
  return pack;
}

Result<Pack> LoadPackFromDirectory(const std::string& dir, PackLoadOptions options) {
  TF_ASSIGN_OR_RETURN(PackFiles files, ReadPackDirectory(dir, options.limits));
  if (options.origin.empty()) options.origin = dir;
  return LoadPackFromFiles(std::move(files), options);
}

}  // namespace tf::policy
