// Yahoo's "Failure Notice" ("<address>:" blocks, "Remote host said:", "550: ..." replies).
#include <gtest/gtest.h>

#include "decode/providers_support.hpp"

namespace {

using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(Yahoo, RemoteHostSaidOnSeveralLines) {
  expect_bounce("yahoo/mailbox_full.eml", "yahoo",
                {{"hiroshi@example.org", "5.2.2", "552", {"Mailbox over quota"}, "failed", "RCPT"}});
}

TEST(Yahoo, ColonAfterTheReplyCodeAndTwoRecipients) {
  expect_bounce("yahoo/two_recipients.eml", "yahoo",
                {{"ken@example.net", "5.1.1", "550", {"No such user"}},
                 {"mari@example.net", "5.1.8", "501", {"Sender domain must exist"}}});
}

TEST(Yahoo, DamagedRewrappedAndTruncated) {
  expect_bounce("yahoo/damaged.eml", "yahoo",
                {{"yumi@example.jp", "5.7.1", "554", {"rejected as spam"}, "failed", "DATA"}});
}

TEST(Yahoo, LineEndsDoNotMatter) { expect_same_with_other_line_ends("yahoo/two_recipients.eml"); }

}  // namespace
