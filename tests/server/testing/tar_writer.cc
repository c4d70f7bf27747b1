#include "testing/tar_writer.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tf::server::testing {

std::string MakeTar(const std::map<std::string, std::string>& files, char type) {
  std::string out;
  for (const auto& [path, bytes] : files) {
    char header[512] = {};
    std::snprintf(header, 100, "%s", path.c_str());
    std::snprintf(header + 100, 8, "%07o", 0644);
    std::snprintf(header + 108, 8, "%07o", 0);
    std::snprintf(header + 116, 8, "%07o", 0);
    std::snprintf(header + 124, 12, "%011lo", static_cast<unsigned long>(bytes.size()));
    std::snprintf(header + 136, 12, "%011lo", 0ul);
    std::memset(header + 148, ' ', 8);
    header[156] = type;
    std::memcpy(header + 257, "ustar", 6);
    std::memcpy(header + 263, "00", 2);
    unsigned sum = 0;
    for (unsigned char c : header)
      sum += c;
    std::snprintf(header + 148, 8, "%06o", sum);
    out.append(header, sizeof(header));
    out += bytes;
    out.append((512 - bytes.size() % 512) % 512, '\0');
  }
  out.append(1024, '\0');
  return out;
}

std::map<std::string, std::string> ReadTree(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    files[std::filesystem::relative(e.path(), dir).string()] = s.str();
  }
  return files;
}

}  // namespace tf::server::testing
