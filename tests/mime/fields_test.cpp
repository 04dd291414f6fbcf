#include <gtest/gtest.h>

#include <string>

#include "bouncekit/mime.hpp"

namespace bouncekit::mime {
namespace {

TEST(ParseFields, SimpleFieldsKeepNamesAsWritten) {
  const auto f = parse_fields("Reporting-MTA: dns; mx.example.org\nAction: failed\nstatus:5.1.1\n");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].name, "Reporting-MTA");
  EXPECT_EQ(f[0].value, "dns; mx.example.org");
  EXPECT_EQ(f[1].name, "Action");
  EXPECT_EQ(f[1].value, "failed");
  EXPECT_EQ(f[2].name, "status");
  EXPECT_EQ(f[2].value, "5.1.1");
}

TEST(ParseFields, FoldedLinesAreUnfoldedWithOneSpace) {
  const auto f = parse_fields(
      "Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.net>:\n"
      "    Recipient address rejected:\n"
      "\t\t User unknown in local table\n"
      "Action: failed\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].value,
            "smtp; 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in local table");
  EXPECT_EQ(f[1].value, "failed");
}

TEST(ParseFields, EmptyFirstLineValueThenContinuation) {
  const auto f = parse_fields("Subject:\n  hello there  \n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].value, "hello there");
}

TEST(ParseFields, CarriageReturnsAreStripped) {
  const auto f = parse_fields("A: one\r\n two\r\r\nB: three\r\n\r\nC: after\r\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].value, "one two");
  EXPECT_EQ(f[1].value, "three");
}

TEST(ParseFields, StopsAtFirstBlankLine) {
  const auto f = parse_fields("A: 1\nB: 2\n\nC: 3\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[1].name, "B");
}

TEST(ParseFields, WhiteSpaceOnlyLineIsBlank) {
  const auto f = parse_fields("A: 1\n \t \nC: 3\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].value, "1");
}

TEST(ParseFields, LeadingBlankLinesAreSkipped) {
  const auto f = parse_fields("\n\r\nA: 1\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].name, "A");
}

TEST(ParseFields, GarbageLinesAndTheirContinuationsAreSkipped) {
  const auto f = parse_fields(
      "  orphan continuation\n"
      "A: 1\n"
      "this line is not a field\n"
      "  nor is its continuation\n"
      "From someone@example.com Mon Jan  5 10:00:00 2009\n"
      ": no name\n"
      "B\xE9: eight-bit name\n"
      "B: 2\n"
      " more\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].name, "A");
  EXPECT_EQ(f[0].value, "1");
  EXPECT_EQ(f[1].name, "B");
  EXPECT_EQ(f[1].value, "2 more");
}

TEST(ParseFields, SpaceBeforeColonIsTolerated) {
  const auto f = parse_fields("Final-Recipient : rfc822; a@example.com\nX-Empty:\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].name, "Final-Recipient");
  EXPECT_EQ(f[0].value, "rfc822; a@example.com");
  EXPECT_EQ(f[1].name, "X-Empty");
  EXPECT_EQ(f[1].value, "");
}

TEST(ParseFields, ValueKeepsColonsAndInnerSpacing) {
  const auto f = parse_fields("Arrival-Date: Mon, 5 Jan 2009 10:00:00  +0100");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].value, "Mon, 5 Jan 2009 10:00:00  +0100");
}

TEST(ParseFields, EmptyInput) {
  EXPECT_TRUE(parse_fields("").empty());
  EXPECT_TRUE(parse_fields("\n\n").empty());
}

TEST(ParseFields, ManyContinuationsStayLinear) {
  std::string block = "X-Long: start\n";
  for (int i = 0; i < 200000; ++i) block += " w\n";
  const auto f = parse_fields(block);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].value.size(), std::string("start").size() + 200000u * 2u);
}

}  // namespace
}  // namespace bouncekit::mime
