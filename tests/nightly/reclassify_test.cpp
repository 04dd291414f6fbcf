// `bouncekit report --reclassify`: stored records decided again from their stored findings with
// the current rules, without the mail; without the flag a stored verdict stays as it was.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <csignal>
#include <sstream>

#include "cli_run.hpp"
#include "history/sqlite.hpp"
#include "mail_factory.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit::test;

// A delivery status notification whose diagnostic is a wording made up for this test, which no
// built-in rule knows: only the rules file decides it (user rules come before the built-in ones).
std::string odd_bounce(const std::string& id, const std::string& recipient, const std::string& when) {
  const std::string date = rfc5322_date(when);
  return "From MAILER-DAEMON Thu Nov 19 02:00:00 2026\n"
         "From: Mail Delivery System <MAILER-DAEMON@relay.example.com>\n"
         "To: news@example.com\n"
         "Subject: Undelivered Mail Returned to Sender\n"
         "Date: " + date + "\n"
         "Message-ID: <odd-" + id + "@relay.example.com>\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b-" + id + "\"\n"
         "\n"
         "--b-" + id + "\n"
         "Content-Type: text/plain\n"
         "\n"
         "The relay could not pass your message on.\n"
         "\n"
         "--b-" + id + "\n"
         "Content-Type: message/delivery-status\n"
         "\n"
         "Reporting-MTA: dns; relay.example.com\n"
         "\n"
         "Final-Recipient: rfc822; " + recipient + "\n"
         "Action: failed\n"
         "Status: 5.0.0\n"
         "Remote-MTA: dns; gw.example.org\n"
         "Diagnostic-Code: smtp; 550 gateway zq-41 turned the letter back\n"
         "\n"
         "--b-" + id + "--\n\n";
}

class Reclassify : public ::testing::Test {
 protected:
  TempDir tmp;
  fs::path box = tmp.path() / "bounces.mbox";
  fs::path db = tmp.path() / "history.sqlite";
  fs::path as_full = tmp.path() / "full.rules";
  fs::path as_unknown = tmp.path() / "unknown.rules";
  std::map<std::string, std::string> env{{"BOUNCEKIT_NOW", "2026-11-22T02:30:00Z"}};
  void SetUp() override {
    write_file(box, odd_bounce("1", "ann@example.org", "2026-11-20T10:00:00") +
                        odd_bounce("2", "ben@example.org", "2026-11-20T11:00:00") +
                        odd_bounce("3", "cy@example.org", "2026-11-21T09:00:00"));
    write_file(as_full, "# test wording X as a full mailbox\nmailboxfull  gateway zq-41 turned the letter back\n");
    write_file(as_unknown, "userunknown  gateway zq-41 turned the letter back\n");
  }
  CliRun report(const fs::path& rules, bool reclassify, std::vector<std::string> more = {}) {
    std::vector<std::string> args{"report", box.string(), "--db", db.string(), "--rules", rules.string(),
                                  "--format", "csv", "--progress", "never"};
    if (reclassify) args.push_back("--reclassify");
    args.insert(args.end(), more.begin(), more.end());
    return run_cli(args, env);
  }
  std::map<std::string, std::string> stored_reasons() {
    bouncekit::history::sqlite::Connection c(db);
    bouncekit::history::sqlite::Statement s(c, "SELECT recipient, reason || '/' || evidence || '/' || rule FROM records");
    std::map<std::string, std::string> reasons;
    while (s.step()) reasons[std::string(s.column_text(0))] = s.column_text(1);
    return reasons;
  }
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

TEST_F(Reclassify, NewRulesChangeStoredVerdictsOnlyWithTheFlag) {
  CliRun first = report(as_full, false);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(lines(first.out).size(), 1u) << first.out;  // one soft bounce each: nobody suppressed
  const std::string full = "mailboxfull/user_rule/gateway zq-41 turned the letter back";
  EXPECT_EQ(stored_reasons(), (std::map<std::string, std::string>{
                                  {"ann@example.org", full}, {"ben@example.org", full}, {"cy@example.org", full}}));

  // The other rules file, without --reclassify: the messages are known, nothing is decided again.
  CliRun same = report(as_unknown, false);
  ASSERT_EQ(same.exit_code, 0) << same.err;
  EXPECT_EQ(summary_value(same.err, "already_counted"), 3);
  EXPECT_EQ(same.out, first.out);
  EXPECT_EQ(stored_reasons().at("ann@example.org"), full);
  EXPECT_EQ(same.err.find("reclassified="), std::string::npos);

  // With it: every stored record is userunknown now, hard, and suppressed.
  CliRun again = report(as_unknown, true);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(summary_value(again.err, "reclassified"), 3);
  EXPECT_EQ(summary_value(again.err, "reclassified_changed"), 3);
  const std::string unknown = "userunknown/user_rule/gateway zq-41 turned the letter back";
  EXPECT_EQ(stored_reasons(), (std::map<std::string, std::string>{{"ann@example.org", unknown},
                                                                   {"ben@example.org", unknown},
                                                                   {"cy@example.org", unknown}}));
  std::vector<std::string> csv = lines(again.out);
  ASSERT_EQ(csv.size(), 4u) << again.out;
  EXPECT_EQ(csv[1].substr(0, csv[1].find(',')), "ann@example.org");
  EXPECT_NE(csv[1].find(",userunknown,hard,"), std::string::npos) << csv[1];
  EXPECT_EQ(csv[1].substr(csv[1].size() - std::string(",user_rule,gateway zq-41 turned the letter back").size()),
            ",user_rule,gateway zq-41 turned the letter back");

  // Once more: the same verdicts, no row rewritten.
  CliRun rerun = report(as_unknown, true);
  EXPECT_EQ(summary_value(rerun.err, "reclassified"), 3);
  EXPECT_EQ(summary_value(rerun.err, "reclassified_changed"), 0);
  EXPECT_EQ(rerun.out, again.out);
}

TEST_F(Reclassify, OnlyTheWindowIsDecidedAgain) {
  ASSERT_EQ(report(as_full, false).exit_code, 0);
  CliRun r = report(as_unknown, true, {"--since", "2026-11-21"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(summary_value(r.err, "reclassified"), 1);
  std::map<std::string, std::string> reasons = stored_reasons();
  EXPECT_EQ(reasons["ann@example.org"].substr(0, 12), "mailboxfull/");
  EXPECT_EQ(reasons["cy@example.org"].substr(0, 12), "userunknown/");
}

TEST_F(Reclassify, AKilledRunLeavesEachRowOldOrNewAndARerunFinishes) {
  ASSERT_EQ(report(as_full, false).exit_code, 0);
  env["BOUNCEKIT_TEST_KILL_AFTER_RECLASSIFY_BATCHES"] = "1";
  CliRun killed = report(as_unknown, true, {"--batch-size", "2"});
  EXPECT_EQ(killed.signal, SIGKILL) << killed.err;
  std::map<std::string, std::string> reasons = stored_reasons();
  int unknown = 0, full = 0;
  for (const auto& [recipient, reason] : reasons) {
    unknown += reason.rfind("userunknown/user_rule/", 0) == 0;
    full += reason.rfind("mailboxfull/user_rule/", 0) == 0;
  }
  EXPECT_EQ(unknown, 2);  // the first batch of two, committed
  EXPECT_EQ(full, 1);
  env.erase("BOUNCEKIT_TEST_KILL_AFTER_RECLASSIFY_BATCHES");
  CliRun rerun = report(as_unknown, true, {"--batch-size", "2"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(summary_value(rerun.err, "reclassified_changed"), 1);
  EXPECT_EQ(lines(rerun.out).size(), 4u) << rerun.out;
}

TEST_F(Reclassify, RecipientsJsonlNamesTheEvidenceAndRuleOfEachBounce) {
  fs::path out = tmp.path() / "out";
  CliRun r = report(as_full, false, {"--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> recipients = lines(read_file(out / "recipients.jsonl"));
  ASSERT_FALSE(recipients.empty());
  nlohmann::json first = nlohmann::json::parse(recipients.front());
  EXPECT_EQ(first["bounces"][0]["evidence"], "user_rule");
  EXPECT_EQ(first["bounces"][0]["rule"], "gateway zq-41 turned the letter back");
  nlohmann::json record = nlohmann::json::parse(lines(read_file(out / "records.jsonl")).front());
  EXPECT_EQ(record["evidence"], "user_rule");
  EXPECT_EQ(record["rule"], "gateway zq-41 turned the letter back");
}

}  // namespace
