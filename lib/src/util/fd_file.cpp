#include "util/fd_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace bouncekit::util {

FdOutBuf::FdOutBuf(int fd, std::size_t capacity) : fd_(fd), buffer_(capacity == 0 ? 1 : capacity) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

bool FdOutBuf::write_all(const char* p, std::size_t n) {
  while (n > 0 && !failed_) {
    ssize_t w = ::write(fd_, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      failed_ = true;
      break;
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return !failed_;
}

bool FdOutBuf::drain() {
  bool ok = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return ok;
}

FdOutBuf::int_type FdOutBuf::overflow(int_type c) {
  if (!drain()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

int FdOutBuf::sync() { return drain() ? 0 : -1; }

std::streamsize FdOutBuf::xsputn(const char* s, std::streamsize n) {
  if (n <= 0) return 0;
  auto size = static_cast<std::size_t>(n);
  auto room = static_cast<std::size_t>(epptr() - pptr());
  if (size <= room) {
    std::memcpy(pptr(), s, size);
    pbump(static_cast<int>(size));
    return n;
  }
  if (!drain()) return 0;
  if (size < buffer_.size()) {
    std::memcpy(pptr(), s, size);
    pbump(static_cast<int>(size));
    return n;
  }
  return write_all(s, size) ? n : 0;
}

mode_t current_umask() {
  if (std::FILE* f = std::fopen("/proc/self/status", "re")) {
    char line[256];
    unsigned value = 0;
    bool found = false;
    while (std::fgets(line, sizeof line, f))
      if (std::sscanf(line, "Umask: %o", &value) == 1) {
        found = true;
        break;
      }
    std::fclose(f);
    if (found) return static_cast<mode_t>(value & 0777);
  }
  static const mode_t fallback = [] {
    mode_t m = ::umask(022);
    ::umask(m);
    return m;
  }();
  return fallback;
}

}  // namespace bouncekit::util
