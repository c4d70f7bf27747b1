// POSIX ustar (IEEE Std 1003.1-2017, pax format) reading for pack uploads; see pack_upload.h.
#include <cstring>

#include "server/pack_upload.h"

namespace tf::server {
namespace {

constexpr size_t kBlock = 512;
constexpr size_t kNameOffset = 0, kNameSize = 100;
constexpr size_t kSizeOffset = 124, kSizeSize = 12;
constexpr size_t kChecksumOffset = 148, kChecksumSize = 8;
constexpr size_t kTypeOffset = 156;
constexpr size_t kMagicOffset = 257;
constexpr size_t kPrefixOffset = 345, kPrefixSize = 155;
constexpr uint64_t kMaxPaxBytes = 64 * 1024;

Status Malformed(std::string message) {
  return Status(ErrorCode::kUploadMalformed, "tar: " + std::move(message));
}

std::string_view Field(std::string_view block, size_t offset, size_t size) {
  std::string_view f = block.substr(offset, size);
  const size_t nul = f.find('\0');
  return nul == std::string_view::npos ? f : f.substr(0, nul);
}

Result<uint64_t> Octal(std::string_view field) {
  uint64_t n = 0;
  bool any = false;
  for (char c : field) {
    if (c == ' ' || c == '\0') {
      if (any) break;
      continue;
    }
    if (c < '0' || c > '7') return Malformed("bad octal number in a header");
    if (n > (UINT64_MAX >> 3)) return Malformed("number too large in a header");
    n = n * 8 + static_cast<uint64_t>(c - '0');
    any = true;
  }
  return n;
}

bool AllZero(std::string_view block) {
  for (char c : block) {
    if (c != '\0') return false;
  }
  return true;
}

Status CheckChecksum(std::string_view block) {
  TF_ASSIGN_OR_RETURN(uint64_t want, Octal(block.substr(kChecksumOffset, kChecksumSize)));
  uint64_t sum = 0;
  for (size_t i = 0; i < kBlock; ++i) {
    const bool in_field = i >= kChecksumOffset && i < kChecksumOffset + kChecksumSize;
    sum += in_field ? ' ' : static_cast<unsigned char>(block[i]);
  }
  return sum == want ? Status::Ok() : Malformed("header checksum mismatch");
}

// pax records: "<len> <key>=<value>\n"; only `path` matters here.
Result<std::string> PaxPath(std::string_view data) {
  std::string path;
  while (!data.empty()) {
    const size_t sp = data.find(' ');
    if (sp == std::string_view::npos) return Malformed("bad pax record");
    uint64_t len = 0;
    for (char c : data.substr(0, sp)) {
      if (c < '0' || c > '9' || len > kMaxPaxBytes) return Malformed("bad pax record length");
      len = len * 10 + static_cast<uint64_t>(c - '0');
    }
    if (len <= sp + 1 || len > data.size() || data[len - 1] != '\n')
      return Malformed("bad pax record");
    const std::string_view record = data.substr(sp + 1, len - sp - 2);
    if (record.rfind("path=", 0) == 0) path = std::string(record.substr(5));
    data.remove_prefix(len);
  }
  return path;
}

std::string Normalize(std::string path) {
  while (path.rfind("./", 0) == 0)
    path.erase(0, 2);
  return path;
}

}  // namespace

Result<UploadedFiles> ReadTar(std::string_view archive, const UploadLimits& limits) {
  UploadedFiles files;
  uint64_t total = 0;
  std::string next_path;  // from a pax 'x' or GNU 'L' header, for the next entry
  size_t pos = 0;
  while (true) {
    if (pos + kBlock > archive.size()) {
      if (pos == archive.size() && pos > 0) break;  // tolerate a missing end marker
      return Malformed("truncated archive");
    }
    const std::string_view block = archive.substr(pos, kBlock);
    pos += kBlock;
    if (AllZero(block)) break;  // end of archive
    TF_RETURN_IF_ERROR(CheckChecksum(block));
    if (Field(block, kMagicOffset, 5) != "ustar") return Malformed("not a ustar archive");
    TF_ASSIGN_OR_RETURN(uint64_t size, Octal(block.substr(kSizeOffset, kSizeSize)));
    if (size > archive.size() - pos) return Malformed("entry larger than the archive");
    const std::string_view data = archive.substr(pos, size);
    pos += (size + kBlock - 1) / kBlock * kBlock;
    const char type = block[kTypeOffset];
    std::string path(Field(block, kNameOffset, kNameSize));
    const std::string_view prefix = Field(block, kPrefixOffset, kPrefixSize);
    if (!prefix.empty()) path = std::string(prefix) + "/" + path;
    if (type == 'x' || type == 'L') {
      if (size > kMaxPaxBytes) return Malformed("extended header too large");
      if (type == 'x') {
        TF_ASSIGN_OR_RETURN(next_path, PaxPath(data));
      } else {
        next_path = std::string(data.substr(0, data.find('\0')));
      }
      continue;
    }
    if (!next_path.empty()) path = std::exchange(next_path, std::string());
    if (type == 'g' || type == '5') continue;  // global pax header, directory
    if (type != '0' && type != '\0' && type != '7') {
      return Malformed("'" + path + "' is not a regular file (links and devices are refused)");
    }
    path = Normalize(std::move(path));
    if (path.empty() || path.size() > limits.max_path_bytes)
      return Malformed("bad or too long path");
    total += size;
    if (files.size() >= limits.max_files || total > limits.max_total_bytes) {
      return Status(ErrorCode::kPackTooLarge,
                    "the upload exceeds the pack limits (" + std::to_string(limits.max_files) +
                        " files, " + std::to_string(limits.max_total_bytes) + " bytes)");
    }
    if (!files.emplace(path, std::string(data)).second)
      return Malformed("'" + path + "' appears twice");
  }
  return files;
}

}  // namespace tf::server
