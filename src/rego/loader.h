// File: rego/loader.h
//
// Loads policy files and data documents from files and directories, as `opa eval -d` does:
// *.rego files become modules; *.json data files are merged into `data` at the path of their
// directory relative to the directory given (dir/a/b/data.json → data.a.b).
#ifndef TF_REGO_LOADER_H_
#define TF_REGO_LOADER_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "rego/compiled_policy.h"

namespace tf::rego {

struct LoadedFiles {
  std::vector<ModuleInput> modules;  // in sorted path order
  Value data = Value::EmptyObject();
};

// Files are loaded in sorted order; conflicting data (two files setting one path to different
// non-object values) is an error naming both paths' location.
Result<LoadedFiles> LoadPaths(const std::vector<std::string>& paths);

// Merges `doc` into `data` at `path`, deep-merging objects. Fails on a conflicting value.
Result<Value> MergeDataAt(Value data, const std::vector<std::string>& path, const Value& doc);

}  // namespace tf::rego

#endif  // TF_REGO_LOADER_H_
