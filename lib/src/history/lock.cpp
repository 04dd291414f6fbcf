// The run lock: flock(2) on the database file itself. flock locks die with the process (kill -9
// included), so a crashed run never leaves a stale lock behind; and they belong to the open
// file, so every name of the file (hard links, symbolic links, other spellings) shares one lock.
// The file is opened without ever creating something through a symbolic link (a dangling link
// is refused by O_CREAT|O_EXCL), and must be a regular file (docs/security.md, "Files").
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "bouncekit/history.hpp"

namespace bouncekit::history {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(50);

std::string describe(int error) { return std::strerror(error); }

}  // namespace

Lock::Lock(const std::filesystem::path& target, double wait_seconds, std::string_view host) {
  if (target.empty()) throw DatabaseError("the database path is empty");
  // A PostgreSQL history: the lock is a local file of this host (history::local_file), which
  // holds nothing; runs on other hosts lock files of their own and never wait for this one.
  const bool server = is_server(target.string());
  const std::filesystem::path database = server ? local_file(target, host) : target;
  std::error_code ec;
  if (database.has_parent_path()) std::filesystem::create_directories(database.parent_path(), ec);
  // O_NONBLOCK: opening a FIFO someone put there must not hang; it is refused below.
  for (int attempt = 0; attempt < 10 && fd_ < 0; ++attempt) {
    fd_ = ::open(database.c_str(), O_RDWR | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd_ >= 0 || errno != ENOENT) break;
    fd_ = server ? ::open(database.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0600)
                 : create(database);
    if (fd_ < 0 && errno != EEXIST) break;
  }
  if (fd_ < 0) throw DatabaseError("cannot open the database " + database.string() + ": " + describe(errno));
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw DatabaseError("the database " + database.string() + " is not a regular file");
  }
  found_empty_ = !server && !created_ && st.st_size == 0;
  // NaN and negative waits are no wait; the longest is a year (a bound, not a policy).
  const double wait = wait_seconds > 0 ? std::min(wait_seconds, 366.0 * 86400) : 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait);
  for (;;) {
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    int error = errno;
    if (error != EWOULDBLOCK && error != EINTR) {
      ::close(fd_);
      throw DatabaseError("cannot lock " + database.string() + ": " + describe(error));
    }
    if (error == EWOULDBLOCK && std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      throw LockBusy("another bouncekit run holds the lock on " + database.string());
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

// A missing database is made whole under a temporary name (created with O_EXCL|O_NOFOLLOW, its
// schema written by a Store), then given its name with link(2), which never replaces an
// existing file: no run ever finds a new database empty, so an empty one always means lost
// content. Returns the locked descriptor, or -1 with errno set (EEXIST: another run was first).
int Lock::create(const std::filesystem::path& database) {
  std::filesystem::path temp = database;
  temp += ".new." + std::to_string(::getpid());
  ::unlink(temp.c_str());  // left by a killed run of this process id: never in use
  int fd = ::open(temp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0644);
  if (fd < 0) return -1;
  int error = 0;
  if (::flock(fd, LOCK_EX) != 0) error = errno;
  if (!error) {
    try {
      Store schema(temp);
    } catch (const DatabaseError&) {
      error = EIO;
    }
  }
  if (!error && ::link(temp.c_str(), database.c_str()) != 0) error = errno;
  ::unlink(temp.c_str());
  if (error) {
    ::close(fd);
    errno = error;
    return -1;
  }
  created_ = true;
  return fd;
}

Lock::~Lock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the lock
}

}  // namespace bouncekit::history
