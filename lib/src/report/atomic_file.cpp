// AtomicFile: write to a temporary file beside the target, then flush, fsync and rename, so a
// reader (or a crash) sees either the old file or the whole new one, never half of it.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <string>
#include <system_error>

#include "bouncekit/report_files.hpp"

namespace bouncekit::report {
namespace {

// A name beside `path` that no other writer uses: hidden, with the process id and a counter.
std::filesystem::path temp_name_for(const std::filesystem::path& path, unsigned attempt) {
  static std::atomic<unsigned long> counter{0};
  std::string name = "." + path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                     std::to_string(counter.fetch_add(1)) + "." + std::to_string(attempt);
  return path.parent_path() / name;
}

// Creates `temp` exclusively (mode 0666 less the umask, like any new file); false if it exists or fails.
bool claim(const std::filesystem::path& temp) {
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

bool fsync_path(const std::filesystem::path& p, int flags) {
  int fd = ::open(p.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  return ::close(fd) == 0 && ok;
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) {
  for (unsigned attempt = 0; attempt < 100; ++attempt) {
    auto candidate = temp_name_for(path_, attempt);
    if (claim(candidate)) {
      temp_ = std::move(candidate);
      out_.open(temp_, std::ios::binary | std::ios::trunc);
      return;
    }
    if (errno != EEXIST) break;
  }
  out_.setstate(std::ios::failbit);  // no temporary file: every write fails, commit() says false
}

AtomicFile::~AtomicFile() {
  if (committed_ || temp_.empty()) return;
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(temp_, ignored);
}

bool AtomicFile::commit() {
  if (committed_) return true;
  if (temp_.empty()) return false;
  out_.flush();
  bool ok = static_cast<bool>(out_);
  out_.close();
  ok = ok && !out_.fail();
  ok = ok && fsync_path(temp_, O_RDONLY);
  if (ok) {
    std::error_code ec;
    std::filesystem::rename(temp_, path_, ec);
    ok = !ec;
  }
  if (!ok) {
    std::error_code ignored;
    std::filesystem::remove(temp_, ignored);
    temp_.clear();
    return false;
  }
  committed_ = true;
  // Make the rename itself durable; the file is in place either way, so this is best effort.
  auto dir = path_.parent_path();
  fsync_path(dir.empty() ? std::filesystem::path(".") : dir, O_RDONLY | O_DIRECTORY);
  return true;
}

}  // namespace bouncekit::report
