// Inputs that hold no mail: `parse` and `report` warn on standard error, also under --quiet,
// for every given path that yielded no message and for every file that is not mail
// (docs/cli.md, "Inputs that hold no mail"). The run itself still succeeds (exit 0).
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using bouncekit::test::read_file;
using bouncekit::test::TempDir;
using bouncekit::test::testdata;
using bouncekit::test::write_file;

struct CliResult {
  int exit_code = -1;
  std::string err;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// `bouncekit --quiet COMMAND ... PATHS`, for parse (records to /dev/null) or report (no history,
// files into a fresh folder).
CliResult run(const std::string& command, const std::vector<std::string>& paths) {
  TempDir tmp;
  std::string cmd = quote(BOUNCEKIT_CLI) + " --quiet " + command;
  if (command == "report") cmd += " --no-history --out " + quote((tmp.path() / "out").string());
  for (const auto& p : paths) cmd += " " + quote(p);
  cmd += " < /dev/null > /dev/null 2> " + quote((tmp.path() / "err").string());
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read_file(tmp.path() / "err");
  return r;
}

int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

class EmptyInput : public ::testing::TestWithParam<std::string> {};

TEST_P(EmptyInput, EmptyFolderIsWarnedAbout) {
  TempDir tmp;
  fs::create_directories(tmp.path() / "bounces");
  std::string folder = (tmp.path() / "bounces").string();
  CliResult r = run(GetParam(), {folder, testdata("decode/01_postfix_user_unknown.eml").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count(r.err, "warning: " + folder + ": no messages in this input"), 1) << r.err;
  EXPECT_EQ(count(r.err, "warning"), 1) << r.err;  // the mail file is not warned about
}

TEST_P(EmptyInput, FolderOfDotFilesOnlyIsWarnedAbout) {
  TempDir tmp;
  write_file(tmp.path() / "box" / ".dovecot.index", "x");
  std::string folder = (tmp.path() / "box").string();
  CliResult r = run(GetParam(), {folder});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count(r.err, "warning: " + folder + ": no messages in this input"), 1) << r.err;
}

TEST_P(EmptyInput, EmptyFileIsWarnedAbout) {
  TempDir tmp;
  write_file(tmp.path() / "bounces.mbox", "");
  std::string file = (tmp.path() / "bounces.mbox").string();
  CliResult r = run(GetParam(), {file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count(r.err, "warning: " + file + ": no messages in this input"), 1) << r.err;
}

TEST_P(EmptyInput, FileThatIsNotMailIsWarnedAbout) {
  TempDir tmp;
  write_file(tmp.path() / "notes.txt", "Shopping list\n\n- milk\n- bread\n");
  std::string file = (tmp.path() / "notes.txt").string();
  CliResult r = run(GetParam(), {file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count(r.err, "warning: " + file + ": not mail"), 1) << r.err;
  EXPECT_EQ(count(r.err, "no messages in this input"), 0) << r.err;  // it did yield one (not mail)
}

TEST_P(EmptyInput, NotMailInsideAFolderIsNamedByItsOwnPath) {
  TempDir tmp;
  write_file(tmp.path() / "in" / "a.eml", read_file(testdata("decode/01_postfix_user_unknown.eml")));
  write_file(tmp.path() / "in" / "b.bin", std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10));
  CliResult r = run(GetParam(), {(tmp.path() / "in").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count(r.err, "warning: " + (tmp.path() / "in" / "b.bin").string() + ": not mail"), 1) << r.err;
  EXPECT_EQ(count(r.err, "warning"), 1) << r.err;
}

TEST_P(EmptyInput, MailIsNotWarnedAbout) {
  CliResult r = run(GetParam(), {testdata("samples").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count(r.err, "warning"), 0) << r.err;
}

TEST_P(EmptyInput, MissingPathIsAnErrorNotAlsoAWarning) {
  TempDir tmp;
  std::string missing = (tmp.path() / "nope").string();
  CliResult r = run(GetParam(), {missing});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count(r.err, "cannot read " + missing), 1) << r.err;
  EXPECT_EQ(count(r.err, "warning"), 0) << r.err;
}

INSTANTIATE_TEST_SUITE_P(ParseAndReport, EmptyInput, ::testing::Values("parse", "report"));

}  // namespace
