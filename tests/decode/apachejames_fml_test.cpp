// Apache James notifications and fml error notices: testdata/decode/{apachejames,fml}/.
#include <gtest/gtest.h>

#include "decode/mta_unix_support.hpp"
#include "decode/stated_status.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(ApacheJames, NotificationNamesTheEnvelopeRecipient) {
  for (auto convert : {+[](std::string_view s) { return std::string(s); }, to_crlf, to_cr}) {
    Result r = decode_file_converted("apachejames/notify.eml", convert);
    ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
    ASSERT_EQ(recipients_of(r), std::vector<std::string>{"5550100@sms.example.com"}) << dump(r);
    expect_decoded_by(r, "apachejames");
    EXPECT_EQ(r.records[0].reply_code, "550");
    EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "");
    EXPECT_TRUE(has(r.records[0].diagnostic, "mailbox unavailable"));
  }
}

TEST(ApacheJames, BounceWithTwoFailedRecipients) {
  Result r = decode_file("apachejames/bounce_two.eml");
  ASSERT_EQ(recipients_of(r), (std::vector<std::string>{"wendy@example.net", "xavier@example.net"}))
      << dump(r);
  expect_decoded_by(r, "apachejames");
  for (const Record& rec : r.records) {
    EXPECT_EQ(bouncekit::decode::test::stated_status(rec.status), "5.1.1");
    EXPECT_EQ(rec.reply_code, "550");
  }
}

TEST(Fml, LoopAlertNamesTheList) {
  Result r = decode_file("fml/loop_alert.eml");
  // Addresses of the quoted original (yoko@, kazu@) are not the notice's.
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"garden@lists.example.jp"}) << dump(r);
  expect_decoded_by(r, "fml");
  EXPECT_TRUE(has(r.records[0].diagnostic, "Duplicated Message-ID"));
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "");
}

TEST(Fml, NotMemberArticle) {
  Result r = decode_file("fml/not_member.eml");
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"zack@example.net"}) << dump(r);
  expect_decoded_by(r, "fml");
}

TEST(Fml, OrdinaryListMailIsNotClaimed) {
  Result r = decode_text(
      "From: yoko@example.com\nTo: garden@lists.example.jp\nSubject: (garden 00123) tulips\n"
      "X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]\n\nThe tulips are out. <yoko@example.com>\n");
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

}  // namespace
