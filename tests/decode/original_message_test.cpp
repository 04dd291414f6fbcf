// Where a plain-text notice hands over to the returned message, and the
// returned message's header block written inline.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "decode/original_message.hpp"

namespace {

using namespace bouncekit::decode;
constexpr auto npos = std::string_view::npos;

TEST(ReturnedMessageMarker, DecoratedAndPlainAnnouncements) {
  for (std::string_view line : {"----- Original message -----", "--- Below this line is a copy of the message.",
                                "------ This is a copy of the message, including all the headers. ------",
                                "    Below is a copy of the original message:", "Message headers follow.",
                                "   ----- Unsent message follows -----", "***** Original mail as follows: *****"}) {
    std::string text = "Delivery failed.\n\n" + std::string(line) + "\nFrom: a@example.org\n";
    EXPECT_EQ(find_returned_message_marker(text), text.find(line)) << line;
  }
}

TEST(ReturnedMessageMarker, StatementsAreNotAnnouncements) {
  for (std::string_view text : {"The original message was received at Thu, 29 Apr 2021 10:00:00 +0000\n",
                                "Original message ID: <abc@example.org>\n",
                                "This is a copy of the message sent to b@example.org\n", "Original messages: 3 of 4\n"})
    EXPECT_EQ(find_returned_message_marker(text), npos) << text;
}

TEST(ReturnedMessageMarker, SearchStartsAtALineBoundary) {
  std::string text = "----- Original message -----\nnotice\n----- Original message -----\n";
  EXPECT_EQ(find_returned_message_marker(text, 3), text.find("notice\n") + 7);
}

TEST(InlineHeaders, BlockOfThreeFieldsWithFoldedLines) {
  std::string text =
      "Your mail failed.\n\n"
      "Received: from a.example.org\n"
      "\tby b.example.org; Mon, 1 Jul 2024 10:00:00 +0000\n"
      "From: Ann <ann@example.org>\n"
      "Subject: Plans\n"
      "\n"
      "body\n";
  auto block = find_inline_headers(text);
  ASSERT_TRUE(block.has_value());
  EXPECT_EQ(block->begin, text.find("Received:"));
  EXPECT_EQ(block->end, text.find("\nbody") );
  ASSERT_EQ(block->fields.size(), 3u);
  EXPECT_EQ(block->fields[1].name, "From");
}

TEST(InlineHeaders, TwoIdentifyingFieldsSufficeRightAfterAMarker) {
  std::string text = "-------original mail info\nFrom: ann@example.org\nSubject: Plans\n";
  auto block = find_inline_headers(text);
  ASSERT_TRUE(block.has_value());
  EXPECT_EQ(block->begin, text.find("From:"));
  EXPECT_FALSE(find_inline_headers("Some words.\nFrom: ann@example.org\nSubject: Plans\n").has_value());
}

TEST(InlineHeaders, IndentedEchoesAndReportFieldsAreNotABlock) {
  // A notice that echoes the original's headers indented, and DSN-style fields.
  EXPECT_FALSE(find_inline_headers("Your message\n  To: b@example.org\n  Subject: Plans\n  Sent: today\n"
                                   "did not reach the following recipient(s):\n")
                   .has_value());
  EXPECT_FALSE(find_inline_headers("Reporting-MTA: dns; mx.example.org\nFinal-Recipient: rfc822; b@example.org\n"
                                   "Action: failed\nStatus: 5.1.1\n")
                   .has_value());
}

}  // namespace
