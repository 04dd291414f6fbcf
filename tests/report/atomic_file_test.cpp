// AtomicFile: the file appears whole on commit(), and not at all without it.
#include <gtest/gtest.h>

#include <filesystem>

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
