// RFC 7578 multipart/form-data (RFC 2046 §5.1 syntax) reading for pack uploads; see
// pack_upload.h.
#include "server/http_message.h"
#include "server/pack_upload.h"

namespace tf::server {
namespace {

constexpr size_t kMaxBoundary = 70;  // RFC 2046 §5.1.1

Status Malformed(std::string message) {
  return Status(ErrorCode::kUploadMalformed, "multipart: " + std::move(message));
}

// The value of parameter `name` in a header value such as `form-data; name="x"; filename="y"`.
std::string Param(std::string_view header, std::string_view name) {
  const std::string lower = AsciiLower(header);
  size_t pos = 0;
  while ((pos = lower.find(name, pos)) != std::string::npos) {
    const bool starts = pos == 0 || lower[pos - 1] == ';' || lower[pos - 1] == ' ';
    const size_t eq = pos + name.size();
    if (!starts || eq >= lower.size() || lower[eq] != '=') {
      pos = eq;
      continue;
    }
    std::string_view v = header.substr(eq + 1);
    if (!v.empty() && v.front() == '"') {
      const size_t end = v.find('"', 1);
      return std::string(v.substr(1, end == std::string_view::npos ? v.size() - 1 : end - 1));
    }
    return std::string(v.substr(0, v.find(';')));
  }
  return "";
}

// Headers of one part, up to the blank line; returns the Content-Disposition value.
Result<std::string> PartDisposition(std::string_view headers) {
  std::string disposition;
  while (!headers.empty()) {
    const size_t eol = headers.find("\r\n");
    const std::string_view line = headers.substr(0, eol);
    headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Malformed("bad part header");
    if (AsciiLower(line.substr(0, colon)) == "content-disposition") {
      disposition = std::string(line.substr(colon + 1));
    }
  }
  if (disposition.empty()) return Malformed("a part has no Content-Disposition");
  return disposition;
}

}  // namespace

Result<UploadedFiles> ReadMultipart(std::string_view content_type, std::string_view body,
                                    const UploadLimits& limits) {
  const std::string boundary = Param(content_type, "boundary");
  if (boundary.empty() || boundary.size() > kMaxBoundary) return Malformed("no valid boundary");
  const std::string delimiter = "--" + boundary;
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return Malformed("no part found");
  UploadedFiles files;
  uint64_t total = 0;
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") break;  // close delimiter
    if (body.substr(pos, 2) != "\r\n") return Malformed("bad delimiter line");
    pos += 2;
    const size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return Malformed("unterminated part headers");
    TF_ASSIGN_OR_RETURN(std::string disposition,
                        PartDisposition(body.substr(pos, headers_end - pos)));
    const size_t content_start = headers_end + 4;
    const size_t next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) return Malformed("unterminated part");
    std::string path = Param(disposition, "filename");
    if (path.empty()) path = Param(disposition, "name");
    if (path.empty() || path.size() > limits.max_path_bytes)
      return Malformed("a part has no usable file name");
    const std::string_view content = body.substr(content_start, next - content_start);
    total += content.size();
    if (files.size() >= limits.max_files || total > limits.max_total_bytes) {
      return Status(ErrorCode::kPackTooLarge, "the upload exceeds the pack limits");
    }
    if (!files.emplace(path, std::string(content)).second)
      return Malformed("'" + path + "' appears twice");
    pos = next + 2;
  }
  return files;
}

Result<UploadedFiles> ReadPackUpload(std::string_view content_type, std::string_view body,
                                     const UploadLimits& limits) {
  const std::string media = AsciiLower(content_type.substr(0, content_type.find(';')));
  if (media == "application/x-tar" || media == "application/tar") return ReadTar(body, limits);
  if (media == "multipart/form-data") return ReadMultipart(content_type, body, limits);
  return Status(ErrorCode::kUnsupportedMediaType,
                "upload a pack as application/x-tar or multipart/form-data");
}

}  // namespace tf::server
