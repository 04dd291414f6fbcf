// Amazon WorkMail's notices (delivery-status fields as text below "Technical report:").
#include <gtest/gtest.h>

#include "decode/providers_support.hpp"

namespace {

using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(AmazonWorkMail, QuotedPrintableReport) {
  expect_bounce("amazonworkmail/mailbox_full.eml", "amazonworkmail",
                {{"kenta@example.org", "5.2.2", "552", {"Mailbox quota exceeded"}}});
  Result r = decode_file("amazonworkmail/mailbox_full.eml");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].reporting_mta, "b1-2.smtp-out.eu-west-1.amazonses.com");
}

TEST(AmazonWorkMail, ExpiredTakesTheRemoteServersLastReply) {
  expect_bounce("amazonworkmail/two_recipients_expired.eml", "amazonworkmail",
                {{"riko@example.net", "4.4.2", "421", {"Message expired", "Connection timed out"}},
                 {"sota@example.net", "5.1.1", "550", {"No such user"}}});
}

TEST(AmazonWorkMail, DamagedTruncatedReport) {
  expect_bounce("amazonworkmail/damaged.eml", "amazonworkmail",
                {{"nana@example.com", "5.7.1", "550", {"rejected by policy"}}});
}

TEST(AmazonWorkMail, LineEndsDoNotMatter) { expect_same_with_other_line_ends("amazonworkmail/mailbox_full.eml"); }

}  // namespace
