// Zoho Mail's notices ("ERROR_CODE :" fields, bracketed delay records).
#include <gtest/gtest.h>

#include "decode/providers_support.hpp"

namespace {

using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(Zoho, OneLinePerRecipient) {
  expect_bounce("zoho/two_recipients.eml", "zoho",
                {{"kaori@example.net", "5.1.1", "550", {"Unknown user"}},
                 {"naoki@example.net", "5.2.2", "552", {"Quota exceeded"}}});
}

TEST(Zoho, DelayRecord) {
  expect_bounce("zoho/delayed.eml", "zoho",
                {{"satoshi@example.org", "", "421", {"Connection refused by host"}, "delayed"}});
}

TEST(Zoho, DamagedQuotedPrintableRewrappedTruncated) {
  expect_bounce("zoho/damaged.eml", "zoho", {{"yuki@example.com", "5.7.1", "550", {"Relaying denied"}}});
}

TEST(Zoho, LineEndsDoNotMatter) { expect_same_with_other_line_ends("zoho/two_recipients.eml"); }

}  // namespace
