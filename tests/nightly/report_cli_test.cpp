// `bouncekit report` options, outputs and exit codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_run.hpp"
#include "history/sqlite.hpp"
#include "mail_factory.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit::test;
using nlohmann::json;

class ReportCli : public ::testing::Test {
 protected:
  TempDir tmp;
  fs::path box = tmp.path() / "bounces.mbox";
  void SetUp() override {
    write_file(box, mbox_entry({"c1", "ann@example.org", "2026-11-20T10:00:00", true}) +
                        mbox_entry({"c2", "ben@example.net", "2026-11-20T11:00:00", false}) +
                        mbox_entry({"c3", "cid@example.net", "2026-11-21T11:00:00", true}));
  }
  bool empty_folder(const fs::path& p) { return fs::is_directory(p) && fs::is_empty(p); }
};

TEST_F(ReportCli, DefaultDatabaseIsUnderXdgStateHome) {
  fs::path state = tmp.path() / "state";
  CliRun r = run_cli({"report", box.string()}, {{"XDG_STATE_HOME", state.string()}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(state / "bouncekit" / "history.sqlite"));
  // The lock is held on the database file itself (docs/cron.md): no lock file beside it.
  EXPECT_FALSE(fs::exists(state / "bouncekit" / "history.sqlite.lock"));
  r = run_cli({"report", box.string()}, {{"XDG_STATE_HOME", state.string()}});
  EXPECT_EQ(summary_value(r.err, "already_counted"), 3);
}

TEST_F(ReportCli, NoHistoryLeavesNothingBehind) {
  fs::path state = tmp.path() / "state", scratch = tmp.path() / "scratch";
  fs::create_directories(state);
  fs::create_directories(scratch);
  for (int run = 0; run < 2; ++run) {
    CliRun r = run_cli({"report", "--no-history", box.string()},
                       {{"XDG_STATE_HOME", state.string()}, {"TMPDIR", scratch.string()}});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(summary_value(r.err, "new"), 3);
    EXPECT_EQ(summary_value(r.err, "already_counted"), 0);
    EXPECT_EQ(summary_value(r.err, "suppressed"), 2);
  }
  EXPECT_TRUE(empty_folder(state));
  EXPECT_TRUE(empty_folder(scratch));
}

TEST_F(ReportCli, UsageErrors) {
  fs::path db = tmp.path() / "h.sqlite";
  EXPECT_EQ(run_cli({"report", "--db", db.string(), "--no-history", box.string()}).exit_code, 2);
  CliRun r = run_cli({"report", "--db", db.string(), "--since", "last week", box.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--since"), std::string::npos) << r.err;
  EXPECT_EQ(run_cli({"report", "--db", db.string(), "--format", "html", box.string()}).exit_code, 2);
  EXPECT_EQ(run_cli({"report", "--db", db.string(), "--policy-soft-count", "0", box.string()}).exit_code, 2);
  EXPECT_EQ(run_cli({"report", "--db", db.string(), box.string()}, {{"BOUNCEKIT_NOW", "yesterday"}}).exit_code, 2);
  EXPECT_EQ(run_cli({"report", "--db", db.string()}).exit_code, 2);  // no PATH
  EXPECT_FALSE(fs::exists(db));
}

TEST_F(ReportCli, ADatabaseFromANewerVersionIsADatabaseError) {
  fs::path db = tmp.path() / "h.sqlite";
  ASSERT_EQ(run_cli({"report", "--db", db.string(), box.string()}).exit_code, 0);
  {
    bouncekit::history::sqlite::Connection c(db);
    c.exec("PRAGMA user_version = 99");
  }
  CliRun r = run_cli({"report", "--db", db.string(), box.string()});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("newer bouncekit"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(ReportCli, FormatsAndOutputFolder) {
  fs::path db = tmp.path() / "h.sqlite", out = tmp.path() / "out";
  CliRun j = run_cli({"report", "--db", db.string(), "--format", "json", "--out", out.string(), box.string()},
                     {{"BOUNCEKIT_NOW", "2026-11-22T02:30:00Z"}});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_EQ(j.out, read_file(out / "summary.json"));
  json summary = json::parse(j.out);
  EXPECT_EQ(summary["window"]["records"], 3);
  EXPECT_EQ(summary["window"]["suppressed"], 2);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(out)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"changes.csv", "domains.csv", "hosts.csv", "lists.csv", "providers.csv",
                                             "recipients.jsonl", "records.jsonl", "report.html", "summary.json",
                                             "suppressions.csv", "suppressions.txt", "watch.csv"}));
  // recipients.jsonl: one line per recipient of the window, as many as the summary counts.
  std::vector<std::string> recipients;
  {
    std::istringstream lines(read_file(out / "recipients.jsonl"));
    for (std::string line; std::getline(lines, line);) recipients.push_back(line);
  }
  EXPECT_EQ(recipients.size(), summary["window"]["recipients"].get<std::size_t>());
  // records.jsonl holds the records decoded in this run, as `parse` writes them.
  CliRun parse = run_cli({"parse", box.string()});
  EXPECT_EQ(read_file(out / "records.jsonl"), parse.out);

  CliRun text = run_cli({"report", "--db", db.string(), box.string()});
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("example.net"), std::string::npos) << text.out;
  CliRun csv = run_cli({"report", "--db", db.string(), "--format", "csv", box.string()});
  EXPECT_EQ(csv.out, read_file(out / "suppressions.csv"));
}

TEST_F(ReportCli, UnreadableInputIsExitCode1AndTheRestIsReported) {
  fs::path db = tmp.path() / "h.sqlite";
  CliRun r = run_cli({"report", "--db", db.string(), "--format", "csv", box.string(),
                      (tmp.path() / "missing.mbox").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot read"), std::string::npos);
  EXPECT_EQ(summary_value(r.err, "unreadable_inputs"), 1);
  EXPECT_NE(r.out.find("ann@example.org"), std::string::npos);
}

TEST_F(ReportCli, AnOutputFolderThatCannotBeMadeIsExitCode5) {
  fs::path db = tmp.path() / "h.sqlite";
  write_file(tmp.path() / "a-file", "x");
  CliRun r = run_cli({"report", "--db", db.string(), "--out", (tmp.path() / "a-file").string(), box.string()});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("output folder"), std::string::npos) << r.err;
}

TEST_F(ReportCli, NoProgressIntoAFileUnlessAsked) {
  fs::path db = tmp.path() / "h.sqlite";
  CliRun quiet = run_cli({"report", "--db", db.string(), box.string()});  // stderr is a file here
  EXPECT_EQ(quiet.err.find('\r'), std::string::npos);
  CliRun shown = run_cli({"report", "--db", db.string(), "--progress", "always", box.string()});
  EXPECT_NE(shown.err.find("\r\033[K1 messages  0.0 MiB of "), std::string::npos) << shown.err;  // the first one
  EXPECT_NE(shown.err.find(" left\r\033[Kbouncekit: info: read=3"), std::string::npos) << shown.err;  // cleared
}

TEST_F(ReportCli, ProgressOnATerminal) {
  // script(1) (util-linux, essential in Debian) runs the program with a pseudo-terminal as stderr.
  if (std::system("command -v script > /dev/null") != 0) GTEST_SKIP() << "no script(1)";
  fs::path db = tmp.path() / "h.sqlite", typescript = tmp.path() / "typescript";
  std::string command = shell_quote(BOUNCEKIT_CLI) + " report --db " + shell_quote(db.string()) + " " +
                        shell_quote(box.string()) + " > /dev/null";
  std::string shown = "script -qec " + shell_quote(command) + " " + shell_quote(typescript.string()) +
                      " < /dev/null > /dev/null 2>&1";
  ASSERT_EQ(std::system(shown.c_str()), 0);
  EXPECT_NE(read_file(typescript).find("\r\033[K1 messages"), std::string::npos) << read_file(typescript);
  std::string quiet = "script -qec " + shell_quote(command + " --quiet") + " " +
                      shell_quote(typescript.string()) + " < /dev/null > /dev/null 2>&1";
  ASSERT_EQ(std::system(quiet.c_str()), 0);
  EXPECT_EQ(read_file(typescript).find(" messages "), std::string::npos) << read_file(typescript);
}

TEST_F(ReportCli, LogFileKeepsTheSummaryWhenQuiet) {
  fs::path db = tmp.path() / "h.sqlite", log = tmp.path() / "logs" / "bouncekit.log";
  fs::create_directories(log.parent_path());
  CliRun r = run_cli({"--quiet", "--log-file", log.string(), "report", "--db", db.string(), box.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  std::string logged = read_file(log);
  EXPECT_NE(logged.find("info: read=3 bounces=3"), std::string::npos) << logged;
  write_file(tmp.path() / "a-file", "x");
  CliRun bad = run_cli({"--log-file", (tmp.path() / "a-file" / "x.log").string(), "report", "--db", db.string(),
                        box.string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("cannot open the log file"), std::string::npos) << bad.err;
}

}  // namespace
