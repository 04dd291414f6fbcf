// AtomicFile: write to a temporary file beside the target, then flush, fsync and rename, so a
// reader (or a crash) sees either the old file or the whole new one, never half of it.
// The temporary file is created with O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600, and everything
// after that goes through the descriptor open(2) returned: a name swapped for a symbolic link
// by someone else who can write to the folder is never followed (open(2), O_NOFOLLOW; the
// race it closes is CWE-367/CWE-59).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <string>
#include <system_error>

#include "bouncekit/report_files.hpp"
#include "util/fd_file.hpp"

namespace bouncekit::report {
namespace {

// A name beside `path` that no other writer uses: hidden, with the process id and a counter.
std::filesystem::path temp_name_for(const std::filesystem::path& path, unsigned attempt) {
  static std::atomic<unsigned long> counter{0};
  std::string name = "." + path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                     std::to_string(counter.fetch_add(1)) + "." + std::to_string(attempt);
  return path.parent_path() / name;
}

void fsync_dir(const std::filesystem::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) {
  for (unsigned attempt = 0; attempt < 100; ++attempt) {
    auto candidate = temp_name_for(path_, attempt);
    int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
      fd_ = fd;
      temp_ = std::move(candidate);
      buffer_ = std::make_unique<util::FdOutBuf>(fd_);
      out_.rdbuf(buffer_.get());
      return;
    }
    if (errno != EEXIST) break;
  }
  out_.setstate(std::ios::badbit);  // no temporary file: every write fails, commit() says false
}

AtomicFile::~AtomicFile() {
  if (!committed_) discard();
}

void AtomicFile::discard() {
  out_.rdbuf(nullptr);
  out_.setstate(std::ios::badbit);
  if (fd_ >= 0) {
    // Removed only while the name still leads to our file: never someone else's.
    struct stat mine {}, named {};
    bool same = ::fstat(fd_, &mine) == 0 && ::lstat(temp_.c_str(), &named) == 0 && mine.st_dev == named.st_dev &&
                mine.st_ino == named.st_ino;
    if (same) ::unlink(temp_.c_str());
    ::close(fd_);
    fd_ = -1;
  }
  temp_.clear();
}

bool AtomicFile::commit() {
  if (committed_) return true;
  if (fd_ < 0) return false;
  out_.flush();
  bool ok = static_cast<bool>(out_) && !static_cast<util::FdOutBuf*>(buffer_.get())->failed();
  // Readable like any new file (0666 less the umask) once complete, and on disk before the rename.
  ok = ok && ::fchmod(fd_, 0666 & ~util::current_umask()) == 0;
  ok = ok && ::fsync(fd_) == 0;
  // The name must still lead to the file we wrote: if it was replaced, rename(2) would put
  // someone else's file (or link) in place of the target.
  struct stat mine {}, named {};
  ok = ok && ::fstat(fd_, &mine) == 0 && ::lstat(temp_.c_str(), &named) == 0 && mine.st_dev == named.st_dev &&
       mine.st_ino == named.st_ino;
  ok = ok && ::rename(temp_.c_str(), path_.c_str()) == 0;
  if (!ok) {
    discard();
    return false;
  }
  out_.rdbuf(nullptr);
  ::close(fd_);  // after fsync(2) succeeded, close(2) has nothing left to report
  fd_ = -1;
  committed_ = true;
  // Make the rename itself durable; the file is in place either way, so this is best effort.
  fsync_dir(path_.parent_path());
  return true;
}

}  // namespace bouncekit::report
