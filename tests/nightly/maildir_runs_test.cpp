// Two nightly runs over a Maildir that changes between them: bounces arrive in new/, the old
// ones move to cur/. Nothing is counted twice, and soft bounces escalate across the runs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_run.hpp"
#include "mail_factory.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit::test;
using nlohmann::json;

class MaildirRuns : public ::testing::Test {
 protected:
  TempDir tmp;
  fs::path maildir = tmp.path() / "Maildir";
  fs::path db = tmp.path() / "state" / "history.sqlite";

  void SetUp() override {
    fs::create_directories(maildir / "tmp");
    fs::create_directories(maildir / "cur");
    fs::create_directories(maildir / "new");
  }
  void deliver(const std::string& folder, const std::string& name, const Bounce& b) {
    write_file(maildir / folder / name, bounce_message(b));
  }
  // What a mail client does when it has seen a message: new/NAME -> cur/NAME:2,S.
  void mark_seen(const std::string& name) { fs::rename(maildir / "new" / name, maildir / "cur" / (name + ":2,S")); }
  CliRun report(const std::string& now, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"report", "--db", db.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(maildir.string());
    return run_cli(args, {{"BOUNCEKIT_NOW", now}});
  }
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // CSV lines end in CRLF (RFC 4180)
    lines.push_back(line);
  }
  return lines;
}

TEST_F(MaildirRuns, CountEachMessageOnceAndEscalateSoftBouncesAcrossNights) {
  // Night 1.
  deliver("cur", "1762000000.M5P1.mx", {"m5", "dave@example.com", "2026-11-01T08:00:00", true});
  deliver("new", "1762150000.M2P1.mx", {"m2", "bob@example.net", "2026-11-03T08:00:00", false});
  deliver("new", "1762400000.M3P1.mx", {"m3", "bob@example.net", "2026-11-06T08:00:00", false});
  deliver("new", "1762590000.M1P1.mx", {"m1", "alice@example.org", "2026-11-08T08:00:00", true});
  deliver("new", "1762680000.M4P1.mx", {"m4", "carol@example.net", "2026-11-09T08:00:00", false});
  write_file(maildir / "new" / "1762690000.M9P1.mx",
             "From: friend@example.com\nTo: news@example.com\nSubject: hello\nDate: Mon, 09 Nov 2026 09:00:00 "
             "+0000\n\nJust saying hello.\n");
  CliRun first = report("2026-11-10T03:00:00Z", {"--format", "csv"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(summary_value(first.err, "read"), 6);
  EXPECT_EQ(summary_value(first.err, "bounces"), 5);
  EXPECT_EQ(summary_value(first.err, "non_bounces"), 1);
  EXPECT_EQ(summary_value(first.err, "new"), 6);
  EXPECT_EQ(summary_value(first.err, "already_counted"), 0);
  EXPECT_EQ(summary_value(first.err, "records"), 5);
  EXPECT_EQ(summary_value(first.err, "suppressed"), 2);
  std::vector<std::string> csv = lines_of(first.out);
  ASSERT_EQ(csv.size(), 3u) << first.out;  // header, alice, dave: bob has 2 soft bounces over 3 days
  EXPECT_EQ(csv[1].substr(0, csv[1].find(',')), "alice@example.org");
  EXPECT_EQ(csv[2].substr(0, csv[2].find(',')), "dave@example.com");

  // Between the nights: the client saw everything in new/, new bounces arrived, and one old
  // bounce was copied into another file (same bytes).
  for (const char* name : {"1762150000.M2P1.mx", "1762400000.M3P1.mx", "1762590000.M1P1.mx", "1762680000.M4P1.mx",
                           "1762690000.M9P1.mx"})
    mark_seen(name);
  deliver("new", "1762850000.M6P1.mx", {"m6", "bob@example.net", "2026-11-11T08:00:00", false});
  deliver("new", "1762850001.M7P1.mx", {"m7", "carol@example.net", "2026-11-11T08:00:01", false});
  deliver("new", "1762850002.M8P1.mx", {"m8", "erin@example.org", "2026-11-11T08:00:02", true});
  deliver("new", "1762850003.M2copy.mx", {"m2", "bob@example.net", "2026-11-03T08:00:00", false});

  // Night 2.
  fs::path out = tmp.path() / "report";
  CliRun second = report("2026-11-12T03:00:00Z", {"--format", "csv", "--out", out.string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(summary_value(second.err, "read"), 10);
  EXPECT_EQ(summary_value(second.err, "new"), 3);
  EXPECT_EQ(summary_value(second.err, "already_counted"), 7);
  // The records this run added to the history: m6, m7 and m8's; the copy of m2 adds none.
  EXPECT_EQ(summary_value(second.err, "records"), 3);
  EXPECT_EQ(summary_value(second.err, "window_records"), 8);  // stored: each bounce once
  EXPECT_EQ(summary_value(second.err, "suppressed"), 4);
  csv = lines_of(second.out);
  ASSERT_EQ(csv.size(), 5u) << second.out;
  EXPECT_EQ(csv[0], "address,reason,rule,first_bounce,last_bounce,count,evidence,reason_evidence,reason_rule");
  EXPECT_EQ(csv[1].substr(0, csv[1].find(',')), "alice@example.org");
  // Three soft bounces from 3 to 11 November: 8 days >= 7, across both nights.
  EXPECT_EQ(csv[2], "bob@example.net,mailboxfull,soft-repeated,2026-11-03T08:00:00Z,2026-11-11T08:00:00Z,3," +
                        (maildir / "new" / "1762850000.M6P1.mx").string() + ",text_rule,mailbox full");
  EXPECT_EQ(csv[3].substr(0, csv[3].find(',')), "dave@example.com");
  EXPECT_EQ(csv[4].substr(0, csv[4].find(',')), "erin@example.org");
  EXPECT_EQ(read_file(out / "suppressions.csv"), second.out);

  json summary = json::parse(read_file(out / "summary.json"));
  EXPECT_EQ(summary["run"]["read"], 10);
  EXPECT_EQ(summary["run"]["new_messages"], 3);
  EXPECT_EQ(summary["run"]["already_counted"], 7);
  EXPECT_EQ(summary["window"]["messages"], 8);
  EXPECT_EQ(summary["window"]["records"], 8);
  EXPECT_EQ(summary["window"]["hard"], 3);
  EXPECT_EQ(summary["window"]["soft"], 5);
  EXPECT_EQ(summary["window"]["suppressed"], 4);
  EXPECT_EQ(summary["generated_at"], "2026-11-12T03:00:00Z");
  std::vector<std::string> records = lines_of(read_file(out / "records.jsonl"));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_NE(records[0].find("\"bob@example.net\""), std::string::npos) << records[0];
  EXPECT_NE(records[1].find("\"carol@example.net\""), std::string::npos) << records[1];
  EXPECT_NE(records[2].find("\"erin@example.org\""), std::string::npos) << records[2];
  EXPECT_EQ(summary["run"]["records"], 3);
  EXPECT_EQ(summary["run"]["bounces"], 9);  // the known ones under the kind the history stored
  EXPECT_EQ(summary["run"]["non_bounces"], 1);

  // Night 3, nothing new, a 7-day window (from 5 November): bob's bounce of 3 November is out
  // of it, so two soft bounces remain and he is not on this window's list; dave's is out too.
  CliRun third = report("2026-11-12T03:00:00Z", {"--since", "7d", "--format", "csv"});
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(summary_value(third.err, "new"), 0);
  EXPECT_EQ(summary_value(third.err, "already_counted"), 10);
  EXPECT_EQ(summary_value(third.err, "window_records"), 6);
  csv = lines_of(third.out);
  ASSERT_EQ(csv.size(), 3u) << third.out;
  EXPECT_EQ(csv[1].substr(0, csv[1].find(',')), "alice@example.org");
  EXPECT_EQ(csv[2].substr(0, csv[2].find(',')), "erin@example.org");
}

TEST_F(MaildirRuns, AnAutoReplyOnAnEarlierNightRestartsTheSoftCount) {
  // Night 1: two soft bounces, then an auto-reply: the mailbox works.
  deliver("new", "1762000000.M1P1.mx", {"f1", "frank@example.net", "2026-11-01T08:00:00", false});
  deliver("new", "1762000001.M2P1.mx", {"f2", "frank@example.net", "2026-11-04T08:00:00", false});
  write_file(maildir / "new" / "1762000002.M3P1.mx", auto_reply("f3", "frank@example.net", "2026-11-05T08:00:00"));
  deliver("new", "1762000003.M4P1.mx", {"g1", "gina@example.net", "2026-11-01T08:00:00", false});
  deliver("new", "1762000004.M5P1.mx", {"g2", "gina@example.net", "2026-11-04T08:00:00", false});
  CliRun first = report("2026-11-06T03:00:00Z");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(summary_value(first.err, "non_bounces"), 1);
  EXPECT_EQ(summary_value(first.err, "records"), 4);  // the auto-reply is not a bounce record
  EXPECT_EQ(summary_value(first.err, "window_records"), 4);
  // Night 2: a third soft bounce each, 9 days after the first. Gina's three span 8 days and
  // suppress her; Frank's count started again after his auto-reply, which only the history
  // of night 1 knows.
  deliver("new", "1762700000.M6P1.mx", {"f4", "frank@example.net", "2026-11-09T08:00:00", false});
  deliver("new", "1762700001.M7P1.mx", {"g3", "gina@example.net", "2026-11-09T08:00:00", false});
  CliRun second = report("2026-11-10T03:00:00Z", {"--format", "csv"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(summary_value(second.err, "new"), 2);
  EXPECT_EQ(summary_value(second.err, "already_counted"), 5);
  std::vector<std::string> csv = lines_of(second.out);
  ASSERT_EQ(csv.size(), 2u) << second.out;
  EXPECT_EQ(csv[1].substr(0, csv[1].find(',')), "gina@example.net");
}

}  // namespace
