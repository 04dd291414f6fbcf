// The text summary and its aligned tables.
#include <gtest/gtest.h>

#include <sstream>

#include "bouncekit/report_files.hpp"
#include "report/sample_summary.hpp"
#include "report/text_table.hpp"

namespace rp = bouncekit::report;

TEST(TextTable, AlignsTextLeftAndNumbersRight) {
  rp::TextTable t({{"name", rp::TextTable::Align::left}, {"n", rp::TextTable::Align::right}});
  t.add_row({"example.com", "5"});
  t.add_row({"b", "1234"});
  std::ostringstream out;
  t.write(out);
  EXPECT_EQ(out.str(),
            "  name            n\n"
            "  example.com     5\n"
            "  b            1234\n");
}

TEST(TextTable, CountsUtf8CodePointsAndClipsLongCells) {
  rp::TextTable t({{"a", rp::TextTable::Align::left}, {"b", rp::TextTable::Align::left}});
  t.add_row({"caf\xC3\xA9", "x"});
  t.add_row({std::string(100, 'w'), "y"});
  t.add_row({"tab\there\nnewline", "z"});
  std::ostringstream out;
  t.write(out, 0);
  std::istringstream lines(out.str());
  std::string header, row1, row2, row3;
  std::getline(lines, header);
  std::getline(lines, row1);
  std::getline(lines, row2);
  std::getline(lines, row3);
  EXPECT_EQ(row1, "caf\xC3\xA9" + std::string(36, ' ') + "  x");
  EXPECT_EQ(row2, std::string(39, 'w') + "\xE2\x80\xA6  y");
  EXPECT_EQ(row3, "tab here newline" + std::string(24, ' ') + "  z");  // control characters cannot break lines
  EXPECT_EQ(rp::display_width("caf\xC3\xA9"), 4u);
}

// Issue 18: columns by display width, not code points: a CJK character takes two columns.
TEST(TextTable, WideCharactersTakeTwoColumnsAndKeepColumnsAligned) {
  const std::string tatoe = "\xE4\xBE\x8B\xE3\x81\x88.jp";  // 例え.jp: 2 + 2 + 3 columns
  EXPECT_EQ(rp::display_width(tatoe), 7u);
  EXPECT_EQ(rp::display_width("e\xCC\x81"), 1u);  // e + combining acute accent
  rp::TextTable t({{"domain", rp::TextTable::Align::left}, {"n", rp::TextTable::Align::right}});
  t.add_row({tatoe, "12"});
  t.add_row({"example.com", "3"});
  std::ostringstream out;
  t.write(out, 0);
  EXPECT_EQ(out.str(),
            "domain        n\n" +
            tatoe + "      12\n"  // 7 columns, padded to 11, two spaces, "12"
            "example.com   3\n");
}

TEST(TextTable, WideCellsAreClippedByColumnsNotCodePoints) {
  std::string wide;
  for (int i = 0; i < 30; ++i) wide += "\xE4\xBE\x8B";  // 30 wide characters, 60 columns
  rp::TextTable t({{"a", rp::TextTable::Align::left}});
  t.add_row({wide});
  std::ostringstream out;
  t.write(out, 0);
  std::string row = out.str().substr(out.str().find('\n') + 1);
  row.pop_back();  // the line end
  // 40 columns at most: 19 wide characters (38) and "…" (1); a 20th would pass the limit.
  EXPECT_EQ(rp::display_width(row), 39u) << row;
  EXPECT_TRUE(row.ends_with("\xE2\x80\xA6")) << row;
}

TEST(DisplayWidth, FallbackTableAgreesWithLibcOnCommonCharacters) {
  for (char32_t c : {U'\u4F8B', U'\u3048', U'\uAC00', U'\uFF21', U'\u00E9', U'\u0301', U'\u0416'})
    EXPECT_EQ(rp::code_point_width(c, false), rp::code_point_width(c, true)) << static_cast<unsigned>(c);
}

// Issue 17: U+009B (C1 CSI) and U+202E (right-to-left override) passed into the text summary.
TEST(TextTable, TerminalAndBidiControlsAreReplaced) {
  rp::TextTable t({{"domain", rp::TextTable::Align::left}});
  t.add_row({"ex\x1B[2Jample.org"});
  t.add_row({"a\xC2\x9B" "31mb.example"});
  t.add_row({"x\xE2\x80\xAEgro.elpmaxe"});
  std::ostringstream out;
  t.write(out, 0);
  const std::string text = out.str();
  EXPECT_EQ(text.find('\x1B'), std::string::npos) << text;
  EXPECT_EQ(text.find("\xC2\x9B"), std::string::npos) << text;
  EXPECT_EQ(text.find("\xE2\x80\xAE"), std::string::npos) << text;
  EXPECT_NE(text.find("ex\xEF\xBF\xBD[2Jample.org"), std::string::npos) << text;
}

TEST(SummaryText, TotalsAndTables) {
  std::ostringstream out;
  rp::write_summary_text(out, bouncekit::test::sample_summary());
  const std::string text = out.str();
  EXPECT_NE(text.find("window: since 2026-11-15T00:00:00Z"), std::string::npos);
  EXPECT_NE(text.find("This run: read 12 messages (10 new, 2 already counted): 9 bounces, 2 non-bounces, 1 "
                      "undecodable; 11 records"),
            std::string::npos);
  EXPECT_NE(text.find("Window: 30 messages, 34 records (20 hard, 14 soft), 31 recipients, 21 suppressed"),
            std::string::npos);
  EXPECT_NE(text.find("  domain       messages  records  hard  soft  suppressed  top reason   sender must act\n"
                      "  example.com        25       28    18    10          19  userunknown  yes\n"
                      "  example.org         5        6     2     4           2  blocked\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  userunknown       20  58.8%\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Providers\n  provider"), std::string::npos);
}

TEST(SummaryText, EmptyWindowSaysSoWithoutTables) {
  std::ostringstream out;
  rp::write_summary_text(out, {});
  EXPECT_NE(out.str().find("window: all history"), std::string::npos);
  EXPECT_NE(out.str().find("Window: 0 messages, 0 records"), std::string::npos);
  EXPECT_EQ(out.str().find("Top domains"), std::string::npos);
}
