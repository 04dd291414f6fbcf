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


// "Who is blocking me": the threshold is two options, today's numbers by default.
// example.net bounces three messages, two of them refusals that are the sender's to fix (a block
// list listing the sending host): 2 messages, 2 of 3 records (66 %).
class BlockingThresholdCli : public ReportCli {
 protected:
  void SetUp() override {
    auto blocked = [](const std::string& id, const std::string& to) {
      std::string m = mbox_entry({id, to, "2026-11-20T10:00:00", true});
      for (auto [from, into] : {std::pair<std::string, std::string>{"5.1.1", "5.7.1"},
                                {"Recipient address rejected: User unknown",
                                 "Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org"}})
        for (std::size_t at = m.find(from); at != std::string::npos; at = m.find(from, at + into.size()))
          m.replace(at, from.size(), into);
      return m;
    };
    write_file(box, blocked("b1", "ann@example.net") + blocked("b2", "ben@example.net") +
                        mbox_entry({"b3", "cid@example.net", "2026-11-21T11:00:00", true}));
  }
  // summary.json of a run with `extra` options: example.net's flag and the threshold it shows.
  json summary(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"report", "--no-history", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(box.string());
    CliRun r = run_cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out, nullptr, false);
  }
  static json domain(const json& s, const std::string& name) {
    for (const json& g : s["domains"])
      if (g["name"] == name) return g;
    return nullptr;
  }
};

TEST_F(BlockingThresholdCli, TheDefaultsAndOneOtherValue) {
  json s = summary({});
  ASSERT_FALSE(s.is_discarded());
  EXPECT_EQ(s["blocking_threshold"], (json{{"min_messages", 3}, {"min_share_percent", 10}}));
  json net = domain(s, "example.net");
  ASSERT_TRUE(net.is_object()) << s.dump();
  ASSERT_EQ(net["sender_side_messages"], 2) << "the made-up refusals must read as sender-side: " << net.dump();
  EXPECT_EQ(net["sender_side_flag"], false) << "2 messages: under the default 3";

  s = summary({"--blocking-min-messages", "2"});
  EXPECT_EQ(s["blocking_threshold"], (json{{"min_messages", 2}, {"min_share_percent", 10}}));
  EXPECT_EQ(domain(s, "example.net")["sender_side_flag"], true);

  s = summary({"--blocking-min-messages", "2", "--blocking-min-share", "67"});
  EXPECT_EQ(domain(s, "example.net")["sender_side_flag"], false) << "2 of 3 records is under 67 %";
  s = summary({"--blocking-min-messages", "2", "--blocking-min-share", "66"});
  EXPECT_EQ(domain(s, "example.net")["sender_side_flag"], true);

  // The page states the threshold the flags were set by.
  fs::path out = tmp.path() / "out";
  CliRun r = run_cli({"report", "--no-history", "--out", out.string(), "--blocking-min-messages", "2",
                      "--blocking-min-share", "25", box.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(out / "report.html").find("when at least 2 bounce messages and at least 25% of its records"),
            std::string::npos);
}

TEST_F(BlockingThresholdCli, BadValuesAreUsageErrors) {
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"--blocking-min-messages", "0"}, {"--blocking-min-messages", "-3"},
        {"--blocking-min-messages", "many"}, {"--blocking-min-share", "101"}, {"--blocking-min-share", "-1"},
        {"--blocking-min-share", "12.5"}, {"--blocking-min-share", "10%"}, {"--blocking-min-share", ""}}) {
    std::vector<std::string> args = {"report", "--no-history"};
    args.insert(args.end(), bad.begin(), bad.end());
    args.push_back(box.string());
    CliRun r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << bad[0] << " " << bad[1] << ": " << r.err;
    EXPECT_NE(r.err.find(bad[0]), std::string::npos) << r.err;
  }
}

}  // namespace
