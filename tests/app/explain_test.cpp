// `bouncekit explain` and `parse --rules` through the built program: output text and JSON, exit codes.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

using bouncekit::test::read_file;
using bouncekit::test::TempDir;
using bouncekit::test::testdata;

struct CliResult {
  int exit_code = -1;
  std::string out, err;
};

std::string quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

CliResult run(const std::vector<std::string>& args) {
  TempDir tmp;
  std::string cmd = quoted(BOUNCEKIT_CLI);
  for (const auto& a : args) cmd += " " + quoted(a);
  cmd += " < /dev/null > " + quoted((tmp.path() / "out").string()) + " 2> " + quoted((tmp.path() / "err").string());
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(tmp.path() / "out");
  r.err = read_file(tmp.path() / "err");
  return r;
}

}  // namespace

TEST(Explain, DiagnosticLineAsText) {
  CliResult r = run({"explain", "550 5.7.1 Service unavailable; client host blocked using Spamhaus"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("reason:        blocked (soft bounce; sender must act)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("what to do:    "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("reply code:    550 (permanent negative, mail system)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("status code:   5.7.1 (security or policy)"), std::string::npos) << r.out;
}

TEST(Explain, CodesAsSeparateArgumentsAndJson) {
  CliResult r = run({"explain", "--format", "json", "550", "5.1.1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["reason"], "userunknown");
  EXPECT_EQ(j["bounce"], "hard");
  EXPECT_EQ(j["action_owner"], "recipient");
  EXPECT_EQ(j["reply_code"], "550");
  EXPECT_EQ(j["status"], "5.1.1");
  EXPECT_EQ(j["status_inferred"], false);
  EXPECT_EQ(j["status_subject"], "addressing");
  EXPECT_FALSE(j["advice"].get<std::string>().empty());

  CliResult inferred = run({"explain", "--format=json", "421", "Too many connections from your host"});
  auto k = nlohmann::json::parse(inferred.out);
  EXPECT_EQ(k["reason"], "toomanyconn");
  EXPECT_EQ(k["status"], "4.0.945");
  EXPECT_EQ(k["status_inferred"], true);
}

// The JSON names what decided with the same two values a record carries in `evidence` and `rule`.
TEST(Explain, JsonSaysWhatDecidedAsARecordDoes) {
  CliResult r = run({"explain", "--format", "json", "550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["evidence"], "text_rule");
  EXPECT_EQ(j["rule"], "user unknown");
  EXPECT_EQ(j["decided_by"], "text rule: 'user unknown'");

  CliResult code = run({"explain", "--format", "json", "4.2.2"});
  auto k = nlohmann::json::parse(code.out);
  EXPECT_EQ(k["evidence"], "status");
  EXPECT_EQ(k["rule"], "4.2.2");
}

TEST(Explain, UsageErrors) {
  EXPECT_EQ(run({"explain"}).exit_code, 2);
  EXPECT_EQ(run({"explain", "--format", "xml", "550"}).exit_code, 2);
  CliResult help = run({"explain", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--format"), std::string::npos);
}

TEST(Rules, ExplainAndParseUseTheRulesFile) {
  std::string rules = testdata("classify/rules.txt").string();
  CliResult r = run({"explain", "--rules", rules, "--format", "json", "550 x is not a registered gateway user"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["reason"], "userunknown");
  CliResult p = run({"parse", "--rules", rules, testdata("decode").string()});
  EXPECT_NE(p.exit_code, 2) << p.err;
}

TEST(Rules, MalformedRulesFileExitsTwoNamingTheLine) {
  std::string bad = testdata("classify/malformed.txt").string();
  CliResult p = run({"parse", "--rules", bad, testdata("decode").string()});
  EXPECT_EQ(p.exit_code, 2);
  EXPECT_TRUE(p.out.empty()) << p.out;
  EXPECT_NE(p.err.find("malformed.txt:5:"), std::string::npos) << p.err;
  CliResult e = run({"explain", "--rules", bad, "550"});
  EXPECT_EQ(e.exit_code, 2);
  EXPECT_NE(e.err.find("malformed.txt:5: unknown reason 'mailboxful'"), std::string::npos) << e.err;
}
