// The command line against hostile mail and careless use (issue 17): addresses that are
// formulas or carry terminal escapes, a reader of stdout that goes away, a full disk, and
// options that used to pass silently.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit::test;

// One RFC 3464 report for one recipient.
std::string dsn(const std::string& id, const std::string& recipient, const std::string& diagnostic) {
  return "From: MAILER-DAEMON@relay.example\n"
         "Subject: Undelivered Mail Returned to Sender\n"
         "Message-ID: <" + id + "@relay.example>\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
         "--B\nContent-Type: text/plain\n\nThe mail could not be delivered.\n\n"
         "--B\nContent-Type: message/delivery-status\n\n"
         "Reporting-MTA: dns; relay.example\n\n"
         "Final-Recipient: rfc822; " + recipient + "\nAction: failed\nStatus: 5.1.1\n"
         "Diagnostic-Code: smtp; " + diagnostic + "\n\n--B--\n";
}

// `bouncekit ARGS` with stdout the write end of a pipe whose read end is already closed (as
// after `| head -1` has exited), and SIGPIPE at its default action, as a shell leaves it.
int run_with_closed_stdout(const std::vector<std::string>& args) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  ::close(fds[0]);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::signal(SIGPIPE, SIG_DFL);
    ::dup2(fds[1], 1);
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 2);
    std::vector<char*> argv{const_cast<char*>(BOUNCEKIT_CLI)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(BOUNCEKIT_CLI, argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

class HostileCli : public ::testing::Test {
 protected:
  void SetUp() override {
    box = tmp.path() / "bounces";
    write_file(box / "1.eml", dsn("h1", "=HYPERLINK(\"http://evil.example/\",\"x\")@example.org", "550 5.1.1 unknown"));
    write_file(box / "2.eml", dsn("h2", "bob@ex\x1b]0;PWNED\x07\x1b[41mample.org", "550 5.1.1 unknown"));
    write_file(box / "3.eml", dsn("h3", "@sum(1+1)@example.org", "550 5.1.1 unknown"));
    write_file(box / "4.eml", dsn("h4", "carol@example.org", "=1+2 no such user \xE2\x80\xAE" "cod.exe"));
  }
  TempDir tmp;
  fs::path box;
};

TEST_F(HostileCli, NoFormulaNoEscapeAndNoNonAddressReachesTheReport) {
  fs::path out = tmp.path() / "report";
  CliRun r = run_cli({"report", "--db", (tmp.path() / "h.sqlite").string(), "--format", "csv", "--out", out.string(),
                      box.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(summary_value(r.err, "suppressed"), 1) << "carol only: the others are not addresses";
  EXPECT_NE(r.out.find("carol@example.org"), std::string::npos) << r.out;
  for (const std::string& name : {std::string("suppressions.csv"), std::string("domains.csv"),
                                  std::string("providers.csv"), std::string("lists.csv"), std::string("hosts.csv"), std::string("records.jsonl"),
                                  std::string("recipients.jsonl"), std::string("summary.json")}) {
    std::string text = read_file(out / name);
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << name;
    EXPECT_EQ(text.find("HYPERLINK"), std::string::npos) << name;
    EXPECT_EQ(text.find("sum(1+1)"), std::string::npos) << name;
  }
  std::string csv = read_file(out / "suppressions.csv") + read_file(out / "domains.csv") + r.out;
  EXPECT_EQ(csv.find(",=1+2"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"'=1+2"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("\xE2\x80\xAE"), std::string::npos) << "U+202E";

  // --csv-raw: the cells as they are (the guard above is what changed them).
  fs::path raw_out = tmp.path() / "raw";
  CliRun raw = run_cli({"report", "--db", (tmp.path() / "h.sqlite").string(), "--csv-raw", "--out", raw_out.string(),
                        box.string()});
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  EXPECT_NE(read_file(raw_out / "domains.csv").find(",=1+2"), std::string::npos) << read_file(raw_out / "domains.csv");
}

TEST_F(HostileCli, ParseWritesNoControlCharacterAndNamesNoFormulaAddress) {
  CliRun r = run_cli({"parse", "--format", "csv", box.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.out.find("HYPERLINK"), std::string::npos);
  EXPECT_EQ(summary_value(r.err, "records"), 4) << "the records stay, without a recipient";
}

TEST_F(HostileCli, LogLinesEscapeControlCharactersInFileNames) {
  fs::path odd = tmp.path() / "box\x1b[2J.mbox";
  CliRun r = run_cli({"parse", odd.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("box\\x1B[2J.mbox"), std::string::npos) << r.err;
}

TEST_F(HostileCli, AReaderThatWentAwayDoesNotStopTheReportFiles) {
  fs::path out = tmp.path() / "report", db = tmp.path() / "h.sqlite";
  int code = run_with_closed_stdout({"report", "--db", db.string(), "--out", out.string(), box.string()});
  EXPECT_EQ(code, 6) << "standard output failed; not SIGPIPE (141), not 'input unreadable' (1)";
  EXPECT_TRUE(fs::is_regular_file(out / "summary.json"));
  EXPECT_NE(read_file(out / "suppressions.csv").find("carol@example.org"), std::string::npos);
  EXPECT_EQ(run_with_closed_stdout({"parse", box.string()}), 6);
}

TEST_F(HostileCli, AFullDiskOnStdoutIsNotUnreadableInput) {
  int status = std::system(("exec " + shell_quote(BOUNCEKIT_CLI) + " parse " + shell_quote(box.string()) +
                            " > /dev/full 2> /dev/null")
                               .c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 6);
}

TEST_F(HostileCli, UsageMistakesAreRefusedAndSaid) {
  CliRun r = run_cli({"frobnicate", box.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown subcommand 'frobnicate'"), std::string::npos) << r.err;
  EXPECT_EQ(run_cli({"--verbose", "--quiet", "parse", box.string()}).exit_code, 2);
  EXPECT_EQ(run_cli({"parse", "-v", "-q", box.string()}).exit_code, 2);
  fs::path db = tmp.path() / "h.sqlite";
  for (const char* wait : {"nan", "NaN", "inf", "-1", "x"})
    EXPECT_EQ(run_cli({"report", "--db", db.string(), "--wait", wait, box.string()}).exit_code, 2) << wait;
  EXPECT_EQ(run_cli({"report", "--db", "", box.string()}).exit_code, 2);
  EXPECT_EQ(run_cli({"report", "--db", tmp.path().string(), box.string()}).exit_code, 2);
  EXPECT_EQ(run_cli({"report", "--db", "/dev/null", box.string()}).exit_code, 2);
  EXPECT_FALSE(fs::exists("/dev/null.lock"));
  EXPECT_FALSE(fs::exists("/dev/null-journal"));
  fs::path log = tmp.path() / "no-such-folder" / "bouncekit.log";
  r = run_cli({"--log-file", log.string(), "parse", box.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(log.parent_path()));
}

TEST_F(HostileCli, AnEmptyDatabaseFileIsRefusedUnlessInit) {
  fs::path db = tmp.path() / "h.sqlite";
  write_file(db, "");
  CliRun r = run_cli({"report", "--db", db.string(), box.string()});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("--init"), std::string::npos) << r.err;
  EXPECT_EQ(fs::file_size(db), 0u) << "left as it was";
  r = run_cli({"report", "--db", db.string(), "--init", box.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(summary_value(r.err, "new"), 4);
}

TEST_F(HostileCli, AHardLinkToTheDatabaseCannotRunTwice) {
  fs::path db = tmp.path() / "h.sqlite", other = tmp.path() / "other" / "alias.sqlite";
  ASSERT_EQ(run_cli({"report", "--db", db.string(), box.string()}).exit_code, 0);
  fs::create_directories(other.parent_path());
  fs::create_hard_link(db, other);
  // A second process holds what a running bouncekit holds: flock(2) on the database file,
  // through its first name. The program, given the second name, must find it taken.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t holder = ::fork();
  if (holder == 0) {
    int fd = ::open(db.c_str(), O_RDWR);
    bool locked = fd >= 0 && ::flock(fd, LOCK_EX) == 0;
    ::close(fds[0]);
    if (!locked || ::write(fds[1], "x", 1) != 1) ::_exit(1);
    ::pause();
    ::_exit(0);
  }
  ::close(fds[1]);
  char c;
  ASSERT_EQ(::read(fds[0], &c, 1), 1);
  CliRun r = run_cli({"report", "--db", other.string(), "--wait", "0", box.string()});
  ::kill(holder, SIGKILL);
  ::waitpid(holder, nullptr, 0);
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

}  // namespace
