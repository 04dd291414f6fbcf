// `bouncekit suppressions` (formats, --only, --exclude-reason, allow/unallow/forget/log),
// suppressions.txt beside suppressions.csv, and `report --dry-run`: run as a user would.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "cli_run.hpp"
#include "mail_factory.hpp"
#include "report/consumers.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit::test;

const std::map<std::string, std::string> kClock = {{"BOUNCEKIT_NOW", "2026-11-22T02:30:00Z"}};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The address column of suppressions.csv (no address in it needs quoting here).
std::vector<std::string> csv_addresses(const std::string& csv) {
  std::vector<std::string> addresses;
  for (const std::string& line : lines_of(csv)) addresses.push_back(line.substr(0, line.find(',')));
  if (!addresses.empty()) addresses.erase(addresses.begin());  // the header
  return addresses;
}

class SuppressionsCli : public ::testing::Test {
 protected:
  TempDir tmp;
  fs::path box = tmp.path() / "bounces.mbox";
  fs::path db = tmp.path() / "history.sqlite";
  fs::path out = tmp.path() / "report";

  void SetUp() override {
    // ann and cid: one hard bounce each; ben: three soft bounces over nine days.
    write_file(box, mbox_entry({"h1", "ann@example.org", "2026-11-20T10:00:00", true}) +
                        mbox_entry({"s1", "ben@example.net", "2026-11-10T11:00:00", false}) +
                        mbox_entry({"s2", "ben@example.net", "2026-11-14T11:00:00", false}) +
                        mbox_entry({"s3", "ben@example.net", "2026-11-19T11:00:00", false}) +
                        mbox_entry({"h2", "cid@example.net", "2026-11-21T11:00:00", true}));
  }
  CliRun report(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"report", "--db", db.string(), "--format", "csv", box.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args, kClock);
  }
  CliRun suppressions(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"suppressions", "--db", db.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args, kClock);
  }
};

const std::vector<std::string> kAll = {"ann@example.org", "ben@example.net", "cid@example.net"};

TEST_F(SuppressionsCli, ReportWritesSuppressionsTxtAndTheCommandListsTheSameAddresses) {
  CliRun r = report({"--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(csv_addresses(read_file(out / "suppressions.csv")), kAll);
  EXPECT_EQ(read_file(out / "suppressions.txt"), "ann@example.org\nben@example.net\ncid@example.net\n");
  CliRun plain = suppressions();
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.out, read_file(out / "suppressions.txt"));
  CliRun csv = suppressions({"--format", "csv"});
  EXPECT_EQ(csv.out, read_file(out / "suppressions.csv"));
}

TEST_F(SuppressionsCli, EachFormatIsReadBackByItsConsumer) {
  ASSERT_EQ(report().exit_code, 0);
  for (const char* format : {"plain", "mailman", "listmonk", "ses", "sendgrid", "postmark", "mailchimp"}) {
    SCOPED_TRACE(format);
    CliRun r = suppressions({"--format", format});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Consumed c = consume(format, r.out);
    ASSERT_EQ(c.exit_code, 0) << c.err;
    EXPECT_EQ(c.addresses, kAll);
  }
  EXPECT_EQ(suppressions({"--format", "xml"}).exit_code, 2);
}

TEST_F(SuppressionsCli, OnlyAndExcludeReasonOnBothCommands) {
  CliRun hard_only = report({"--only", "hard,complaints"});
  ASSERT_EQ(hard_only.exit_code, 0) << hard_only.err;
  EXPECT_EQ(csv_addresses(hard_only.out), (std::vector<std::string>{"ann@example.org", "cid@example.net"}));
  EXPECT_EQ(lines_of(suppressions({"--only", "hard"}).out), (std::vector<std::string>{"ann@example.org", "cid@example.net"}));
  EXPECT_EQ(lines_of(suppressions({"--only", "soft"}).out), (std::vector<std::string>{"ben@example.net"}));
  EXPECT_EQ(lines_of(suppressions({"--exclude-reason", "mailboxfull"}).out),
            (std::vector<std::string>{"ann@example.org", "cid@example.net"}));
  EXPECT_EQ(lines_of(suppressions({"--exclude-reason", "userunknown"}).out), (std::vector<std::string>{"ben@example.net"}));
  EXPECT_EQ(lines_of(suppressions().out), kAll);  // nothing of that was stored
  // Unknown names are usage errors, not an empty list.
  EXPECT_EQ(suppressions({"--only", "bounces"}).exit_code, 2);
  EXPECT_EQ(suppressions({"--exclude-reason", "nosuchreason"}).exit_code, 2);
  EXPECT_EQ(report({"--only", "bounces"}).exit_code, 2);
}

TEST_F(SuppressionsCli, AllowUnallowForgetAndTheLog) {
  ASSERT_EQ(report().exit_code, 0);
  CliRun allow = suppressions({"allow", "Ann@Example.org", "--note", "asked by phone"});
  ASSERT_EQ(allow.exit_code, 0) << allow.err;
  EXPECT_EQ(lines_of(suppressions().out), (std::vector<std::string>{"ben@example.net", "cid@example.net"}));
  // The nightly report honours the allowlist too.
  CliRun again = report({"--out", out.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_file(out / "suppressions.txt"), "ben@example.net\ncid@example.net\n");

  ASSERT_EQ(suppressions({"unallow", "ann@example.org"}).exit_code, 0);
  EXPECT_EQ(lines_of(suppressions().out), kAll);

  CliRun forget = suppressions({"forget", "cid@example.net", "--note", "moved away"});
  ASSERT_EQ(forget.exit_code, 0) << forget.err;
  EXPECT_EQ(lines_of(suppressions().out), (std::vector<std::string>{"ann@example.org", "ben@example.net"}));
  // Reading the same mailbox again does not bring the forgotten bounce back: it was counted.
  ASSERT_EQ(report().exit_code, 0);
  EXPECT_EQ(lines_of(suppressions().out), (std::vector<std::string>{"ann@example.org", "ben@example.net"}));

  CliRun log = suppressions({"log"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  EXPECT_EQ(lines_of(log.out),
            (std::vector<std::string>{"2026-11-22T02:30:00Z\tallow\tann@example.org\t0\tasked by phone",
                                      "2026-11-22T02:30:00Z\tunallow\tann@example.org\t0\t",
                                      "2026-11-22T02:30:00Z\tforget\tcid@example.net\t1\tmoved away"}));
  EXPECT_EQ(suppressions({"allow", "not-an-address"}).exit_code, 2);
}

TEST_F(SuppressionsCli, DryRunReportsButWritesNoHistory) {
  // Without a history yet, a dry run creates none.
  CliRun first = report({"--dry-run"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(csv_addresses(first.out), kAll);
  EXPECT_FALSE(fs::exists(db));
  ASSERT_EQ(report().exit_code, 0);
  fs::path night2 = tmp.path() / "night2.mbox";
  write_file(night2, mbox_entry({"h3", "eve@example.com", "2026-11-21T20:00:00", true}));
  CliRun dry = run_cli({"report", "--db", db.string(), "--format", "csv", "--dry-run", "--out", out.string(),
                        night2.string()},
                       kClock);
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("eve@example.com"), std::string::npos);
  EXPECT_NE(read_file(out / "suppressions.txt").find("eve@example.com"), std::string::npos);
  EXPECT_EQ(lines_of(suppressions().out), kAll);  // the history did not take it
  CliRun real = run_cli({"report", "--db", db.string(), night2.string()}, kClock);
  ASSERT_EQ(real.exit_code, 0) << real.err;
  EXPECT_EQ(summary_value(real.err, "new"), 1);  // not counted by the dry run
  EXPECT_EQ(lines_of(suppressions().out).size(), 4u);
}

TEST_F(SuppressionsCli, NoDatabaseIsADatabaseErrorAndCreatesNothing) {
  CliRun r = suppressions();
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("no history database"), std::string::npos);
  EXPECT_FALSE(fs::exists(db));
  EXPECT_EQ(suppressions({"log"}).exit_code, 4);
  EXPECT_FALSE(fs::exists(db));
  EXPECT_EQ(run_cli({"suppressions", "--db", ""}, kClock).exit_code, 2);
}

}  // namespace
