#include "policy/pack_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace tf::policy {
namespace {

namespace fs = std::filesystem;

Status BadPath(std::string_view path, std::string_view why) {
  return Status(ErrorCode::kPackFileInvalid, std::string(path) + ": " + std::string(why));
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Status CheckPathShape(std::string_view path, const PackLimits& limits) {
  if (path.empty()) return BadPath(path, "empty path");
  if (path.size() > limits.max_path_bytes) return BadPath(path, "path too long");
  if (path.front() == '/') return BadPath(path, "absolute path");
  for (char c : path) {
    if (c == '\\' || c == '\0') return BadPath(path, "paths use '/' and no NUL bytes");
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") {
      return BadPath(path, "empty, '.' or '..' path segment");
    }
    start = end + 1;
  }
  return Status();
}

Result<std::string> ReadWholeFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return IoError(p.string() + ": cannot open for reading");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return IoError(p.string() + ": read failed");
  return ss.str();
}

}  // namespace

bool IsHiddenPackPath(std::string_view path) {
  size_t start = 0;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    std::string_view segment = path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    // "." and ".." are not hidden names but malformed paths, which ClassifyPackFile refuses.
    if (!segment.empty() && segment[0] == '.' && segment != "." && segment != "..") return true;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return false;
}

Result<PackFileKind> ClassifyPackFile(std::string_view path, const PackLimits& limits) {
  TF_RETURN_IF_ERROR(CheckPathShape(path, limits));
  if (path == "pack.yaml") return PackFileKind::kManifest;
  if (path == "proofs.rego") return PackFileKind::kProofs;
  if (EndsWith(path, "_test.rego")) return PackFileKind::kTestModule;
  if (EndsWith(path, ".rego")) return PackFileKind::kModule;
  if (EndsWith(path, ".json")) return PackFileKind::kData;
  if (EndsWith(path, ".md")) return PackFileKind::kDoc;
  if (EndsWith(path, ".yaml") || EndsWith(path, ".yml")) {
    return BadPath(path, "only the root pack.yaml may be YAML; data files are JSON");
  }
  return BadPath(path, "a pack holds pack.yaml, *.rego, *.json and *.md files only");
}

Result<PackFiles> ReadPackDirectory(const std::string& dir, const PackLimits& limits) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return NotFound(dir + ": no such pack directory");
  std::vector<std::pair<std::string, fs::path>> found;
  fs::recursive_directory_iterator it(dir, ec), end;
  if (ec) return IoError(dir + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return IoError(dir + ": " + ec.message());
    std::string rel = it->path().lexically_relative(dir).generic_string();
    if (IsHiddenPackPath(rel)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(ec)) return BadPath(rel, "symbolic links are not allowed in a pack");
    if (it->is_directory(ec)) continue;
    if (!it->is_regular_file(ec)) return BadPath(rel, "not a regular file");
    found.emplace_back(std::move(rel), it->path());
    if (found.size() > limits.max_files) {
      return Status(ErrorCode::kPackTooLarge,
                    dir + ": more than " + std::to_string(limits.max_files) + " files");
    }
  }
  PackFiles files;
  uint64_t total = 0;
  for (auto& [rel, full] : found) {
    TF_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(full));
    total += bytes.size();
    if (total > limits.max_total_bytes) {
      return Status(ErrorCode::kPackTooLarge,
                    dir + ": more than " + std::to_string(limits.max_total_bytes) + " bytes");
    }
    files.emplace(std::move(rel), std::move(bytes));
  }
  return files;
}

}  // namespace tf::policy
