#include "core/fd_streambuf.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace tf {

namespace {

bool IsRegularFile(int fd) {
  struct stat st {};
  return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

FdStreamBuf::FdStreamBuf(int fd, size_t writeback_after_bytes)
    : fd_(fd),
      writeback_after_bytes_(writeback_after_bytes),
      writeback_enabled_(writeback_after_bytes > 0 && IsRegularFile(fd)) {}

FdStreamBuf::~FdStreamBuf() {
  WriteBuffered();
}

FdStreamBuf::int_type FdStreamBuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  buffer_.push_back(traits_type::to_char_type(ch));
  if (buffer_.size() >= kMaxBufferedBytes && !WriteBuffered()) return traits_type::eof();
  return ch;
}

std::streamsize FdStreamBuf::xsputn(const char* s, std::streamsize n) {
  buffer_.append(s, static_cast<size_t>(n));
  if (buffer_.size() >= kMaxBufferedBytes && !WriteBuffered()) return 0;
  return n;
}

int FdStreamBuf::sync() {
  return WriteBuffered() ? 0 : -1;
}

bool FdStreamBuf::WriteBuffered() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // Keeping bytes the descriptor refused would only grow the buffer; the stream reports
      // the failure through its state.
      buffer_.clear();
      return false;
    }
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
  StartWritebackIfDue(done);
  return true;
}

void FdStreamBuf::StartWritebackIfDue(size_t written) {
  if (!writeback_enabled_) return;
  written_since_writeback_ += written;
  if (written_since_writeback_ < writeback_after_bytes_) return;
  written_since_writeback_ = 0;
  // The whole file, not just our bytes: another writer may share it (a shell's `2>>log`), and
  // pages already clean or under writeback cost nothing. SYNC_FILE_RANGE_WRITE only queues the
  // writes. A file system that refuses the call gets no more of them; logging goes on.
  if (sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE) != 0) {
    writeback_enabled_ = false;
    return;
  }
  ++writebacks_started_;
}

}  // namespace tf
