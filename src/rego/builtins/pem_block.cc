#include "rego/builtins/pem_block.h"

#include "rego/builtins/go_base64.h"

namespace tf::rego::builtins {
namespace {

constexpr std::string_view kBegin = "\n-----BEGIN ";
constexpr std::string_view kEnd = "\n-----END ";
constexpr std::string_view kDashes = "-----";

bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// One line without its newline and trailing spaces, tabs and carriage returns; *rest is what
// follows the newline.
std::string_view GetLine(std::string_view data, std::string_view* rest) {
  size_t nl = data.find('\n');
  std::string_view line = nl == std::string_view::npos ? data : data.substr(0, nl);
  *rest = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  return line;
}

// Tries to decode a block whose "-----BEGIN " has just been consumed; on failure the caller
// searches again from `after_begin`.
std::optional<PemBlock> DecodeAt(std::string_view after_begin, std::string_view* rest_out) {
  std::string_view rest;
  std::string_view type_line = GetLine(after_begin, &rest);
  if (!EndsWith(type_line, kDashes)) return std::nullopt;
  PemBlock block;
  block.type = std::string(type_line.substr(0, type_line.size() - kDashes.size()));
  while (true) {  // RFC 1421 headers ("Key: value") before the base64 body
    if (rest.empty()) return std::nullopt;
    std::string_view next;
    std::string_view line = GetLine(rest, &next);
    if (line.find(':') == std::string_view::npos) break;
    block.has_headers = true;
    rest = next;
  }
  size_t end_index = 0;
  size_t trailer_index = 0;
  if (!block.has_headers && StartsWith(rest, kEnd.substr(1))) {
    trailer_index = kEnd.size() - 1;
  } else {
    end_index = rest.find(kEnd);
    if (end_index == std::string_view::npos) return std::nullopt;
    trailer_index = end_index + kEnd.size();
  }
  std::string_view trailer = rest.substr(trailer_index);
  const size_t trailer_len = block.type.size() + kDashes.size();
  if (trailer.size() < trailer_len) return std::nullopt;
  std::string_view rest_of_end_line = trailer.substr(trailer_len);
  trailer = trailer.substr(0, trailer_len);
  if (!StartsWith(trailer, block.type) || !EndsWith(trailer, kDashes)) return std::nullopt;
  std::string_view ignored;
  if (!GetLine(rest_of_end_line, &ignored).empty()) return std::nullopt;
  std::string body;
  for (char c : rest.substr(0, end_index)) {
    if (c != ' ' && c != '\t') body += c;
  }
  Result<std::string> der = GoBase64Decode(body, GoBase64::kStd);
  if (!der.ok()) return std::nullopt;
  block.bytes = std::move(*der);
  GetLine(rest.substr(end_index + kEnd.size() - 1), rest_out);
  return block;
}

}  // namespace

std::optional<PemBlock> DecodePem(std::string_view data, std::string_view* rest) {
  std::string_view cursor = data;
  while (true) {
    if (StartsWith(cursor, kBegin.substr(1))) {
      cursor.remove_prefix(kBegin.size() - 1);
    } else if (size_t at = cursor.find(kBegin); at != std::string_view::npos) {
      cursor.remove_prefix(at + kBegin.size());
    } else {
      return std::nullopt;
    }
    std::string_view after;
    if (std::optional<PemBlock> block = DecodeAt(cursor, &after)) {
      *rest = after;
      return block;
    }
  }
}

}  // namespace tf::rego::builtins
