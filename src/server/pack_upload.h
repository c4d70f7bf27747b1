// File: server/pack_upload.h
//
// Reading an uploaded pack (`PUT /v1/packs/{id}`) into its files, without touching disk:
//
//  - a tar archive (`application/x-tar`, POSIX ustar with pax and GNU long-name extensions, as
//    `tar -C pack -cf - .` writes it): regular files only — links, devices and FIFOs are
//    refused, directories are implied by paths, "./" prefixes are dropped;
//  - `multipart/form-data` (RFC 7578): one part per file, its path in the part's `filename`
//    (or its `name` when there is no filename).
//
// Limits (file count, total bytes, path length) are enforced while reading, so an archive bomb
// stops early. Paths are otherwise passed through: the pack loader (policy/pack_files.h) judges
// them. Errors are kUploadMalformed (or kPackTooLarge) with the reason.
//
//   TF_ASSIGN_OR_RETURN(std::map<std::string, std::string> files, ReadTar(body, limits));
#ifndef TF_SERVER_PACK_UPLOAD_H_
#define TF_SERVER_PACK_UPLOAD_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tf::server {

struct UploadLimits {
  size_t max_files = 1000;
  uint64_t max_total_bytes = 16 * 1024 * 1024;
  size_t max_path_bytes = 256;
};

using UploadedFiles = std::map<std::string, std::string>;

Result<UploadedFiles> ReadTar(std::string_view archive, const UploadLimits& limits = {});

// `content_type` is the request's Content-Type (its `boundary` parameter is required).
Result<UploadedFiles> ReadMultipart(std::string_view content_type, std::string_view body,
                                    const UploadLimits& limits = {});

// Dispatches on the media type: application/x-tar, application/tar, multipart/form-data.
// kUnsupportedMediaType for anything else.
Result<UploadedFiles> ReadPackUpload(std::string_view content_type, std::string_view body,
                                     const UploadLimits& limits = {});

}  // namespace tf::server

#endif  // TF_SERVER_PACK_UPLOAD_H_
