// A throwaway PostgreSQL server for the tests that need one: `initdb` into a new folder under
// /tmp, `postgres` started on a Unix socket in that folder only (no TCP: nothing else on the
// machine can reach it or collide with it), one new database per test, and the server stopped
// and the folder removed when the test program ends. initdb and postgres refuse to run as root
// (tests run as root here and in CI): the server then runs as the user `nobody`, in a folder
// owned by it. The server's programs are found with `pg_config --bindir`, else under
// /usr/lib/postgresql/*/bin (Debian's layout).
//
// require_postgres(): the test FAILS when the server cannot start and the environment says
// CI=true (the CI installs PostgreSQL: a missing server there is a broken test, not a skip);
// elsewhere it is skipped with the reason.
#pragma once

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "history/connection.hpp"

namespace bouncekit::test {

class PostgresServer {
 public:
  /// The server of this test program, started at the first call; nullptr when it cannot start
  /// (why: failure_reason()).
  static PostgresServer* shared() {
    static std::unique_ptr<PostgresServer> server = [] {
      auto s = std::unique_ptr<PostgresServer>(new PostgresServer);
      s->start();
      return s;
    }();
    return server->running_ ? server.get() : nullptr;
  }
  static const std::string& failure_reason() {
    shared();
    return reason();
  }

  /// A new empty database; returns its libpq connection string.
  std::string create_database() {
    static std::atomic<int> counter{0};
    std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    auto admin = history::db::open(conninfo("postgres"));
    admin->exec("CREATE DATABASE " + name);
    return conninfo(name);
  }

  std::string conninfo(const std::string& database) const {
    return "host=" + dir_.string() + " port=" + std::to_string(port_) + " user=bouncekit dbname=" + database;
  }

  /// Stops the server (fast shutdown) and waits for it; start_again() brings it back on the same
  /// folder and socket (the connection-loss test).
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGINT);
    for (int i = 0; i < 200; ++i) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  bool start_again() { return launch(); }

  ~PostgresServer() {
    stop();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

 private:
  PostgresServer() = default;
  static std::string& reason() {
    static std::string text;
    return text;
  }

  static std::filesystem::path bindir() {
    namespace fs = std::filesystem;
    if (FILE* p = ::popen("pg_config --bindir 2>/dev/null", "r")) {
      char line[512] = {};
      std::string dir = std::fgets(line, sizeof line, p) ? line : "";
      ::pclose(p);
      while (!dir.empty() && (dir.back() == '\n' || dir.back() == ' ')) dir.pop_back();
      if (!dir.empty() && fs::exists(fs::path(dir) / "initdb")) return dir;
    }
    fs::path best;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec))
      if (fs::exists(entry.path() / "bin" / "initdb") && entry.path() > best) best = entry.path();
    return best.empty() ? fs::path() : best / "bin";
  }

  // Runs `argv` as the server's user with output to `log`; returns the child's pid.
  pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& log) const {
    std::vector<char*> args;  // made before fork: the child only calls async-signal-safe functions
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = ::fork();
    if (pid != 0) return pid;
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    if (::geteuid() == 0) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(gid_) != 0 || ::setuid(uid_) != 0) ::_exit(126);
    }
    // The server goes when the test program goes, however it ends (set after setuid, which
    // would clear it).
    ::prctl(PR_SET_PDEATHSIG, SIGINT);
    ::execv(args[0], args.data());
    ::_exit(127);
  }

  std::string log_text() const {
    std::ifstream in(dir_ / "log");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  void start() {
    namespace fs = std::filesystem;
    fs::path bin = bindir();
    if (bin.empty()) {
      reason() = "no PostgreSQL server programs (initdb): install Debian's postgresql package";
      return;
    }
    bin_ = bin;
    char templ[] = "/tmp/bk-pg-XXXXXX";
    if (!::mkdtemp(templ)) {
      reason() = "cannot make a temporary folder";
      return;
    }
    dir_ = templ;
    if (::geteuid() == 0) {
      struct passwd* nobody = ::getpwnam("nobody");
      if (!nobody) {
        reason() = "running as root and there is no user 'nobody' to run the server";
        return;
      }
      uid_ = nobody->pw_uid;
      gid_ = nobody->pw_gid;
      if (::chown(dir_.c_str(), uid_, gid_) != 0) {
        reason() = "cannot give the temporary folder to 'nobody'";
        return;
      }
    }
    ::chmod(dir_.c_str(), 0700);
    pid_t initdb = spawn({(bin / "initdb").string(), "-D", (dir_ / "data").string(), "-U", "bouncekit", "-A",
                          "trust", "-E", "UTF8", "--no-sync", "--no-instructions"},
                         dir_ / "log");
    int status = 0;
    if (initdb < 0 || ::waitpid(initdb, &status, 0) != initdb || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      reason() = "initdb failed: " + log_text();
      return;
    }
    port_ = 20000 + static_cast<int>(::getpid() % 40000);
    if (!launch()) reason() = "postgres did not start: " + log_text();
  }

  bool launch() {
    // Unix socket only, in the folder; durability off (a test server, thrown away).
    pid_ = spawn({(bin_ / "postgres").string(), "-D", (dir_ / "data").string(), "-k", dir_.string(), "-p",
                  std::to_string(port_), "-c", "listen_addresses=", "-c", "fsync=off", "-c",
                  "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=60"},
                 dir_ / "log");
    if (pid_ < 0) return false;
    for (int i = 0; i < 300; ++i) {  // up to 30 s on a loaded machine
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return running_ = false;
      }
      try {
        history::db::open(conninfo("postgres"));
        return running_ = true;
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    return running_ = false;
  }

  std::filesystem::path bin_, dir_;
  uid_t uid_ = 0;
  gid_t gid_ = 0;
  int port_ = 0;
  pid_t pid_ = -1;
  bool running_ = false;
};

inline bool running_under_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

}  // namespace bouncekit::test

/// In a test body: the shared server, or the test fails (CI=true) or is skipped (elsewhere).
#define BOUNCEKIT_REQUIRE_POSTGRES(server)                                                              \
  ::bouncekit::test::PostgresServer* server = ::bouncekit::test::PostgresServer::shared();            \
  if (!server) {                                                                                        \
    if (::bouncekit::test::running_under_ci())                                                          \
      FAIL() << "PostgreSQL test server could not start: " << ::bouncekit::test::PostgresServer::failure_reason(); \
    GTEST_SKIP() << "no PostgreSQL test server: " << ::bouncekit::test::PostgresServer::failure_reason();      \
  }
