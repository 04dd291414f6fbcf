// Issue 18: an internationalised domain written as Unicode (例え.jp) and as its ASCII form
// (xn--r8jz45g.jp, any case) is one domain in every aggregate `report` writes: the text
// summary, domains.csv, summary.json and report.html, shown as Unicode. Addresses (the
// suppression list) are kept as written.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using bouncekit::test::read_file;
using bouncekit::test::TempDir;
using bouncekit::test::write_file;

const std::string kTatoe = "\xE4\xBE\x8B\xE3\x81\x88.jp";  // 例え.jp

// A delivery status notification (RFC 3464) for one recipient, written for this test.
std::string dsn(const std::string& id, const std::string& final_recipient) {
  return "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\n"
         "To: news@example.com\n"
         "Subject: Undelivered Mail Returned to Sender\n"
         "Date: Tue, 02 Jul 2024 07:00:00 +0000\n"
         "Message-ID: <" + id + "@mx.example.org>\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
         "--b\nContent-Type: text/plain\n\nThe message could not be delivered.\n\n"
         "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
         "Final-Recipient: " + final_recipient + "\nAction: failed\nStatus: 5.1.1\n"
         "Diagnostic-Code: smtp; 550 5.1.1 no such user here\n\n--b--\n";
}

TEST(IdnDomains, BothFormsAreOneDomainInEveryAggregate) {
  TempDir tmp;
  write_file(tmp.path() / "in" / "1.eml", dsn("one", "rfc822; ann@xn--r8jz45g.jp"));
  write_file(tmp.path() / "in" / "2.eml", dsn("two", "utf-8; ben@" + kTatoe));
  write_file(tmp.path() / "in" / "3.eml", dsn("three", "rfc822; Cy@XN--R8JZ45G.JP"));
  const fs::path out = tmp.path() / "out";
  std::string cmd = std::string("'") + BOUNCEKIT_CLI + "' --quiet report --no-history --out '" + out.string() + "' '" +
                    (tmp.path() / "in").string() + "' > '" + (tmp.path() / "text").string() + "' 2>&1";
  int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_file(tmp.path() / "text");

  // domains.csv: one row, the Unicode form, all three records.
  std::istringstream csv(read_file(out / "domains.csv"));
  std::vector<std::string> rows;
  for (std::string line; std::getline(csv, line);) rows.push_back(line);
  ASSERT_EQ(rows.size(), 2u) << read_file(out / "domains.csv");
  EXPECT_EQ(rows[1].rfind(kTatoe + ",3,3,", 0), 0u) << rows[1];

  // summary.json: one domain, named in Unicode.
  auto summary = nlohmann::json::parse(read_file(out / "summary.json"));
  ASSERT_EQ(summary["domains"].size(), 1u) << summary["domains"].dump();
  EXPECT_EQ(summary["domains"][0]["name"], kTatoe);

  // The text summary: one row for the domain, no ASCII form anywhere in it.
  const std::string text = read_file(tmp.path() / "text");
  EXPECT_NE(text.find("  " + kTatoe + " "), std::string::npos) << text;
  EXPECT_EQ(text.find("xn--"), std::string::npos) << text;

  // report.html: the domain in Unicode; the ASCII form only inside the addresses, kept as written.
  const std::string html = read_file(out / "report.html");
  EXPECT_NE(html.find(">" + kTatoe + "<"), std::string::npos);
  for (auto at = html.find("xn--r8jz45g.jp"); at != std::string::npos; at = html.find("xn--r8jz45g.jp", at + 1))
    EXPECT_EQ(html[at - 1], '@') << html.substr(at - 40, 80);
}

}  // namespace
