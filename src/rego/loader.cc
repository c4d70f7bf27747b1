#include "rego/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/json.h"

namespace tf::rego {
namespace {

namespace fs = std::filesystem;

Result<std::string> Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return IoError(p.string() + ": cannot open for reading");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<Value> DeepMerge(const Value& a, const Value& b, const std::string& where) {
  if (!a.is_object() || !b.is_object()) {
    if (a == b) return a;
    return InvalidArgument("conflicting data at " + (where.empty() ? "data" : "data." + where));
  }
  Value out = a;
  for (const auto& [k, v] : b.object()) {
    Value* existing = out.ObjectFindMutable(k);
    if (existing == nullptr) {
      out.ObjectInsertIfAbsent(k, v);
      continue;
    }
    std::string next = where.empty() ? ToJson(k) : where + "." + ToJson(k);
    TF_ASSIGN_OR_RETURN(Value merged, DeepMerge(*existing, v, next));
    *out.ObjectFindMutable(k) = std::move(merged);
  }
  return out;
}

Status LoadFile(const fs::path& file, const fs::path& root, LoadedFiles& out) {
  std::string ext = file.extension().string();
  if (ext != ".rego" && ext != ".json") return Status();
  TF_ASSIGN_OR_RETURN(std::string text, Slurp(file));
  if (ext == ".rego") {
    out.modules.push_back({file.string(), std::move(text)});
    return Status();
  }
  Result<Value> doc = ParseJson(text);
  if (!doc.ok()) return doc.status().WithContext(file.string());
  std::vector<std::string> path;
  fs::path rel = file.parent_path().lexically_relative(root);
  for (const auto& part : rel) {
    if (part != "." && !part.empty()) path.push_back(part.string());
  }
  Result<Value> merged = MergeDataAt(out.data, path, *doc);
  if (!merged.ok()) return merged.status().WithContext(file.string());
  out.data = std::move(*merged);
  return Status();
}

}  // namespace

Result<Value> MergeDataAt(Value data, const std::vector<std::string>& path, const Value& doc) {
  Value wrapped = doc;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    wrapped = Value::Object({{Value::String(*it), std::move(wrapped)}});
  }
  return DeepMerge(data, wrapped, "");
}

Result<LoadedFiles> LoadPaths(const std::vector<std::string>& paths) {
  LoadedFiles out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> files;
      for (const auto& e : fs::recursive_directory_iterator(p, ec)) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
      for (const fs::path& f : files)
        TF_RETURN_IF_ERROR(LoadFile(f, p, out));
    } else if (fs::is_regular_file(p, ec)) {
      fs::path file(p);
      TF_RETURN_IF_ERROR(LoadFile(file, file.parent_path(), out));
    } else {
      return NotFound(p + ": no such file or directory");
    }
  }
  return out;
}

}  // namespace tf::rego
