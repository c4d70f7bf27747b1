#include "cli/cli_util.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace tf::cli {

Result<std::string> ReadFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return IoError(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path + ": cannot open for reading");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  return ss.str();
}

Status WriteFile(const std::string& path, std::string_view contents) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError(tmp + ": cannot open for writing");
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    if (!out) return IoError(tmp + ": write failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return IoError(path + ": " + ec.message());
  return Status();
}

int ReportError(const Status& status) {
  // Diagnostics already name their code after the location ("file:1:2: rego_parse_error: ...").
  std::string_view message = status.message();
  bool has_code = message.find(ErrorCodeName(status.code())) != std::string_view::npos;
  std::cerr << "proof: " << (has_code ? std::string(message) : status.ToString()) << "\n";
  return kExitError;
}

}  // namespace tf::cli
