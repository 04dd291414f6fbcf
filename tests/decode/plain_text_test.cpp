// Unit tests of the building blocks for plain-text bounce decoders.
#include <gtest/gtest.h>

#include <string>

#include "bouncekit/mime.hpp"
#include "decode/context.hpp"
#include "decode/plain_text.hpp"
#include "decode_support.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;

TEST(PlainText, AddressesInFindsBareBracketedAndQuoted) {
  auto found = addresses_in("<neko@example.jp>: host mx.example.jp said 'tora@Example.JP'. Also neko@example.jp");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], "neko@example.jp");
  EXPECT_EQ(found[1], "tora@example.jp");
}

TEST(PlainText, AddressesInIgnoresAtSignsThatAreNotAddresses) {
  EXPECT_TRUE(addresses_in("meet @ noon, user@localhost, @example.com").empty());
}

// Past a few addresses the duplicates are found through a set (the search through every address
// before was quadratic): the same answers, the first spelling kept, case ignored.
TEST(PlainText, AddressesInDropsDuplicatesOfAManyAddressLine) {
  std::string line;
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < 40; ++i) line += (round == 0 ? "<user" : "<USER") + std::to_string(i) + "@example.jp> ";
  auto found = addresses_in(line);
  ASSERT_EQ(found.size(), 40u);
  EXPECT_EQ(found[0], "user0@example.jp");
  EXPECT_EQ(found[39], "user39@example.jp");
}

TEST(PlainText, CutAtMarkerStopsAtTheFirstMarkerLine) {
  std::string_view text = "line one\n  --- Below this line is a copy\nFrom: a@b.example\n";
  EXPECT_EQ(cut_at_marker(text, {"--- below this line"}), "line one\n");
  EXPECT_EQ(cut_at_marker(text, {"nothing"}), text);
  EXPECT_EQ(find_line_starting(text, {"from:"}), text.find("From:"));
  EXPECT_EQ(find_line_starting(text, {"line"}, 1), std::string_view::npos);
}

TEST(PlainText, SplitLinesKeepsEmptyLines) {
  auto lines = split_lines("a\n\nb");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], "");
  EXPECT_EQ(lines[2], "b");
}

TEST(PlainText, TextRecordReadsCodesFromTheDiagnostic) {
  Record r = text_record("<Neko@Example.JP>", "  550 5.1.1 <neko@example.jp>:\n Recipient address rejected ");
  EXPECT_EQ(r.recipient, "Neko@example.jp");
  EXPECT_EQ(r.reply_code, "550");
  EXPECT_EQ(r.status, "5.1.1");
  EXPECT_EQ(r.action, "failed");
  EXPECT_EQ(r.diagnostic, "550 5.1.1 <neko@example.jp>: Recipient address rejected");
}

TEST(PlainText, BounceResultIsEmptyWithoutRecords) {
  EXPECT_FALSE(bounce_result({}).has_value());
  auto result = bounce_result({text_record("a@example.org", "550 no")});
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->kind, Kind::bounce);
}

TEST(PlainText, NoticeTextReducesHtmlAndHeaderTests) {
  std::string mail =
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
      "Subject: =?UTF-8?B?VW5kZWxpdmVyZWQ=?= Mail\n"
      "X-Mailer: ExampleMTA 1.0\n"
      "Content-Type: text/html; charset=utf-8\n\n"
      "<p>Delivery to <b>a@example.org</b> failed &amp; gave up.<br>550 No such user</p>\n";
  source::RawMessage raw = bouncekit::decode::test::raw_message(mail);
  mime::Message message = mime::parse(mail);
  DecodeOptions options;
  Context ctx{raw, mail, message, options};
  std::string text = notice_text(ctx);
  EXPECT_NE(text.find("Delivery to a@example.org failed & gave up.\n550 No such user"), std::string::npos) << text;
  EXPECT_TRUE(from_daemon(ctx));
  EXPECT_TRUE(subject_has(ctx, {"undelivered mail"}));
  EXPECT_FALSE(subject_has(ctx, {"vacation"}));
  EXPECT_TRUE(header_has(ctx, "x-mailer", "examplemta"));
  EXPECT_FALSE(header_has(ctx, "x-mailer", "other"));
  EXPECT_TRUE(body_has(ctx, {"nothing here", "NO SUCH USER"}));
  EXPECT_FALSE(body_has(ctx, {"examplemta"}));  // in the header, not the body
}

}  // namespace
