// The run lock in one process: flock(2) locks of two open files conflict even within a process.
#include <gtest/gtest.h>

#include <sys/stat.h>

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
  EXPECT_TRUE(std::filesystem::exists(tmp.path() / "h.sqlite"));  // made, with its schema
  EXPECT_FALSE(std::filesystem::exists(tmp.path() / "h.sqlite.lock"));  // the lock is on the database
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

// The lock belongs to the database file, not to a name: a hard link is the same database.
TEST(Lock, AHardLinkToTheDatabaseSharesTheLock) {
  bouncekit::test::TempDir tmp;
  auto db = tmp.path() / "h.sqlite";
  Lock first(db, 0);
  std::filesystem::create_directories(tmp.path() / "elsewhere");
  std::filesystem::create_hard_link(db, tmp.path() / "elsewhere" / "other-name.sqlite");
  EXPECT_THROW(Lock(tmp.path() / "elsewhere" / "other-name.sqlite", 0), LockBusy);
}

TEST(Lock, ANewDatabaseIsMadeWholeNeverEmpty) {
  bouncekit::test::TempDir tmp;
  auto db = tmp.path() / "h.sqlite";
  Lock lock(db, 0);
  EXPECT_TRUE(lock.created());
  EXPECT_FALSE(lock.found_empty());
  EXPECT_GT(std::filesystem::file_size(db), 0u) << "linked into place with its schema";
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(tmp.path()), std::filesystem::directory_iterator()), 1)
      << "no temporary name left beside it";
}

TEST(Lock, AnExistingEmptyFileIsReported) {
  bouncekit::test::TempDir tmp;
  auto db = tmp.path() / "h.sqlite";
  bouncekit::test::write_file(db, "");
  Lock lock(db, 0);
  EXPECT_FALSE(lock.created());
  EXPECT_TRUE(lock.found_empty());
}

TEST(Lock, NothingIsCreatedThroughADanglingLink) {
  bouncekit::test::TempDir tmp;
  auto target = tmp.path() / "somewhere-else";
  std::filesystem::create_symlink(target, tmp.path() / "h.sqlite");
  EXPECT_THROW(Lock(tmp.path() / "h.sqlite", 0), bouncekit::history::DatabaseError);
  EXPECT_FALSE(std::filesystem::exists(target));
}

TEST(Lock, AFolderAFifoOrADeviceIsRefused) {
  bouncekit::test::TempDir tmp;
  std::filesystem::create_directory(tmp.path() / "folder");
  ASSERT_EQ(::mkfifo((tmp.path() / "fifo").c_str(), 0600), 0);
  EXPECT_THROW(Lock(tmp.path() / "folder", 0), bouncekit::history::DatabaseError);
  EXPECT_THROW(Lock(tmp.path() / "fifo", 0), bouncekit::history::DatabaseError);  // and does not hang
  EXPECT_THROW(Lock("/dev/null", 0), bouncekit::history::DatabaseError);
  EXPECT_FALSE(std::filesystem::exists("/dev/null-journal"));
}

}  // namespace
