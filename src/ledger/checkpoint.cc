#include "ledger/checkpoint.h"

#include <charconv>

#include "ledger/signed_note.h"

namespace tf::ledger {
namespace {

Status Malformed(std::string message) {
  return Status(ErrorCode::kNoteMalformed, "checkpoint: " + std::move(message));
}

// Tree sizes stay below 2^63 so that every size is also a valid signed 64-bit number for the
// SQL backend and JSON consumers that read it as int64.
constexpr uint64_t kMaxTreeSize = uint64_t{1} << 63;

Result<uint64_t> ParseSize(std::string_view s) {
  if (s.empty()) return Malformed("tree size is empty");
  if (s.size() > 1 && s[0] == '0') return Malformed("tree size has a leading zero");
  for (char c : s) {
    if (c < '0' || c > '9') return Malformed("tree size is not a decimal number");
  }
  uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v >= kMaxTreeSize) {
    return Malformed("tree size is out of range");
  }
  return v;
}

}  // namespace

std::string Checkpoint::Body() const {
  std::string out = origin + "\n" + std::to_string(size) + "\n" + HashToBase64(root) + "\n";
  for (const std::string& ext : extensions)
    out += ext + "\n";
  return out;
}

Result<Checkpoint> ParseCheckpointBody(std::string_view text) {
  if (text.empty() || text.back() != '\n') return Malformed("text does not end in a newline");
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < text.size();) {
    size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  if (lines.size() < 3) return Malformed("fewer than three lines");
  for (std::string_view line : lines) {
    if (line.empty()) return Malformed("empty line");
  }
  Checkpoint cp;
  cp.origin = std::string(lines[0]);
  TF_ASSIGN_OR_RETURN(cp.size, ParseSize(lines[1]));
  Result<Hash> root = HashFromBase64(lines[2]);
  if (!root.ok()) return Malformed("root hash: " + std::string(root.status().message()));
  cp.root = *root;
  for (size_t i = 3; i < lines.size(); ++i)
    cp.extensions.emplace_back(lines[i]);
  return cp;
}

Result<Checkpoint> OpenCheckpoint(std::string_view signed_note, const NoteVerifier& verifier) {
  TF_ASSIGN_OR_RETURN(std::string text, OpenNote(signed_note, verifier));
  return ParseCheckpointBody(text);
}

Result<std::string> SignCheckpoint(const Checkpoint& checkpoint, const NoteSigner& signer) {
  auto one_line = [](std::string_view s) {
    return !s.empty() && s.find('\n') == std::string_view::npos;
  };
  if (!one_line(checkpoint.origin)) return Malformed("origin must be one non-empty line");
  for (const std::string& ext : checkpoint.extensions) {
    if (!one_line(ext)) return Malformed("extension lines must be non-empty single lines");
  }
  if (checkpoint.size >= kMaxTreeSize) return Malformed("tree size is out of range");
  return SignNote(checkpoint.Body(), signer);
}

}  // namespace tf::ledger
