// CSV files: RFC 4180 quoting, the suppression list and the group files.
#include <gtest/gtest.h>

#include <sstream>

#include "bouncekit/report_files.hpp"
#include "report/csv.hpp"
#include "report/sample_summary.hpp"

namespace an = bouncekit::analysis;
namespace rp = bouncekit::report;

namespace {

std::string cell(std::string_view v) {
  std::ostringstream out;
  rp::write_csv_cell(out, v);
  return out.str();
}

}  // namespace

TEST(Csv, PlainCellsAreNotQuoted) {
  EXPECT_EQ(cell("user@example.com"), "user@example.com");
  EXPECT_EQ(cell(""), "");
  EXPECT_EQ(cell("550 5.1.1 unknown; see 'docs'"), "550 5.1.1 unknown; see 'docs'");
}

TEST(Csv, CommasQuotesAndLineBreaksAreQuotedWithQuotesDoubled) {
  EXPECT_EQ(cell("a,b"), "\"a,b\"");
  EXPECT_EQ(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  // Line breaks and tabs inside a cell become spaces (docs/security.md): one line per row.
  EXPECT_EQ(cell("line1\nline2"), "line1 line2");
  EXPECT_EQ(cell("cr\rhere"), "cr here");
  EXPECT_EQ(cell("\""), "\"\"\"\"");
}

TEST(Csv, RowsEndInCrLf) {
  std::ostringstream out;
  rp::write_csv_row(out, {"a", "b,c", ""});
  EXPECT_EQ(out.str(), "a,\"b,c\",\r\n");
}

TEST(SuppressionCsv, HeaderEvenWhenEmptyThenOneLinePerAddress) {
  std::ostringstream out;
  rp::SuppressionCsvWriter writer(out);
  EXPECT_EQ(out.str(), "address,reason,rule,first_bounce,last_bounce,count,evidence,reason_evidence,reason_rule\r\n");
  an::Suppression s;
  s.recipient = "ann@example.com";
  s.reason = "userunknown";
  s.rule = "hard";
  s.first_bounce = "2026-11-01T10:00:00Z";
  s.last_bounce = "2026-11-03T10:00:00Z";
  s.count = 2;
  s.evidence = "/var/mail/bounces.mbox#3@4495";
  s.reason_evidence = "text_rule";
  s.reason_rule = "no such user";
  writer.write(s);
  s.recipient = "\"odd,one\"@example.com";
  s.count = 1;
  writer.write(s);
  EXPECT_EQ(out.str(),
            "address,reason,rule,first_bounce,last_bounce,count,evidence,reason_evidence,reason_rule\r\n"
            "ann@example.com,userunknown,hard,2026-11-01T10:00:00Z,2026-11-03T10:00:00Z,2,/var/mail/bounces.mbox#3@4495,"
            "text_rule,no such user\r\n"
            "\"\"\"odd,one\"\"@example.com\",userunknown,hard,2026-11-01T10:00:00Z,2026-11-03T10:00:00Z,1,"
            "/var/mail/bounces.mbox#3@4495,text_rule,no such user\r\n");
}

TEST(GroupsCsv, OneLinePerGroupWithJoinedCounts) {
  std::ostringstream out;
  rp::write_groups_csv(out, bouncekit::test::sample_summary().domains);
  EXPECT_EQ(out.str(),
            "name,messages,records,hard,soft,suppressed,sender_side_flag,top_reason,reasons,owners,top_remote_mtas,"
            "first_seen,last_seen,example_diagnostic,sender_side,sender_side_share,blocklists\r\n"
            "example.com,25,28,18,10,19,yes,userunknown,userunknown=18;blocked=6;mailboxfull=4,recipient=22;sender=6,"
            "gmail-smtp-in.l.google.com=20;alt1.gmail-smtp-in.l.google.com=8,2026-11-20T01:00:00Z,2026-11-21T23:00:00Z,"
            "\"550 5.1.1 \"\"no\"\" such user, sorry\",6,0.2142,spamhaus-zen=4;barracuda=1\r\n"
            "example.org,5,6,2,4,2,no,blocked,blocked=3;userunknown=2;mailboxfull=1,recipient=3;sender=3,,"
            "2026-11-21T02:00:00Z,2026-11-21T03:00:00Z,,3,0.5000,\r\n");
}

TEST(GroupsCsv, EmptyOwnerIsNamedAndNoGroupsMeansHeaderOnly) {
  an::GroupStats g;
  g.name = "example.net";
  g.records = 1;
  g.owners = {{"", 1}};
  std::ostringstream out;
  rp::write_groups_csv(out, {g});
  EXPECT_NE(out.str().find(",(none)=1,"), std::string::npos);
  std::ostringstream empty;
  rp::write_groups_csv(empty, {});
  const std::string text = empty.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
}

// OWASP "CSV Injection": a cell a spreadsheet would evaluate gets a quote in front, unless raw.
TEST(Csv, FormulaCellsAreGuardedUnlessRaw) {
  EXPECT_EQ(cell("=1+2"), "\"'=1+2\"");
  EXPECT_EQ(cell("+1"), "\"'+1\"");
  EXPECT_EQ(cell("-2+3"), "\"'-2+3\"");
  EXPECT_EQ(cell("@sum(1+1)@example.org"), "\"'@sum(1+1)@example.org\"");
  EXPECT_EQ(cell("\t=cmd"), "\"' =cmd\"");
  EXPECT_EQ(cell("\r=cmd"), "\"' =cmd\"");
  EXPECT_EQ(cell("=HYPERLINK(\"http://x/\",\"y\")"), "\"'=HYPERLINK(\"\"http://x/\"\",\"\"y\"\")\"");
  EXPECT_EQ(cell("a=b"), "a=b") << "only the first character counts";
  std::ostringstream raw;
  rp::write_csv_cell(raw, "=1+2", true);
  EXPECT_EQ(raw.str(), "=1+2");
}

TEST(Csv, ControlAndBidiCharactersNeverReachTheFile) {
  EXPECT_EQ(cell("bob@ex\x1b]0;PWNED\x07" "ample.org"), "bob@ex\xEF\xBF\xBD]0;PWNED\xEF\xBF\xBD" "ample.org");
  EXPECT_EQ(cell("a\xC2\x9B" "31mb"), "a\xEF\xBF\xBD" "31mb");          // U+009B, C1 CSI
  EXPECT_EQ(cell("x\xE2\x80\xAEgpj.exe"), "x\xEF\xBF\xBDgpj.exe");     // U+202E
  EXPECT_EQ(cell("x\xE2\x81\xA6y"), "x\xEF\xBF\xBDy");                 // U+2066
  EXPECT_EQ(cell("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC"), "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC");  // UTF-8 text stays
  EXPECT_EQ(cell("\x9B" "1"), "\xEF\xBF\xBD" "1");                        // a byte that is not UTF-8
  std::ostringstream raw;
  rp::write_csv_cell(raw, "\x1b[2J", true);
  EXPECT_EQ(raw.str(), "\xEF\xBF\xBD[2J") << "--csv-raw keeps formulas, not control characters";
}
