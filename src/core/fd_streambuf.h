// File: core/fd_streambuf.h
//
// A std::streambuf over a file descriptor it does not own, for a log that must not hurt the
// synced writes of the process that writes it:
//   FdStreamBuf buf(STDERR_FILENO);
//   std::ostream log(&buf);
//   JsonLinesLogger logger(log, clock);
// Bytes collect until a flush (the logger flushes every line) and then go out in one write(2),
// retried until complete. When the descriptor is a regular file, every `writeback_after_bytes`
// written also start the kernel's writeback of the file (sync_file_range, which does not wait
// for the disk).
//
// Why: `proof serve` writes one line of about 270 bytes per request, 4-11 MB/s under load. Left
// alone, the kernel writes a file's dirty pages back once they are 30 s old, 100 MB and more at
// once, and that burst queues ahead of the ledger's synced writes on the same disk: four syncs
// of 42-94 ms in a row in bench/server/run_wrk.sh. Writing back as the log grows keeps the
// backlog near `writeback_after_bytes` (RocksDB's bytes_per_sync and PostgreSQL's *_flush_after
// exist for the same reason).
//
// Not thread-safe: one writer at a time (JsonLinesLogger holds its mutex around each line).
#ifndef TF_CORE_FD_STREAMBUF_H_
#define TF_CORE_FD_STREAMBUF_H_

#include <cstddef>
#include <cstdint>
#include <streambuf>
#include <string>

namespace tf {

class FdStreamBuf final : public std::streambuf {
 public:
  static constexpr size_t kDefaultWritebackAfterBytes = size_t{1} << 20;

  explicit FdStreamBuf(int fd, size_t writeback_after_bytes = kDefaultWritebackAfterBytes);
  ~FdStreamBuf() override;  // writes what is still buffered
  FdStreamBuf(const FdStreamBuf&) = delete;
  FdStreamBuf& operator=(const FdStreamBuf&) = delete;

  // How many times writeback was started: zero unless the descriptor is a regular file.
  uint64_t writebacks_started() const { return writebacks_started_; }

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  // Without a flush the buffer still goes out at this size, so memory stays bounded.
  static constexpr size_t kMaxBufferedBytes = size_t{64} << 10;

  bool WriteBuffered();
  void StartWritebackIfDue(size_t written);

  int fd_;
  size_t writeback_after_bytes_;
  bool writeback_enabled_;
  size_t written_since_writeback_ = 0;
  uint64_t writebacks_started_ = 0;
  std::string buffer_;
};

}  // namespace tf

#endif  // TF_CORE_FD_STREAMBUF_H_
