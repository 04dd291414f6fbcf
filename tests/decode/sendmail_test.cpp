// Sendmail (V8) notices, with and without a DSN: testdata/decode/sendmail/.
#include <gtest/gtest.h>

#include "decode/mta_unix_support.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(Sendmail, PipeFailureTakesTheTranscriptsVerdict) {
  Result r = decode_file("sendmail/pipe_failure_dsn.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"support@lists.example.org"}) << dump(r);
  expect_decoded_by(r, "sendmail");
  const Record& rec = r.records[0];
  EXPECT_EQ(rec.status, "5.3.0");  // the DSN's 5.0.0 says less
  EXPECT_EQ(rec.reply_code, "554");
  EXPECT_TRUE(has(rec.diagnostic, "cannot open database")) << rec.diagnostic;
  EXPECT_TRUE(has(rec.diagnostic, "unknown mailer error 75")) << rec.diagnostic;
  EXPECT_EQ(rec.reporting_mta, "lists.example.org");
}

TEST(Sendmail, PlainNoticeWithPermanentAndTransientErrors) {
  Result r = decode_file("sendmail/plain_notice.eml");
  // olivia@example.com is only in the returned message.
  ASSERT_EQ(recipients_of(r),
            (std::vector<std::string>{"liam@example.org", "mia@example.net", "noah@example.jp"}))
      << dump(r);
  expect_decoded_by(r, "sendmail");
  EXPECT_EQ(r.records[0].status, "5.1.1");
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(r.records[0].action, "failed");
  // No "(reason:" line: the transcript says what the remote server answered.
  EXPECT_EQ(r.records[1].status, "5.3.4");
  EXPECT_EQ(r.records[1].reply_code, "552");
  EXPECT_EQ(r.records[1].smtp_command, "DATA");
  EXPECT_EQ(r.records[1].remote_mta, "in.example.net");
  EXPECT_EQ(r.records[2].action, "delayed");
  EXPECT_EQ(r.records[2].status, "4.3.2");
  EXPECT_EQ(r.records[2].reply_code, "451");
}

TEST(Sendmail, NoticeForwardedQuotedByAPerson) {
  Result r = decode_file("sendmail/forwarded_quoted.eml");
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"rosa@example.de"}) << dump(r);
  expect_decoded_by(r, "sendmail");
  EXPECT_EQ(r.records[0].status, "5.7.1");
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_TRUE(has(r.records[0].diagnostic, "Relaying denied"));
}

TEST(Sendmail, TruncatedNoticeWithCrlfAndCr) {
  for (auto convert : {+[](std::string_view s) { return std::string(s); }, to_crlf, to_cr}) {
    Result r = decode_file_converted("sendmail/truncated.eml", convert);
    ASSERT_EQ(recipients_of(r), std::vector<std::string>{"sam@example.org"}) << dump(r);
    expect_decoded_by(r, "sendmail");
    EXPECT_EQ(r.records[0].status, "5.2.1");
    EXPECT_EQ(r.records[0].reply_code, "550");
    EXPECT_EQ(r.records[0].smtp_command, "RCPT");
    EXPECT_TRUE(has(r.records[0].diagnostic, "Mailbox disabled for this recipient"))
        << r.records[0].diagnostic;
  }
}

TEST(Sendmail, AnImitatedLayoutIsLeftToOtherDecoders) {
  // Another product's notice copying Sendmail's headings but not its address lines.
  Result r = decode_text(
      "From: MAILER-DAEMON@filter.example.com\nTo: ann@example.com\nSubject: Returned mail\n\n"
      "  ----- The following addresses had permanent fatal errors -----\n\n"
      ">>> ben@example.org <ben@example.org>\n\n"
      "  ----- Transcript of session follows -----\n550 no mailbox here by that name\n");
  for (const Record& rec : r.records) EXPECT_NE(rec.decoded_by, "sendmail") << dump(r);
}

}  // namespace
