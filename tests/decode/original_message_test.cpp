// Where a plain-text notice hands over to the returned message, and the
// returned message's header block written inline.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "bouncekit/mime.hpp"
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

TEST(InlineOriginal, ReadsTheBlockAfterTheNotice) {
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\n"
      "Subject: failure notice\n\n"
      "Your message to <ann@example.org> could not be delivered.\n\n"
      "--- Below this line is a copy of the message.\n\n"
      "Return-Path: <bo@example.net>\n"
      "From: Bo <bo@example.net>\n"
      "To: Ann <ann@example.org>\n"
      "Subject: =?UTF-8?Q?Caf=C3=A9?= plans\n"
      "Date: Mon, 01 Jul 2024 12:00:00 +0200\n"
      "Message-ID: <plans-1@example.net>\n"
      "X-Campaign: summer\n\n"
      "See you.\n";
  bouncekit::mime::Message m = bouncekit::mime::parse(mail);
  OriginalMessage o = find_inline_original_message(m.root, mail, {"X-Campaign"});
  ASSERT_TRUE(o.found);
  EXPECT_EQ(o.message_id, "<plans-1@example.net>");
  EXPECT_EQ(o.from, "bo@example.net");
  EXPECT_EQ(o.to, "ann@example.org");
  EXPECT_EQ(o.subject, "Caf\xC3\xA9 plans");
  EXPECT_EQ(o.date, "2024-07-01T10:00:00Z");
  ASSERT_EQ(o.extra.size(), 1u);
  EXPECT_EQ(o.extra[0].second, "summer");
}

TEST(InlineOriginal, NothingWithoutABlock) {
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\n"
      "Subject: failure notice\n\n"
      "Your message\n  Subject: Plans\n  To: ann@example.org\n  Sent: Monday\nwas not delivered.\n";
  bouncekit::mime::Message m = bouncekit::mime::parse(mail);
  EXPECT_FALSE(find_inline_original_message(m.root, mail, {}).found);
}

TEST(InlineOriginal, PartWithoutHeadersIsSkipped) {
  // What a misparsed multipart leaves: a header-less sub-part whose text may still be encoded.
  bouncekit::mime::Part root;
  root.content_type = bouncekit::mime::parse_content_type("multipart/mixed; boundary=x");
  bouncekit::mime::Part child;
  child.raw_body = "From: a@example.org\nTo: b@example.org\nSubject: =3D?utf-8?Q?x?=3D\n";
  root.children.push_back(child);
  EXPECT_FALSE(find_inline_original_message(root, "", {}).found);
  root.children[0].fields.push_back({"Content-Type", "text/plain"});
  EXPECT_TRUE(find_inline_original_message(root, "", {}).found);
}

TEST(InlineOriginal, MultipartWithoutPartsIsReadFromTheRawText) {
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"gone\"\n\n"
      "Final-Recipient: rfc822; ann@example.org\nStatus: 5.1.1\n\n"
      "From: bo@example.net\nTo: ann@example.org\nSubject: Plans\nMessage-ID: <p@example.net>\n";
  bouncekit::mime::Message m = bouncekit::mime::parse(mail);
  OriginalMessage o = find_inline_original_message(m.root, mail, {});
  ASSERT_TRUE(o.found);
  EXPECT_EQ(o.message_id, "<p@example.net>");
}

}  // namespace
