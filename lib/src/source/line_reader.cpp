#include "source/line_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

namespace bouncekit::source::detail {

namespace {

constexpr unsigned kZlibBufferSize = 128 * 1024;

gzFile as_gz(void* p) { return static_cast<gzFile>(p); }

std::size_t find_byte(const char* data, std::size_t from, std::size_t to, char c) {
  const void* hit = std::memchr(data + from, c, to - from);
  return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - data) : to;
}

}  // namespace

LineReader::LineReader(std::size_t buffer_size) : buf_(std::max<std::size_t>(buffer_size, 16)) {}

LineReader::~LineReader() { close(); }

namespace {

// Whether the file `fd` starts with the gzip magic bytes. Pipes and the like (pread
// fails) answer "maybe", i.e. true: zlib then decides as it reads. A file shorter than
// two bytes is not gzip (zlib would copy it as it is too).
bool maybe_gzip(int fd) {
  unsigned char magic[2];
  ssize_t n = ::pread(fd, magic, sizeof magic, 0);
  if (n < 0) return true;
  return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

}  // namespace

bool LineReader::open(const std::string& path, std::string& error) {
  close();
  int fd = path == "-" ? ::dup(0) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  // Standard input may not start at offset 0 of its file, where pread looks: zlib decides.
  if (path == "-" || maybe_gzip(fd)) {
    gzFile gz = ::gzdopen(fd, "rb");
    if (!gz) {
      error = "cannot start reading (out of memory)";
      ::close(fd);
      return false;
    }
    ::gzbuffer(gz, kZlibBufferSize);
    file_ = gz;
    // A decompression bomb (a few MB of gzip that expand to gigabytes) is cut at a fixed ratio
    // to what the file holds; a pipe's size is unknown, so it is not capped (docs/limits.md).
    struct stat st {};
    gz_limit_ = 0;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
      gz_limit_ = kMaxGzipRatio * static_cast<std::uint64_t>(st.st_size) + kGzipSlackBytes;
  } else {
    // A plain file is read straight into the buffer: zlib's transparent mode would copy it
    // once more through its own buffer.
    fd_ = fd;
  }
  pos_ = end_ = 0;
  gz_out_ = 0;
  cache_valid_ = false;
  base_ = 0;
  eof_ = false;
  skip_lf_ = false;
  at_line_start_ = true;
  error_.clear();
  return true;
}

void LineReader::close() {
  if (file_) {
    ::gzclose_r(as_gz(file_));
    file_ = nullptr;
  }
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  pos_ = end_ = 0;
  cache_valid_ = false;
  eof_ = true;
}

// Reads a plain file into buf_ at end_: false at its end or on an error (then in error_).
bool LineReader::read_plain() {
  for (;;) {
    ssize_t n = ::read(fd_, buf_.data() + end_, buf_.size() - end_);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    eof_ = true;
    if (n < 0) error_ = std::string("read error: ") + std::strerror(errno);
    return false;
  }
}

// Moves the unread rest to the front of the buffer and reads more behind it.
bool LineReader::refill() {
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    base_ += pos_;
    end_ -= pos_;
    pos_ = 0;
  }
  cache_valid_ = false;
  if (eof_ || end_ == buf_.size()) return false;
  if (fd_ >= 0) return read_plain();
  if (!file_) return false;
  std::size_t room = buf_.size() - end_;
  if (gz_limit_ > 0) {
    if (gz_out_ >= gz_limit_) {
      eof_ = true;
      error_ = "gzip data expands to more than " + std::to_string(kMaxGzipRatio) +
               " times its compressed size (a decompression bomb?): reading stopped after " +
               std::to_string(gz_out_) + " bytes";
      return false;
    }
    room = static_cast<std::size_t>(std::min<std::uint64_t>(room, gz_limit_ - gz_out_));
  }
  int n = ::gzread(as_gz(file_), buf_.data() + end_, static_cast<unsigned>(room));
  if (n > 0) {
    end_ += static_cast<std::size_t>(n);
    gz_out_ += static_cast<std::uint64_t>(n);
    return true;
  }
  eof_ = true;
  int errnum = Z_OK;
  const char* msg = ::gzerror(as_gz(file_), &errnum);
  if (errnum == Z_ERRNO) {
    error_ = std::string("read error: ") + std::strerror(errno);
  } else if (errnum != Z_OK) {
    error_ = std::string("corrupt or truncated gzip data: ") + (msg && *msg ? msg : "unknown error");
  } else if (n < 0) {
    error_ = "read error";
  }
  return false;
}

void LineReader::find_terminators() {
  const char* data = buf_.data();
  if (!cache_valid_ || lf_ < pos_) lf_ = find_byte(data, pos_, end_, '\n');
  if (!cache_valid_ || cr_ < pos_) cr_ = find_byte(data, pos_, end_, '\r');
  cache_valid_ = true;
}

std::string_view LineReader::plain_lines() {
  if (!at_line_start_ || skip_lf_ || pos_ >= end_) return {};
  find_terminators();
  return std::string_view(buf_.data() + pos_, cr_ - pos_);
}

bool LineReader::next(LinePiece& piece) {
  for (;;) {
    if (skip_lf_ && pos_ < end_) {
      skip_lf_ = false;
      if (buf_[pos_] == '\n') {
        ++pos_;
        continue;
      }
    }
    if (pos_ < end_) {
      const char* data = buf_.data();
      find_terminators();
      std::size_t term = std::min(lf_, cr_);
      std::size_t start = pos_;
      if (term < end_) {
        piece.text = std::string_view(data + start, term - start);
        piece.eol = true;
        skip_lf_ = data[term] == '\r';
        pos_ = term + 1;
      } else if (eof_ || (start == 0 && end_ == buf_.size())) {
        // End of input without terminator, or a line longer than the whole buffer.
        piece.text = std::string_view(data + start, end_ - start);
        piece.eol = eof_;
        pos_ = end_;
      } else {
        refill();
        continue;
      }
      piece.offset = base_ + start;
      piece.first = at_line_start_;
      at_line_start_ = piece.eol;
      return true;
    }
    if (eof_) {
      if (at_line_start_) return false;
      // The input ended right after a piece that filled the whole buffer: close that line.
      piece.text = {};
      piece.offset = base_ + end_;
      piece.first = false;
      piece.eol = true;
      at_line_start_ = true;
      return true;
    }
    refill();
  }
}

}  // namespace bouncekit::source::detail
