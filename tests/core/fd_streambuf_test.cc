#include "core/fd_streambuf.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>

namespace tf {
namespace {

class TempFile {
 public:
  TempFile() {
    std::string pattern = ::testing::TempDir() + "fd_streambuf_XXXXXX";
    fd_ = mkstemp(pattern.data());
    path_ = pattern;
  }
  ~TempFile() {
    if (fd_ >= 0) close(fd_);
    unlink(path_.c_str());
  }
  int fd() const { return fd_; }
  std::string Contents() const {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  int fd_ = -1;
  std::string path_;
};

TEST(FdStreamBufTest, WritesEachFlushedLineInOrder) {
  TempFile file;
  ASSERT_GE(file.fd(), 0);
  {
    FdStreamBuf buf(file.fd());
    std::ostream out(&buf);
    out << "first line\n" << std::flush;
    EXPECT_EQ(file.Contents(), "first line\n");
    out << "second " << 2 << '\n';
    EXPECT_EQ(file.Contents(), "first line\n") << "nothing is written before a flush";
    out.flush();
    EXPECT_EQ(file.Contents(), "first line\nsecond 2\n");
    out << "left in the buffer\n";
  }
  EXPECT_EQ(file.Contents(), "first line\nsecond 2\nleft in the buffer\n")
      << "the destructor writes what is still buffered";
}

TEST(FdStreamBufTest, StartsWritebackOfARegularFileEveryThresholdBytes) {
  TempFile file;
  FdStreamBuf buf(file.fd(), /*writeback_after_bytes=*/100);
  std::ostream out(&buf);
  const std::string line(49, 'x');  // 50 bytes with its newline
  for (int i = 0; i < 7; ++i)
    out << line << '\n' << std::flush;
  EXPECT_EQ(buf.writebacks_started(), 3u);  // after 100, 200 and 300 bytes
  EXPECT_EQ(file.Contents().size(), 350u);
}

TEST(FdStreamBufTest, ZeroThresholdNeverStartsWriteback) {
  TempFile file;
  FdStreamBuf buf(file.fd(), 0);
  std::ostream out(&buf);
  for (int i = 0; i < 10; ++i)
    out << "line\n" << std::flush;
  EXPECT_EQ(buf.writebacks_started(), 0u);
  EXPECT_EQ(file.Contents().size(), 50u);
}

TEST(FdStreamBufTest, APipeGetsItsBytesButNoWriteback) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  {
    FdStreamBuf buf(fds[1], 1);
    std::ostream out(&buf);
    out << "through a pipe\n" << std::flush;
    EXPECT_EQ(buf.writebacks_started(), 0u);
  }
  close(fds[1]);
  char got[64] = {};
  ssize_t n = read(fds[0], got, sizeof(got));
  close(fds[0]);
  EXPECT_EQ(std::string(got, n > 0 ? static_cast<size_t>(n) : 0), "through a pipe\n");
}

TEST(FdStreamBufTest, ABufferBeyondItsBoundGoesOutWithoutAFlush) {
  TempFile file;
  FdStreamBuf buf(file.fd());
  std::ostream out(&buf);
  const std::string block(1000, 'y');
  for (int i = 0; i < 100; ++i)
    out << block;  // 100 kB, never flushed
  EXPECT_GE(file.Contents().size(), 64000u);
  out.flush();
  EXPECT_EQ(file.Contents().size(), 100000u);
}

TEST(FdStreamBufTest, AFailedWriteSetsTheStreamStateAndDropsTheBytes) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  close(fds[0]);  // no reader: write fails with EPIPE (SIGPIPE ignored below)
  sighandler_t previous = signal(SIGPIPE, SIG_IGN);
  FdStreamBuf buf(fds[1]);
  std::ostream out(&buf);
  out << "nobody reads this\n" << std::flush;
  EXPECT_TRUE(out.bad());
  signal(SIGPIPE, previous);
  close(fds[1]);
}

}  // namespace
}  // namespace tf
