// Amazon SES: JSON notifications (bounce, complaint, delivery; bare or in an SNS envelope) and its DSNs.
#include <gtest/gtest.h>

#include "decode/providers_support.hpp"

namespace {

using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(AmazonSes, JsonBounceWithTwoRecipients) {
  expect_bounce("amazonses/json_bounce.eml", "amazonses",
                {{"akiko@example.org", "5.1.1", "550", {"no mailbox by that name"}},
                 {"bunta@example.org", "5.2.2", "552", {"mailbox full"}}});
  Result r = decode_file("amazonses/json_bounce.eml");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].sender, "news@example.jp");
  EXPECT_EQ(r.records[0].timestamp, "2016-11-07T02:59:58Z");
  EXPECT_EQ(r.records[0].reporting_mta, "b2-1.smtp-out.eu-west-1.amazonses.com");
  EXPECT_EQ(r.records[0].remote_mta, "192.0.2.44");
  EXPECT_EQ(r.records[0].diagnostic_type, "SMTP");
}

TEST(AmazonSes, SnsEnvelopeSplitBySendmail) {
  expect_bounce("amazonses/sns_envelope_wrapped.eml", "amazonses",
                {{"chie@example.net", "4.2.2", "452", {"over quota"}}});
}

TEST(AmazonSes, ComplaintIsFeedback) {
  Result r = decode_file("amazonses/complaint.eml");
  ASSERT_EQ(r.kind, Kind::feedback) << dump(r);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].recipient, "daiki@example.com");
  EXPECT_EQ(r.records[0].feedback_type, "abuse");
  EXPECT_EQ(r.records[0].decoded_by, "amazonses");
  EXPECT_EQ(r.records[0].bounce, "none");
}

TEST(AmazonSes, DeliveryIsNotABounce) {
  Result r = decode_file("amazonses/delivery.eml");
  ASSERT_EQ(r.kind, Kind::delivered) << dump(r);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].recipient, "emi@example.com");
  EXPECT_EQ(r.records[0].status, "2.6.0");
  EXPECT_EQ(r.records[0].reply_code, "250");
  EXPECT_EQ(r.records[0].action, "delivered");
  EXPECT_EQ(r.records[0].decoded_by, "amazonses");
}

TEST(AmazonSes, DsnWithTheRemoteReplyQuoted) {
  expect_bounce("amazonses/dsn_quoted_reply.eml", "amazonses",
                {{"fumi@example.org", "5.1.0", "550", {"No such user here"}}});
}

TEST(AmazonSes, TruncatedJsonGivesNoRecords) {
  Result r = decode_file("amazonses/truncated.eml");
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

TEST(AmazonSes, LineEndsDoNotMatter) {
  expect_same_with_other_line_ends("amazonses/json_bounce.eml");
  expect_same_with_other_line_ends("amazonses/sns_envelope_wrapped.eml");
}

}  // namespace
