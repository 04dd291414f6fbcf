// OpenSMTPD notices, plain and with a delivery-status part: testdata/decode/opensmtpd/.
#include <gtest/gtest.h>

#include "decode/mta_unix_support.hpp"
#include "decode/stated_status.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(OpenSmtpd, TwoRecipientsInOrder) {
  Result r = decode_file("opensmtpd/two_errors.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  // vera@example.org is only named in the returned copy.
  ASSERT_EQ(recipients_of(r), (std::vector<std::string>{"rui@example.org", "tiago@example.com"})) << dump(r);
  expect_decoded_by(r, "opensmtpd");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.1.1");
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_TRUE(has(r.records[0].diagnostic, "unknown mailbox"));
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[1].status), "5.2.2");
  EXPECT_EQ(r.records[1].reply_code, "552");
  EXPECT_EQ(r.records[1].action, "failed");
}

TEST(OpenSmtpd, DelayNotice) {
  Result r = decode_file("opensmtpd/delayed.eml");
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"riku@slow.example.net"}) << dump(r);
  expect_decoded_by(r, "opensmtpd");
  EXPECT_EQ(r.records[0].action, "delayed");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "");
  EXPECT_EQ(r.records[0].diagnostic, "Network error on destination MXs");
}

TEST(OpenSmtpd, DeliveryStatusPartCompletedByTheWrappedTextLine) {
  for (auto convert : {+[](std::string_view s) { return std::string(s); }, to_crlf, to_cr}) {
    Result r = decode_file_converted("opensmtpd/with_dsn.eml", convert);
    ASSERT_EQ(recipients_of(r), std::vector<std::string>{"bruno@example.net"}) << dump(r);
    expect_decoded_by(r, "opensmtpd");
    EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.7.1");  // the remote's code beats the report's 5.0.0
    EXPECT_EQ(r.records[0].reply_code, "550");
    EXPECT_EQ(r.records[0].reporting_mta, "mx.example.org");
    EXPECT_TRUE(has(r.records[0].diagnostic, "message refused by local policy")) << r.records[0].diagnostic;
    EXPECT_EQ(r.records[0].message_id, "<contract-7@mx.example.org>");
  }
}

}  // namespace
