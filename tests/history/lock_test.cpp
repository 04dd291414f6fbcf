// The run lock in one process: flock(2) locks of two open files conflict even within a process.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "bouncekit/history.hpp"
#include "test_support.hpp"

namespace {

using bouncekit::history::Lock;
using bouncekit::history::LockBusy;

TEST(Lock, ASecondHolderIsRefusedAfterItsWait) {
  bouncekit::test::TempDir tmp;
  auto db = tmp.path() / "h.sqlite";
  Lock first(db, 0);
  EXPECT_TRUE(std::filesystem::exists(tmp.path() / "h.sqlite.lock"));
  auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(Lock(db, 0.3), LockBusy);
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GE(waited, 0.3);
  EXPECT_LT(waited, 2.0);
}

TEST(Lock, IsTakenOnceReleased) {
  bouncekit::test::TempDir tmp;
  auto db = tmp.path() / "h.sqlite";
  auto first = std::make_unique<Lock>(db, 0);
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    first.reset();
  });
  EXPECT_NO_THROW(Lock(db, 5));
  release.join();
  EXPECT_NO_THROW(Lock(db, 0));  // and released again by the destructor
}

TEST(Lock, TwoSpellingsOfOneDatabaseShareTheLock) {
  bouncekit::test::TempDir tmp;
  auto real_folder = tmp.path() / "state";
  std::filesystem::create_directories(real_folder);
  auto db = real_folder / "h.sqlite";
  bouncekit::test::write_file(db, "");
  std::filesystem::create_symlink(db, tmp.path() / "link.sqlite");
  std::filesystem::create_directory_symlink(real_folder, tmp.path() / "folder-link");

  Lock first(db, 0);
  EXPECT_THROW(Lock(tmp.path() / "link.sqlite", 0), LockBusy);
  EXPECT_THROW(Lock(tmp.path() / "folder-link" / "h.sqlite", 0), LockBusy);
  EXPECT_THROW(Lock(tmp.path() / "state" / "." / "h.sqlite", 0), LockBusy);
  EXPECT_FALSE(std::filesystem::exists(tmp.path() / "link.sqlite.lock"));
}

}  // namespace
