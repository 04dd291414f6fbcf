// The run lock: flock(2) on a file beside the database. flock locks die with the process
// (kill -9 included), so a crashed run never leaves a stale lock behind. The lock file is
// never removed: removing it while another process waits on it would let two runs in.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "bouncekit/history.hpp"

namespace bouncekit::history {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(50);

}  // namespace

std::filesystem::path Lock::path_for(const std::filesystem::path& database) {
  // Symbolic links resolved (as far as the path exists): two spellings of one database, through
  // a symlinked file or folder, must take the same lock.
  std::error_code ec;
  std::filesystem::path lock = std::filesystem::weakly_canonical(database, ec);
  if (ec) lock = database;
  lock += ".lock";
  return lock;
}

Lock::Lock(const std::filesystem::path& database, double wait_seconds) {
  std::filesystem::path path = path_for(database);
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw DatabaseError("cannot open the lock file " + path.string() + ": " + std::strerror(errno));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds < 0 ? 0 : wait_seconds);
  for (;;) {
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    int error = errno;
    if (error != EWOULDBLOCK && error != EINTR) {
      ::close(fd_);
      throw DatabaseError("cannot lock " + path.string() + ": " + std::strerror(error));
    }
    if (error == EWOULDBLOCK && std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      throw LockBusy("another bouncekit run holds the lock on " + database.string() + " (lock file " +
                     path.string() + ")");
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

Lock::~Lock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the lock
}

}  // namespace bouncekit::history
