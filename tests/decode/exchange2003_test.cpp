// Microsoft Exchange 5.5 - 2003 notices ("did not reach the following recipient(s)", MSEXCH codes).
#include <gtest/gtest.h>

#include "decode/providers_support.hpp"

namespace {

using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(Exchange2003, TwoRecipientsWithoutTheMtsId) {
  expect_bounce("exchange2003/two_recipients.eml", "exchange2003",
                {{"tanaka@example.com", "", "", {"recipient name is not recognized", "(000C05A6) Unknown Recipient"}},
                 {"suzuki@example.com", "", "", {"MSEXCH:IMS"}}});
  Result r = decode_file("exchange2003/two_recipients.eml");
  for (const auto& record : r.records) EXPECT_EQ(record.diagnostic.find("MTS-ID"), std::string::npos);
}

TEST(Exchange2003, InternetMailConnector) {
  expect_bounce("exchange2003/connector.eml", "exchange2003",
                {{"sora@example.net", "", "", {"Mailbox over storage limit", "MSEXCH:IMC"}}});
}

TEST(Exchange2003, DamagedNoMimeHeaderCrOnly) {
  expect_bounce("exchange2003/damaged.eml", "exchange2003", {{"umi@example.org", "", "", {"Unknown Recipient"}}});
}

TEST(Exchange2003, LineEndsDoNotMatter) { expect_same_with_other_line_ends("exchange2003/two_recipients.eml"); }

}  // namespace
