// Nothing lost: `bouncekit parse` over a mailbox full of damaged messages reads every one of them
// and accounts for each in its summary line: read = bounces + non_bounces + undecodable, and read is
// the number of messages written. The messages are built here (truncated, binary garbage, broken
// MIME, wrong Content-Length, 8-bit headers, odd charsets, ...), as an mbox and as a Maildir.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cctype>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

using bouncekit::test::read_file;
using bouncekit::test::TempDir;
using bouncekit::test::write_file;

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

CliRun run_parse(const std::vector<std::string>& args) {
  TempDir tmp;
  std::string cmd = std::string("'") + BOUNCEKIT_CLI + "' parse";
  for (const auto& a : args) cmd += " '" + a + "'";  // paths made by TempDir hold no quote
  cmd += " < /dev/null > '" + (tmp.path() / "out").string() + "' 2> '" + (tmp.path() / "err").string() + "'";
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(tmp.path() / "out");
  r.err = read_file(tmp.path() / "err");
  return r;
}

// "read=12 bounces=3 ..." -> {read: 12, bounces: 3, ...}
std::map<std::string, long> summary(const std::string& err) {
  std::map<std::string, long> n;
  std::size_t at = err.rfind("read=");
  if (at == std::string::npos) return n;
  std::istringstream line(err.substr(at, err.find('\n', at) - at));
  std::string word;
  while (line >> word) {
    if (word.front() == '(') word.erase(0, 1);
    std::size_t eq = word.find('=');
    if (eq == std::string::npos || eq + 1 >= word.size() ||
        !std::isdigit(static_cast<unsigned char>(word[eq + 1])))
      continue;
    n[word.substr(0, eq)] = std::stol(word.substr(eq + 1));
  }
  return n;
}

const std::string kReportHead =
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
    "To: sender@example.com\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\n\n";
const std::string kStatusPart =
    "--R\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; mx.example.net\n\n"
    "Final-Recipient: rfc822; lost@example.org\nAction: failed\nStatus: 5.1.1\n"
    "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n";

std::string garbage(std::size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(size, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  // Keep the garbage from starting a new mbox message of its own: no line may begin with "From ".
  for (std::size_t i = 0; i + 1 < s.size(); ++i)
    if (s[i] == '\n' && s[i + 1] == 'F') s[i + 1] = 'f';
  return s;
}

// The damaged messages, each one complete text of a message (no mbox postmark).
std::vector<std::string> damaged_messages() {
  std::vector<std::string> m;
  m.push_back(kReportHead + kStatusPart + "\n--R--\n");                         // a good one, for contrast
  m.push_back((kReportHead + kStatusPart).substr(0, kReportHead.size() + 60));  // truncated in the report
  m.push_back(kReportHead.substr(0, 70));                                       // truncated in the header
  m.push_back(garbage(5000, 1));                                                // binary garbage
  m.push_back("Subject: Delivery failure\n\n" + garbage(3000, 2));              // a header, then garbage
  m.push_back(kReportHead +
              "--R\nContent-Type: multipart/alternative; boundary=\"A\"\n\n--A\n"
              "Content-Type: text/plain\n\nunclosed inner multipart\n" +
              kStatusPart + "\n--R--\n");
  m.push_back(kReportHead + "no boundary ever appears\n" + kStatusPart.substr(4));  // boundary never used
  m.push_back("From: MAILER-DAEMON@mx.example.net\nContent-Type: multipart/mixed\n\n--\n--\n----\n");
  m.push_back("Content-Length: 10\n" + kReportHead + kStatusPart + "\n--R--\n");  // Content-Length too short
  m.push_back("Content-Length: 999999\n" + kReportHead + kStatusPart + "\n--R--\n");  // ... and too long
  m.push_back(
      "From: \xe9milie <sender@example.com>\nSubject: r\xe9sum\xe9 \x82\xa0\x82\xa2\n"
      "X-\xff\xfe: 8-bit name\n\nHello\n");  // 8-bit headers
  m.push_back(
      "From: MAILER-DAEMON@mx.example.net\nSubject: =?x-unknown?B?////?= =?utf-7?Q?+AGEAYgBj-?=\n"
      "Content-Type: text/plain; charset=\"iso-2022-jp\"\n\n\x1b$B\xff\xff\x1b(B unknown user\n");
  m.push_back(kReportHead +
              "--R\nContent-Type: message/delivery-status; charset=\"\"\n"
              "Content-Transfer-Encoding: base64\n\n!!!not base64!!!\n--R--\n");  // undecodable part
  m.push_back("");                                                                // empty
  m.push_back("\n\n\n");                                                          // only blank lines
  m.push_back(std::string("Subject: nul\0inside\n\n\0\0\0", 23));                 // NUL bytes
  m.push_back("Subject: crlf\r\nFrom: MAILER-DAEMON@mx.example.net\r\n\r\nmixed\rline\r\nends\n");
  return m;
}

}  // namespace

TEST(NothingLost, DamagedMboxIsFullyAccountedFor) {
  const std::vector<std::string> messages = damaged_messages();
  std::string mbox;
  for (const std::string& m : messages) mbox += "From MAILER-DAEMON  Tue Jul  2 06:10:44 2024\n" + m + "\n";
  TempDir dir;
  write_file(dir.path() / "damaged.mbox", mbox);
  for (std::vector<std::string> options : {std::vector<std::string>{}, {"--max-message-size", "1"}}) {
    options.push_back((dir.path() / "damaged.mbox").string());
    CliRun r = run_parse(options);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto n = summary(r.err);
    ASSERT_TRUE(n.count("read") && n.count("bounces") && n.count("non_bounces") && n.count("undecodable"))
        << r.err;
    EXPECT_EQ(n["read"], static_cast<long>(messages.size())) << r.err;
    EXPECT_EQ(n["read"], n["bounces"] + n["non_bounces"] + n["undecodable"]) << r.err;
    EXPECT_GE(n["bounces"], 1) << "the good report is still found among the damaged ones";
    std::istringstream lines(r.out);
    long written = 0;
    for (std::string line; std::getline(lines, line); ++written)
      EXPECT_FALSE(nlohmann::json::parse(line, nullptr, false).is_discarded()) << line;
    EXPECT_EQ(written, n["records"]);
  }
}

TEST(NothingLost, DamagedMaildirIsFullyAccountedFor) {
  const std::vector<std::string> messages = damaged_messages();
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "Maildir" / "tmp");
  for (std::size_t i = 0; i < messages.size(); ++i)
    write_file(dir.path() / "Maildir" / (i % 2 ? "cur" : "new") / (std::to_string(1000 + i) + ".host:2,S"),
               messages[i]);
  CliRun r = run_parse({"--verbose", (dir.path() / "Maildir").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto n = summary(r.err);
  EXPECT_EQ(n["read"], static_cast<long>(messages.size())) << r.err;
  EXPECT_EQ(n["read"], n["bounces"] + n["non_bounces"] + n["undecodable"]) << r.err;
  // --verbose names every undecodable message with its origin and why.
  std::size_t named = 0;
  for (std::size_t at = 0; (at = r.err.find("undecodable: ", at)) != std::string::npos; ++at) ++named;
  EXPECT_EQ(static_cast<long>(named), n["undecodable"]) << r.err;
}

// --max-records-per-message keeps the first N recipients of a report; the message is still one bounce.
TEST(NothingLost, MaxRecordsPerMessageKeepsTheFirstRecipients) {
  std::string status = "--R\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n";
  for (int i = 0; i < 5; ++i)
    status += "\nFinal-Recipient: rfc822; user" + std::to_string(i) +
              "@example.org\nAction: failed\nStatus: 5.1.1\n";
  TempDir dir;
  write_file(dir.path() / "five.eml", kReportHead + status + "\n--R--\n");
  CliRun r = run_parse({"--verbose", "--max-records-per-message", "2", (dir.path() / "five.eml").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto n = summary(r.err);
  EXPECT_EQ(n["read"], 1);
  EXPECT_EQ(n["bounces"], 1);
  EXPECT_EQ(n["records"], 2);
  EXPECT_NE(r.out.find("user0@example.org"), std::string::npos);
  EXPECT_NE(r.out.find("user1@example.org"), std::string::npos);
  EXPECT_EQ(r.out.find("user2@example.org"), std::string::npos);
  EXPECT_NE(r.err.find("3 recipients beyond the limit of 2"), std::string::npos) << r.err;
  EXPECT_EQ(run_parse({"--max-records-per-message", "0", (dir.path() / "five.eml").string()}).exit_code, 2);
}
