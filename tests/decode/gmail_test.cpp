// Gmail's plain-text notices ("Delivery to the following recipient failed permanently").
#include <gtest/gtest.h>

#include "decode/providers_support.hpp"

namespace {

using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(Gmail, PermanentFailureQuotesTheRemoteServer) {
  expect_bounce("gmail/permanent.eml", "gmail",
                {{"taro@example.org", "5.1.1", "550", {"550 5.1.1", "no such mailbox"}}});
  Result r = decode_file("gmail/permanent.eml");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].remote_mta, "mx1.example.org");
  EXPECT_EQ(r.records[0].diagnostic.find("Google tried"), std::string::npos);
}

TEST(Gmail, SeveralRecipientsShareTheDetails) {
  expect_bounce("gmail/multiple.eml", "gmail",
                {{"jiro@example.jp", "5.2.3", "552", {"exceeds the fixed limit"}, "failed", "DATA"},
                 {"saburo@example.jp", "5.2.3", "552", {"exceeds the fixed limit"}, "failed", "DATA"}});
}

// Each "Delivery to the following recipient..." section has its own recipients and details: the
// second section's recipient is not lost in the first one's details (it was, with its words).
TEST(Gmail, EachSectionKeepsItsOwnRecipientsAndDetails) {
  expect_bounce("gmail/sections.eml", "gmail",
                {{"rokuro@example.org", "5.1.1", "550", {"mailbox not known here"}},
                 {"nanami@example.net", "4.2.2", "452", {"storage allowance"}, "delayed", "RCPT"}});
  Result r = decode_file("gmail/sections.eml");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].remote_mta, "mx2.example.org");
  EXPECT_EQ(r.records[0].diagnostic.find("storage allowance"), std::string::npos) << r.records[0].diagnostic;
  EXPECT_EQ(r.records[1].remote_mta, "mx.example.net");
}

TEST(Gmail, DelayIsReportedAsDelayed) {
  expect_bounce("gmail/delayed.eml", "gmail",
                {{"shiro@example.net", "4.2.2", "452", {"Over quota"}, "delayed", "RCPT"}});
}

TEST(Gmail, DamagedCrlfQuotedPrintableAndTruncated) {
  expect_bounce("gmail/damaged.eml", "gmail",
                {{"goro@example.com", "5.7.1", "554", {"blocked using a list"}}});
}

TEST(Gmail, LineEndsDoNotMatter) { expect_same_with_other_line_ends("gmail/permanent.eml"); }

}  // namespace
