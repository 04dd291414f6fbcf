// Postfix notices: DSNs, the plain-text notice, and the smtpd error transcript: testdata/decode/postfix/.
#include <gtest/gtest.h>

#include "decode/mta_unix_support.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(Postfix, PlainNoticeWithTwoRecipients) {
  Result r = decode_file("postfix/plain_two_recipients.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  // frank@example.org appears only in the returned message.
  ASSERT_EQ(recipients_of(r), (std::vector<std::string>{"david@example.org", "eva@example.net"})) << dump(r);
  expect_decoded_by(r, "postfix");
  EXPECT_EQ(r.records[0].status, "5.1.1");
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(r.records[0].smtp_command, "RCPT");
  EXPECT_EQ(r.records[0].remote_mta, "mx.example.org");
  EXPECT_TRUE(has(r.records[0].diagnostic, "no such person here"));
  EXPECT_EQ(r.records[1].status, "4.2.2");
  EXPECT_EQ(r.records[1].reply_code, "452");
  EXPECT_EQ(r.records[1].smtp_command, "DATA");
  EXPECT_EQ(r.records[1].remote_mta, "smtp.example.net");
  EXPECT_EQ(r.records[0].message_id, "<agenda-3@example.com>");
}

TEST(Postfix, DsnWithXPostfixDiagnosticGetsTheRemoteReplyCode) {
  Result r = decode_file("postfix/dsn_x_postfix.eml");
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"yui@example.co.jp"}) << dump(r);
  expect_decoded_by(r, "postfix");
  EXPECT_EQ(r.records[0].diagnostic_type, "X-POSTFIX");
  EXPECT_EQ(r.records[0].status, "5.0.0");
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(r.records[0].remote_mta, "mx.example.co.jp");
  EXPECT_EQ(r.records[0].smtp_command, "DATA");
  EXPECT_EQ(r.records[0].reporting_mta, "out.example.jp");
}

TEST(Postfix, SmtpdTranscriptNamesTheRefusedRecipients) {
  Result r = decode_file("postfix/smtpd_transcript.eml");
  // helen refused at RCPT; greg and ivan accepted, then refused after DATA.
  ASSERT_EQ(recipients_of(r),
            (std::vector<std::string>{"helen@example.org", "greg@example.org", "ivan@example.org"}))
      << dump(r);
  expect_decoded_by(r, "postfix");
  EXPECT_EQ(r.records[0].status, "5.1.1");
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(r.records[0].smtp_command, "RCPT");
  for (std::size_t i : {1u, 2u}) {
    EXPECT_EQ(r.records[i].status, "4.3.1");
    EXPECT_EQ(r.records[i].reply_code, "452");
    EXPECT_EQ(r.records[i].smtp_command, "DATA");
  }
}

TEST(Postfix, TruncatedNoticeWithCrlfAndCr) {
  for (auto convert : {+[](std::string_view s) { return std::string(s); }, to_crlf, to_cr}) {
    Result r = decode_file_converted("postfix/truncated.eml", convert);
    ASSERT_EQ(recipients_of(r), std::vector<std::string>{"kai@example.com"}) << dump(r);
    expect_decoded_by(r, "postfix");
    EXPECT_EQ(r.records[0].status, "5.7.1");
    EXPECT_EQ(r.records[0].reply_code, "554");
    EXPECT_TRUE(has(r.records[0].diagnostic, "client host blocked")) << r.records[0].diagnostic;
  }
}

TEST(Postfix, DelayNoticeWithItsMimeStructureStripped) {
  Result r = decode_file("postfix/stripped_mime_delay.eml");
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"zeno@example.net"}) << dump(r);
  expect_decoded_by(r, "postfix");
  // Status and Action come from the delivery-status fields left in the text.
  EXPECT_EQ(r.records[0].status, "4.4.1");
  EXPECT_EQ(r.records[0].action, "delayed");
  EXPECT_TRUE(has(r.records[0].diagnostic, "Connection timed out")) << r.records[0].diagnostic;
}

}  // namespace
