// File: cli/cli_util.h
//
// Small helpers shared by subcommands: reading files and reporting errors the same way.
#ifndef TF_CLI_CLI_UTIL_H_
#define TF_CLI_CLI_UTIL_H_

#include <string>

#include "core/status.h"

namespace tf::cli {

// The whole file, or kIoError naming the path.
Result<std::string> ReadFile(const std::string& path);
// Writes atomically enough for tools: to path + ".tmp", then renames.
Status WriteFile(const std::string& path, std::string_view contents);
// Prints "proof: <status>" to stderr and returns the exit code for errors (2).
int ReportError(const Status& status);

inline constexpr int kExitError = 2;

}  // namespace tf::cli

#endif  // TF_CLI_CLI_UTIL_H_
