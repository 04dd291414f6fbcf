// Walking folders: each folder is read once, whatever links lead to it (issue: 20 levels of
// two links each made one file be read 2^20 times).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "source/walk.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using bouncekit::source::InputError;
using bouncekit::source::detail::WalkItem;
using bouncekit::source::detail::Walker;
using bouncekit::test::TempDir;
using bouncekit::test::write_file;

std::vector<std::string> walk(const std::vector<std::string>& paths) {
  Walker walker(paths);
  WalkItem item;
  std::vector<InputError> errors;
  std::vector<std::string> files;
  while (walker.next(item, errors)) files.push_back(item.path);
  return files;
}

TEST(Walk, LinksFanningOutToSiblingsReadEachFolderOnce) {
  TempDir tmp;
  constexpr int kLevels = 20;
  auto level = [&](int i) { return tmp.path() / "store" / ("l" + std::to_string(i)); };
  fs::create_directories(tmp.path() / "walk");
  for (int i = 1; i <= kLevels; ++i) fs::create_directories(level(i));
  write_file(level(kLevels) / "bounce.eml", "From: MAILER-DAEMON@example.org\n\nx\n");
  for (const char* name : {"a", "b"}) {
    fs::create_directory_symlink(level(1), tmp.path() / "walk" / name);
    for (int i = 1; i < kLevels; ++i) fs::create_directory_symlink(level(i + 1), level(i) / name);
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> files = walk({(tmp.path() / "walk").string()});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(files.size(), 1u) << "2^20 paths lead to one folder";
  EXPECT_LT(seconds, 2.0);
}

TEST(Walk, AFolderGivenTwiceOrReachedTwiceIsReadOnce) {
  TempDir tmp;
  write_file(tmp.path() / "box" / "one.eml", "x\n");
  fs::create_directory_symlink(tmp.path() / "box", tmp.path() / "alias");
  std::vector<std::string> files =
      walk({(tmp.path() / "box").string(), (tmp.path() / "alias").string(), tmp.path().string()});
  EXPECT_EQ(files.size(), 1u);
}

TEST(Walk, ALinkToAnAncestorDoesNotLoop) {
  TempDir tmp;
  write_file(tmp.path() / "top" / "sub" / "m.eml", "x\n");
  fs::create_directory_symlink(tmp.path() / "top", tmp.path() / "top" / "sub" / "up");
  EXPECT_EQ(walk({(tmp.path() / "top").string()}).size(), 1u);
}

}  // namespace
