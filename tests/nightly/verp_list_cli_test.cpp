// Lists and VERP end to end: two lists' bounces in one history, a per-list report and
// suppression list, the per-list split of summary.json, and a refused --verp pattern.
#include <gtest/gtest.h>

#include <string>

#include "cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit::test;

const std::map<std::string, std::string> kClock{{"BOUNCEKIT_NOW", "2026-11-24T03:00:00Z"}};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

class VerpListCli : public ::testing::Test {
 protected:
  TempDir tmp;
  fs::path dir = tmp.path() / "bounces";
  fs::path db = tmp.path() / "history.sqlite";

  void SetUp() override {
    fs::create_directories(dir);
    // List "mylist": a forwarded subscriber's hard bounce (the report names the final mailbox).
    const std::string forwarded = read_file(testdata("decode/verp/forwarded_dsn.eml"));
    write_file(dir / "1.eml", forwarded);
    // List "other": the same shape for bob@example.net.
    std::string other = replaced(forwarded, "MyList.lists.example.org", "Other.example.org");
    other = replaced(other, "mylist-bounces+ann.smith=example.com", "other-bounces+bob=example.net");
    other = replaced(other, "ann@forward.example.net", "bob.final@forward.example.net");
    write_file(dir / "2.eml", other);
    // No readable recipient: only VERP names the subscriber; no List-Id, so the VERP list address.
    write_file(dir / "3.eml", read_file(testdata("decode/verp/no_readable_recipient.eml")));
  }
  CliRun report(std::vector<std::string> extra) {
    std::vector<std::string> args = {"report", "--db", db.string(), dir.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args, kClock);
  }
};

TEST_F(VerpListCli, APerListRunReportsAndSuppressesThatListOnly) {
  CliRun all = report({"--format", "json"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("\"lists\": ["), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("\"name\":\"mylist.lists.example.org\""), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("\"name\":\"other.example.org\""), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("\"name\":\"mylist-bounces@lists.example.org\""), std::string::npos) << all.out;

  // The same history, one list: the subscriber (not the forwarded mailbox) is suppressed.
  CliRun mine = report({"--format", "csv", "--list", "<MyList.Lists.Example.org>"});
  ASSERT_EQ(mine.exit_code, 0) << mine.err;
  EXPECT_NE(mine.out.find("ann.smith@example.com"), std::string::npos) << mine.out;
  EXPECT_EQ(mine.out.find("ann@forward.example.net"), std::string::npos) << mine.out;
  EXPECT_EQ(mine.out.find("bob"), std::string::npos) << mine.out;
  EXPECT_EQ(summary_value(mine.err, "window_records"), 1) << mine.err;

  CliRun theirs = run_cli({"suppressions", "--db", db.string(), "--list", "other.example.org"}, kClock);
  ASSERT_EQ(theirs.exit_code, 0) << theirs.err;
  EXPECT_EQ(theirs.out, "bob@example.net\n");

  CliRun none = run_cli({"suppressions", "--db", db.string(), "--list", "no.such.list"}, kClock);
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "");
}

TEST_F(VerpListCli, ListsCsvHasOneRowPerListAndAPerListRunItsDomains) {
  const fs::path out = tmp.path() / "report";
  CliRun all = report({"--out", out.string()});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const std::string lists = read_file(out / "lists.csv");
  EXPECT_EQ(lists.rfind("name,messages,records,hard,soft,suppressed,", 0), 0u) << lists;
  for (const char* row : {"\nmylist.lists.example.org,1,1,1,0,1,", "\nother.example.org,1,1,1,0,1,",
                          "\nmylist-bounces@lists.example.org,1,1,0,1,"})
    EXPECT_NE(lists.find(row), std::string::npos) << row << "\n" << lists;
  // domains.csv of one list: that list's recipient domains only.
  CliRun mine = report({"--out", out.string(), "--list", "other.example.org"});
  ASSERT_EQ(mine.exit_code, 0) << mine.err;
  const std::string domains = read_file(out / "domains.csv");
  EXPECT_NE(domains.find("\nforward.example.net,1,1,1,"), std::string::npos) << domains;
  EXPECT_EQ(domains.find("example.com"), std::string::npos) << domains;
  const std::string one_list = read_file(out / "lists.csv");
  EXPECT_NE(one_list.find("\nother.example.org,"), std::string::npos) << one_list;
  EXPECT_EQ(one_list.find("mylist"), std::string::npos) << one_list;
}

TEST_F(VerpListCli, ParseWritesSubscriberAndListAndRefusesABadPattern) {
  CliRun parsed = run_cli({"parse", "--format", "csv", (dir / "3.eml").string()});
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  EXPECT_NE(parsed.out.find("ann.smith@example.com,ann.smith@example.com"), std::string::npos) << parsed.out;
  EXPECT_NE(parsed.out.find(",verp,"), std::string::npos) << parsed.out;

  CliRun off = run_cli({"parse", "--no-verp-defaults", (dir / "3.eml").string()});
  ASSERT_EQ(off.exit_code, 0) << off.err;
  EXPECT_EQ(off.out, "");  // undecodable again

  CliRun bad = run_cli({"parse", "--verp", "{list}+{user}={domain}@{host}", (dir / "3.eml").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown placeholder"), std::string::npos) << bad.err;
}

}  // namespace
