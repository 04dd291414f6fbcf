// qmail notices (and indimail's variant): testdata/decode/qmail/.
#include <gtest/gtest.h>

#include "decode/mta_unix_support.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(Qmail, RemoteServerRefusedTheRecipient) {
  Result r = decode_file("qmail/remote_rejected.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  // anna.holm@example.org is in the returned copy only: not a failed recipient.
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"mats.berg@example.org"}) << dump(r);
  expect_decoded_by(r, "qmail");
  const Record& rec = r.records[0];
  EXPECT_EQ(rec.status, "5.1.1");
  EXPECT_EQ(rec.reply_code, "550");
  EXPECT_EQ(rec.smtp_command, "RCPT");
  EXPECT_TRUE(has(rec.diagnostic, "no such user in this domain")) << rec.diagnostic;
  EXPECT_FALSE(has(rec.diagnostic, "rehearsal"));
}

TEST(Qmail, ThreeRecipientsInOrder) {
  Result r = decode_file("qmail/three_recipients.eml");
  ASSERT_EQ(recipients_of(r),
            (std::vector<std::string>{"ichiro@example.jp", "hana@gone.example.com", "kenji@example.co.jp"}))
      << dump(r);
  expect_decoded_by(r, "qmail");
  EXPECT_EQ(r.records[0].status, "5.1.1");  // qmail's own (#5.1.1)
  EXPECT_EQ(r.records[0].reply_code, "");
  EXPECT_TRUE(has(r.records[0].diagnostic, "no mailbox here by that name"));
  EXPECT_EQ(r.records[1].status, "5.1.2");
  EXPECT_TRUE(has(r.records[1].diagnostic, "couldn't find any host named gone.example.com"));
  EXPECT_EQ(r.records[2].status, "5.3.4");
  EXPECT_EQ(r.records[2].reply_code, "552");
  EXPECT_EQ(r.records[2].smtp_command, "DATA");
}

TEST(Qmail, IndimailEnclosedCopy) {
  Result r = decode_file("qmail/indimail_enclosed.eml");
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"sofia@example.com"}) << dump(r);
  expect_decoded_by(r, "qmail");
  EXPECT_EQ(r.records[0].status, "4.2.2");
  EXPECT_EQ(r.records[0].reply_code, "452");
  EXPECT_EQ(r.records[0].smtp_command, "RCPT");
  EXPECT_EQ(r.records[0].message_id, "<photos-1@mx.example.org>");
}

TEST(Qmail, DamagedNoticeWithCrlfAndCr) {
  for (auto convert : {+[](std::string_view s) { return std::string(s); }, to_crlf, to_cr}) {
    Result r = decode_file_converted("qmail/damaged.eml", convert);
    ASSERT_EQ(recipients_of(r), (std::vector<std::string>{"buyer@example.net", "procurement@example.net"}))
        << dump(r);
    expect_decoded_by(r, "qmail");
    EXPECT_EQ(r.records[0].status, "4.4.1");
    EXPECT_EQ(r.records[0].smtp_command, "CONN");
    EXPECT_EQ(r.records[1].status, "5.7.1");
    EXPECT_EQ(r.records[1].reply_code, "553");
    EXPECT_EQ(r.records[1].smtp_command, "MAIL");
    EXPECT_TRUE(has(r.records[1].diagnostic, "sender domain not accepted")) << r.records[1].diagnostic;
  }
}

TEST(Qmail, OrdinaryMailThroughQmailIsNotABounce) {
  Result r = decode_text(
      "Received: (qmail 5120 invoked by uid 1000); 7 Mar 2025 10:00:00 -0000\n"
      "From: lena@example.net\nTo: mats.berg@example.org\nSubject: coffee?\n\n"
      "<mats.berg@example.org>:\nare you free at ten?\n");
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

}  // namespace
