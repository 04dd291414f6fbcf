// DragonFly Mail Agent (dma) notices: testdata/decode/dragonfly/.
#include <gtest/gtest.h>

#include "decode/mta_unix_support.hpp"
#include "decode/stated_status.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(Dragonfly, RecipientRefusedAtRcpt) {
  Result r = decode_file("dragonfly/rcpt_rejected.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  // The returned message was sent to two people; only the one named in the notice failed.
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"oskar.lind@example.org"}) << dump(r);
  expect_decoded_by(r, "dragonfly");
  const Record& rec = r.records[0];
  EXPECT_EQ(bouncekit::decode::test::stated_status(rec.status), "5.1.1");
  EXPECT_EQ(rec.reply_code, "550");
  EXPECT_EQ(rec.smtp_command, "RCPT");
  EXPECT_EQ(rec.remote_mta, "mx1.example.org");
  EXPECT_EQ(rec.action, "failed");
  EXPECT_TRUE(has(rec.diagnostic, "mailbox does not exist here")) << rec.diagnostic;
  EXPECT_FALSE(has(rec.diagnostic, "Hello Oskar"));
}

TEST(Dragonfly, MultiLineReplyAfterData) {
  Result r = decode_file("dragonfly/data_multiline.eml");
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"hanako@example.com"}) << dump(r);
  expect_decoded_by(r, "dragonfly");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.7.1");
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(r.records[0].smtp_command, "DATA");
  EXPECT_TRUE(has(r.records[0].diagnostic, "lacks 550-5.7.1 the signatures")) << r.records[0].diagnostic;
  EXPECT_TRUE(has(r.records[0].diagnostic, "outgoing mail, then try again.")) << r.records[0].diagnostic;
}

TEST(Dragonfly, QueueLifetimeRanOutWithWrappedRecipientLine) {
  Result r = decode_file("dragonfly/expired_wrapped.eml");
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"reports@archive.example.net"}) << dump(r);
  expect_decoded_by(r, "dragonfly");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "");  // dma states none
  EXPECT_EQ(r.records[0].reply_code, "");
  EXPECT_TRUE(has(r.records[0].diagnostic, "Could not deliver for the last 345600 seconds")) << dump(r);
}

TEST(Dragonfly, TruncatedBeforeTheServerReply) {
  Result r = decode_file("dragonfly/truncated.eml");
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"saburo@nowhere.example.net"}) << dump(r);
  expect_decoded_by(r, "dragonfly");
  EXPECT_EQ(r.records[0].smtp_command, "MAIL");
  EXPECT_EQ(r.records[0].remote_mta, "mx.nowhere.example.net");
  EXPECT_EQ(r.records[0].reply_code, "");
}

TEST(Dragonfly, SameRecordsWithCrlfAndCrLineEnds) {
  Result lf = decode_file("dragonfly/data_multiline.eml");
  for (auto convert : {to_crlf, to_cr}) {
    Result other = decode_file_converted("dragonfly/data_multiline.eml", convert);
    ASSERT_EQ(recipients_of(other), recipients_of(lf)) << dump(other);
    EXPECT_EQ(other.records[0].diagnostic, lf.records[0].diagnostic);
    EXPECT_EQ(bouncekit::decode::test::stated_status(other.records[0].status), lf.records[0].status);
    EXPECT_EQ(other.records[0].decoded_by, "dragonfly");
  }
}

TEST(Dragonfly, OrdinaryMailSentThroughDmaIsNotABounce) {
  Result r = decode_text(
      "Received: from alice (uid 1000)\n\tby host.example.org (DragonFly Mail Agent v0.13);\n"
      "\tMon, 03 Mar 2025 10:00:00 +0100\n"
      "From: alice@host.example.org\nTo: bob@example.com\nSubject: lunch\n\n"
      "There was an error delivering your mail to me, I think? Lunch at noon.\n");
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

}  // namespace
