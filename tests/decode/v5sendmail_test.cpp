// Sendmail V5 plain-text notices (session transcript only): testdata/decode/v5sendmail/.
#include <gtest/gtest.h>

#include "decode/mta_unix_support.hpp"
#include "decode/stated_status.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(V5Sendmail, UserUnknownWithTheRemoteReply) {
  Result r = decode_file("v5sendmail/user_unknown.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  // kaori@example.org is only in the unsent copy.
  ASSERT_EQ(recipients_of(r), std::vector<std::string>{"satoshi@example.org"}) << dump(r);
  expect_decoded_by(r, "v5sendmail");
  const Record& rec = r.records[0];
  EXPECT_EQ(rec.reply_code, "550");
  EXPECT_EQ(bouncekit::decode::test::stated_status(rec.status), "");  // V5 knows no enhanced status codes
  EXPECT_EQ(rec.smtp_command, "RCPT");
  EXPECT_EQ(rec.remote_mta, "mail.example.org");
  EXPECT_TRUE(has(rec.diagnostic, "unknown local user")) << rec.diagnostic;
}

TEST(V5Sendmail, SeveralRecipientsAndHostLines) {
  Result r = decode_file("v5sendmail/several.eml");
  // The deferred host line names no recipient: no record for it.
  ASSERT_EQ(recipients_of(r),
            (std::vector<std::string>{"dora@lost.example.com", "prof.ames@example.edu", "emi@example.jp"}))
      << dump(r);
  expect_decoded_by(r, "v5sendmail");
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_TRUE(has(r.records[0].diagnostic, "Host unknown (Authoritative answer"));
  EXPECT_EQ(r.records[0].remote_mta, "");
  EXPECT_EQ(r.records[1].reply_code, "554");
  EXPECT_EQ(r.records[1].smtp_command, "DATA");
  EXPECT_TRUE(has(r.records[1].diagnostic, "too many hops")) << r.records[1].diagnostic;
  EXPECT_EQ(r.records[2].reply_code, "550");
  EXPECT_EQ(r.records[2].remote_mta, "mx.example.jp");
}

TEST(V5Sendmail, TruncatedAndWrappedWithCrlfAndCr) {
  for (auto convert : {+[](std::string_view s) { return std::string(s); }, to_crlf, to_cr}) {
    Result r = decode_file_converted("v5sendmail/truncated.eml", convert);
    ASSERT_EQ(recipients_of(r), std::vector<std::string>{"ghost@example.net"}) << dump(r);
    expect_decoded_by(r, "v5sendmail");
    EXPECT_EQ(r.records[0].reply_code, "550");
    EXPECT_TRUE(has(r.records[0].diagnostic, "mailbox unavailable")) << r.records[0].diagnostic;
  }
}

// Sendmail names only the host it could not reach; the one address of the unsent copy in that
// host's domain is the failed recipient (an address in the copy's body is not).
TEST(V5Sendmail, HostLevelFailureTakesTheOneRecipientOfThatDomain) {
  for (auto convert : {+[](std::string_view s) { return std::string(s); }, to_crlf, to_cr}) {
    Result r = decode_file_converted("v5sendmail/host_unreachable.eml", convert);
    ASSERT_EQ(recipients_of(r), std::vector<std::string>{"jiro@far.example.org"}) << dump(r);
    expect_decoded_by(r, "v5sendmail");
    EXPECT_EQ(r.records[0].reply_code, "421");
    EXPECT_EQ(r.records[0].remote_mta, "far.example.org");
    EXPECT_TRUE(has(r.records[0].diagnostic, "Connection timed out")) << r.records[0].diagnostic;
    EXPECT_EQ(r.records[0].reason, "expired");
    EXPECT_EQ(r.records[0].inferred_status, "4.0.947");  // inferred, temporary: the 421 says so
  }
}

TEST(V5Sendmail, HostLevelFailureWithoutOneSureRecipientYieldsNothing) {
  // Two recipients in the failed domain: the notice does not say which one (or both) failed.
  Result two = decode_file("v5sendmail/host_unreachable_two.eml");
  for (const Record& rec : two.records) EXPECT_NE(rec.decoded_by, "v5sendmail") << dump(two);
  EXPECT_TRUE(recipients_of(two).empty()) << dump(two);
  // The one recipient is in another domain than the host that failed.
  std::string text = bouncekit::test::read_file(decode_path("v5sendmail/host_unreachable.eml"));
  std::size_t at = text.find("To: jiro@far.example.org");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 24, "To: jiro@near.example.com");
  Result other = bouncekit::pipeline::decode_and_classify(raw_message(text));
  EXPECT_TRUE(recipients_of(other).empty()) << dump(other);
}

}  // namespace
