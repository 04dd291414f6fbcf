// Files handled through their descriptors: an output stream over a file descriptor, and the
// process's umask read without changing it. Used where a file must never be reopened by name
// (docs/security.md, "Files").
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <streambuf>
#include <vector>

namespace bouncekit::util {

/// A write-only stream buffer over `fd` (not owned, not closed). A failed write(2) makes every
/// later write fail too, so one check of the stream at the end catches it.
class FdOutBuf : public std::streambuf {
 public:
  explicit FdOutBuf(int fd, std::size_t capacity = 64 * 1024);
  bool failed() const { return failed_; }

 protected:
  int_type overflow(int_type c) override;
  int sync() override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;

 private:
  bool drain();
  bool write_all(const char* p, std::size_t n);
  int fd_;
  std::vector<char> buffer_;
  bool failed_ = false;
};

/// The umask of this process, from /proc/self/status; where that is missing, read once by
/// setting and restoring it (not thread-safe then: the first call should come early).
mode_t current_umask();

}  // namespace bouncekit::util
