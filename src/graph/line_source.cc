#include "graph/line_source.h"

#include <sys/stat.h>
#include <cerrno>
#include <cstring>

namespace tf::graph {
namespace {
constexpr size_t kBlockBytes = size_t{1} << 20;
}  // namespace

LineSource::LineSource(std::FILE* file, std::string name, uint64_t total)
    : file_(file), name_(std::move(name)), total_(total) {}

LineSource::~LineSource() {
  if (file_ != nullptr) std::fclose(file_);
}

Result<std::unique_ptr<LineSource>> LineSource::Open(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return IoError("cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  uint64_t total = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : 0;
  return std::unique_ptr<LineSource>(new LineSource(f, path, total));
}

std::unique_ptr<LineSource> LineSource::FromString(std::string text, std::string name) {
  auto src = std::unique_ptr<LineSource>(new LineSource(nullptr, std::move(name), text.size()));
  src->buffer_ = std::move(text);
  src->eof_ = true;
  return src;
}

// Keeps the unread tail and appends the next block.
void LineSource::Fill() {
  buffer_.erase(0, pos_);
  pos_ = 0;
  const size_t old = buffer_.size();
  buffer_.resize(old + kBlockBytes);
  const size_t n = std::fread(buffer_.data() + old, 1, kBlockBytes, file_);
  buffer_.resize(old + n);
  if (n < kBlockBytes) {
    if (std::ferror(file_)) {
      status_ = IoError("cannot read " + name_ + ": " + std::strerror(errno));
      return;
    }
    eof_ = true;
  }
}

bool LineSource::Next(std::string_view& line) {
  if (!status_.ok()) return false;
  for (;;) {
    const char* start = buffer_.data() + pos_;
    const size_t avail = buffer_.size() - pos_;
    const void* nl = std::memchr(start, '\n', avail);
    if (nl != nullptr || (eof_ && avail > 0)) {
      const size_t len = nl != nullptr ? static_cast<const char*>(nl) - start : avail;
      const size_t used = nl != nullptr ? len + 1 : len;
      line = std::string_view(start, len);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      pos_ += used;
      consumed_ += used;
      ++line_number_;
      return true;
    }
    if (eof_ || file_ == nullptr) return false;
    Fill();
    if (!status_.ok()) return false;
  }
}

}  // namespace tf::graph
