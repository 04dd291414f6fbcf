// The recipient-paragraph scanner the plain-text decoders share (decode/plain_text.hpp), and the
// records-per-message limit (docs/limits.md) it applies while it reads.
#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "decode/plain_text.hpp"

namespace bouncekit::decode::test {
namespace {

std::string angle_opening(std::string_view line, std::string_view& rest) {
  if (line.empty() || line.front() != '<') return {};
  std::size_t close = line.find(">:");
  if (close == std::string_view::npos) return {};
  rest = line.substr(close + 2);
  return std::string(line.substr(1, close - 1));
}

constexpr ParagraphFormat kAnyLine{.opening = angle_opening};

TEST(RecipientParagraphs, StopsAtTheLimitAndOnlyCountsTheRest) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "<r" + std::to_string(i) + "@example.org>: first\n  second\n\n";
  std::size_t left_out = 0;
  RecipientParagraphs paragraphs(text, kAnyLine, 3, left_out);
  std::vector<Paragraph> got;
  while (std::optional<Paragraph> p = paragraphs.next()) got.push_back(std::move(*p));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[2].address, "r2@example.org");
  EXPECT_EQ(got[2].diagnostic, "first second");
  EXPECT_EQ(left_out, 997u);
}

TEST(RecipientParagraphs, BoundsTheDiagnosticItCollects) {
  std::string text = "<big@example.org>: 550 start\n";
  for (int i = 0; i < 20000; ++i) text += "  a continuation line of forty-odd bytes\n";
  text += "\n<small@example.org>: 550 next\n";
  std::size_t left_out = 0;
  RecipientParagraphs paragraphs(text, kAnyLine, 10, left_out);
  std::optional<Paragraph> big = paragraphs.next();
  ASSERT_TRUE(big);
  EXPECT_EQ(big->diagnostic.size(), kMaxParagraphBytes);
  EXPECT_TRUE(big->diagnostic.starts_with("550 start a continuation"));
  std::optional<Paragraph> small = paragraphs.next();
  ASSERT_TRUE(small);
  EXPECT_EQ(small->diagnostic, "550 next");
  EXPECT_EQ(paragraphs.truncated(), 1u);
  EXPECT_FALSE(paragraphs.next());
  EXPECT_EQ(left_out, 0u);
}

TEST(RecipientParagraphs, IndentedLayoutEndsAParagraphAtAnUnindentedLine) {
  constexpr ParagraphFormat kIndented{.opening = angle_opening,
                                      .continues = ParagraphFormat::Continues::indented};
  std::string text =
      "<a@example.org>: 550 one\n    wrapped\nnot part of it\n    nor this\n<b@example.org>: 451 two\n   \n"
      "    still two\n";
  std::size_t left_out = 0;
  RecipientParagraphs paragraphs(text, kIndented, 10, left_out);
  std::optional<Paragraph> a = paragraphs.next();
  std::optional<Paragraph> b = paragraphs.next();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->diagnostic, "550 one wrapped");
  EXPECT_EQ(b->diagnostic, "451 two still two");  // a line of blanks is indented, not a break
  EXPECT_FALSE(paragraphs.next());
}

constexpr std::string_view kEnds[] = {"-- end"};
constexpr std::string_view kBreaks[] = {"Sent on:"};

TEST(RecipientParagraphs, BlankLinesAndMarkersEndWhatTheFormatSays) {
  constexpr ParagraphFormat kList{.opening = angle_opening,
                                  .rest_in_diagnostic = false,
                                  .blank = ParagraphFormat::Blank::ends_list,
                                  .paragraph_ends = kBreaks,
                                  .list_ends = kEnds,
                                  .opening_first = true};
  std::size_t left_out = 0;
  {
    // The list ends at the first blank line after a paragraph.
    RecipientParagraphs p("\n<a@example.org>: label\nwhy a\nSent on: today\nignored\n<b@example.org>: x\nwhy b\n\n"
                          "<c@example.org>: x\nwhy c\n",
                          kList, 10, left_out);
    std::optional<Paragraph> a = p.next();
    std::optional<Paragraph> b = p.next();
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->diagnostic, "why a");
    EXPECT_EQ(a->rest, "label");
    EXPECT_EQ(b->diagnostic, "why b");
    EXPECT_FALSE(p.next());
  }
  {
    // Words before the first opening: not this layout.
    RecipientParagraphs p("some prose\n<a@example.org>: x\nwhy\n", kList, 10, left_out);
    EXPECT_FALSE(p.next());
  }
  {
    // An end marker ends the list, inside a paragraph too.
    RecipientParagraphs p("<a@example.org>: x\nwhy\n-- end of list\nmore\n<b@example.org>: x\n", kList, 10, left_out);
    std::optional<Paragraph> a = p.next();
    ASSERT_TRUE(a);
    EXPECT_EQ(a->diagnostic, "why");
    EXPECT_FALSE(p.next());
  }
  EXPECT_EQ(left_out, 0u);
}

// One text given to many recipients (a notice's single reason) is copied into each record: a
// record holds a bounded part of it, whatever the text's length.
TEST(TextRecord, KeepsABoundedPartOfALongDiagnostic) {
  std::string text = "550 5.1.1";
  for (int i = 0; i < 100000; ++i) text += "  word\n";
  Record r = text_record("<who@example.org>", text);
  EXPECT_EQ(r.recipient, "who@example.org");
  EXPECT_EQ(r.diagnostic.size(), kMaxDiagnosticKeptBytes);
  EXPECT_TRUE(r.diagnostic.starts_with("550 5.1.1 word word"));
  EXPECT_EQ(r.status, "5.1.1");
  EXPECT_EQ(text_record("who@example.org", " 451  try\n later ").diagnostic, "451 try later");
}

}  // namespace
}  // namespace bouncekit::decode::test
