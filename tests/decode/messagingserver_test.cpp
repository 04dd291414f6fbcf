// Sun / Oracle Messaging Server reports: testdata/decode/messagingserver/.
#include <gtest/gtest.h>

#include "decode/mta_unix_support.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(MessagingServer, DsnWithARoutedFinalRecipient) {
  Result r = decode_file("messagingserver/dsn.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  // The internal route is not the address the sender used: the Original-Recipient is.
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"store-user@example.com"}) << dump(r);
  expect_decoded_by(r, "messagingserver");
  EXPECT_EQ(r.records[0].status, "4.2.2");
  EXPECT_EQ(r.records[0].reply_code, "452");
  EXPECT_EQ(r.records[0].message_id, "<q-77@example.net>");
}

TEST(MessagingServer, TwoRecipientsFromTheTextWhenTheBoundariesAreLost) {
  for (auto convert : {+[](std::string_view s) { return std::string(s); }, to_crlf, to_cr}) {
    Result r = decode_file_converted("messagingserver/boundaries_lost.eml", convert);
    ASSERT_EQ(recipients_of(r), (std::vector<std::string>{"simon@example.org", "tess@example.org"}))
        << dump(r);
    expect_decoded_by(r, "messagingserver");
    EXPECT_EQ(r.records[0].status, "5.1.1");
    EXPECT_EQ(r.records[0].reply_code, "550");
    EXPECT_EQ(r.records[0].remote_mta, "mail.example.org");
    EXPECT_EQ(r.records[1].status, "5.2.1");
    EXPECT_TRUE(has(r.records[1].diagnostic, "mailbox disabled"));
  }
}

}  // namespace
