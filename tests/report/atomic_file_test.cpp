// AtomicFile: the file appears whole on commit(), and not at all without it.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "bouncekit/report_files.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace rp = bouncekit::report;
using bouncekit::test::read_file;
using bouncekit::test::TempDir;
using bouncekit::test::write_file;

namespace {

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST(AtomicFile, CommitRenamesIntoPlace) {
  TempDir dir;
  const auto target = dir.path() / "summary.json";
  {
    rp::AtomicFile file(target);
    file.stream() << "{\"ok\":true}\n";
    EXPECT_FALSE(fs::exists(target)) << "nothing under the final name before commit";
    EXPECT_EQ(entries(dir.path()), 1u) << "the temporary file is beside the target";
    EXPECT_TRUE(file.commit());
    EXPECT_TRUE(file.commit()) << "a second commit is harmless";
  }
  EXPECT_EQ(read_file(target), "{\"ok\":true}\n");
  EXPECT_EQ(entries(dir.path()), 1u) << "no temporary file left";
}

TEST(AtomicFile, WithoutCommitNothingIsLeftAndTheOldFileStays) {
  TempDir dir;
  const auto target = dir.path() / "report.html";
  write_file(target, "yesterday's report");
  {
    rp::AtomicFile file(target);
    file.stream() << "half a repo";
  }  // destroyed without commit(), as when a writer throws
  EXPECT_EQ(read_file(target), "yesterday's report");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, CommitReplacesAnExistingFile) {
  TempDir dir;
  const auto target = dir.path() / "domains.csv";
  write_file(target, "old");
  rp::AtomicFile file(target);
  file.stream() << "new";
  ASSERT_TRUE(file.commit());
  EXPECT_EQ(read_file(target), "new");
}

TEST(AtomicFile, TwoAtOnceForOneTargetDoNotShareATemporaryFile) {
  TempDir dir;
  const auto target = dir.path() / "a.txt";
  rp::AtomicFile first(target), second(target);
  first.stream() << "first";
  second.stream() << "second";
  EXPECT_EQ(entries(dir.path()), 2u);
  ASSERT_TRUE(first.commit());
  ASSERT_TRUE(second.commit());
  EXPECT_EQ(read_file(target), "second");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, UnwritableFolderFailsCleanly) {
  TempDir dir;
  rp::AtomicFile file(dir.path() / "no-such-folder" / "report.html");
  file.stream() << "text";
  EXPECT_FALSE(file.stream());
  EXPECT_FALSE(file.commit());
  EXPECT_FALSE(fs::exists(dir.path() / "no-such-folder"));
}

TEST(AtomicFile, ATargetThatIsAFolderIsNotReplaced) {
  TempDir dir;
  const auto target = dir.path() / "out";
  fs::create_directory(target);
  write_file(target / "keep", "x");
  {
    rp::AtomicFile file(target);
    file.stream() << "text";
    EXPECT_FALSE(file.commit());
  }
  EXPECT_TRUE(fs::is_directory(target));
  EXPECT_EQ(entries(dir.path()), 1u) << "the temporary file is removed after a failed commit";
}

// Someone who can write to the folder swaps the temporary name for a link to a file of theirs
// (or of root's): the content never goes through the link, and commit() refuses to rename
// anything but the file it created (docs/security.md, "Files").
TEST(AtomicFile, ATemporaryNameSwappedForALinkIsNeitherFollowedNorRenamed) {
  TempDir dir;
  const auto target = dir.path() / "suppressions.csv";
  const auto victim = dir.path() / "victim";
  write_file(victim, "precious");
  rp::AtomicFile file(target);
  const fs::path temp = file.temporary_path();
  ASSERT_FALSE(temp.empty());
  fs::remove(temp);
  fs::create_symlink(victim, temp);
  file.stream() << "attacker-chosen addresses\n";
  EXPECT_FALSE(file.commit());
  EXPECT_EQ(read_file(victim), "precious");
  EXPECT_FALSE(fs::exists(fs::symlink_status(target))) << "the link was not renamed into place";
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(temp))) << "someone else's link is not ours to remove";
}

TEST(AtomicFile, PrivateUntilCompleteThenReadableAsAnyNewFile) {
  TempDir dir;
  mode_t old_mask = ::umask(027);
  rp::AtomicFile file(dir.path() / "summary.json");
  struct stat st {};
  ASSERT_EQ(::stat(file.temporary_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  file.stream() << "{}";
  ASSERT_TRUE(file.commit());
  ASSERT_EQ(::stat((dir.path() / "summary.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  ::umask(old_mask);
}
