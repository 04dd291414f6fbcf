// The progress line says MiB (it counts 2^20 bytes) and, when the input size is known, the share
// done and the time left; --log-file rotates to the names docs/cron.md gives.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using bouncekit::test::read_file;
using bouncekit::test::TempDir;
using bouncekit::test::testdata;

int shell(const std::string& cmd) {
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string cli() { return std::string("'") + BOUNCEKIT_CLI + "'"; }

TEST(Progress, KnownInputSizeShowsShareAndTimeLeftInMiB) {
  TempDir tmp;
  const fs::path err = tmp.path() / "err";
  ASSERT_EQ(shell(cli() + " report --no-history --progress always --out '" + (tmp.path() / "out").string() + "' '" +
                  testdata("samples").string() + "' > /dev/null 2> '" + err.string() + "'"),
            0);
  const std::string text = read_file(err);
  EXPECT_NE(text.find(" MiB of "), std::string::npos) << text;
  EXPECT_NE(text.find("%)"), std::string::npos) << text;
  EXPECT_NE(text.find(" left"), std::string::npos) << text;
  EXPECT_EQ(text.find(" MB"), std::string::npos) << text;  // it counts MiB, and says so
}

TEST(Progress, StandardInputHasNoShare) {
  TempDir tmp;
  const fs::path err = tmp.path() / "err";
  ASSERT_EQ(shell(cli() + " report --no-history --progress always --out '" + (tmp.path() / "out").string() + "' - < '" +
                  testdata("samples/bounces.mbox").string() + "' > /dev/null 2> '" + err.string() + "'"),
            0);
  const std::string text = read_file(err);
  EXPECT_NE(text.find(" MiB"), std::string::npos) << text;
  EXPECT_EQ(text.find("%)"), std::string::npos) << text;
  EXPECT_EQ(text.find(" left"), std::string::npos) << text;
}

// docs/cron.md, "Log rotation": report.log becomes report.1.log once it reaches 10 MiB.
TEST(LogFile, RotatesToTheNamesTheDocsGive) {
  TempDir tmp;
  const fs::path log = tmp.path() / "report.log";
  {
    std::ofstream full(log, std::ios::binary);
    full << std::string((10u << 20) - 10, 'x') << '\n';
  }
  ASSERT_EQ(shell(cli() + " --log-file '" + log.string() + "' parse '" + testdata("samples").string() +
                  "' > /dev/null 2>&1"),
            0);
  EXPECT_TRUE(fs::exists(tmp.path() / "report.1.log"));
  EXPECT_FALSE(fs::exists(tmp.path() / "report.log.1"));
  EXPECT_LT(fs::file_size(log), 1u << 20);  // the new file holds tonight's lines only
}

}  // namespace
