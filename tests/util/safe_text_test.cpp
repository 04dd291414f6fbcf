// Text shown to people: control and bidirectional-control characters never pass raw.
#include <gtest/gtest.h>

#include "util/safe_text.hpp"

namespace {

using bouncekit::util::escape_unsafe;
using bouncekit::util::has_unsafe_text;
using bouncekit::util::replace_unsafe;

TEST(SafeText, PlainAndUtf8TextPassUnchanged) {
  EXPECT_FALSE(has_unsafe_text("user@example.org 550 5.1.1"));
  EXPECT_FALSE(has_unsafe_text("jos\xC3\xA9@\xE4\xBE\x8B\xE3\x81\x88.jp"));
  EXPECT_EQ(replace_unsafe("jos\xC3\xA9"), "jos\xC3\xA9");
  EXPECT_EQ(escape_unsafe("a\\b"), "a\\b");
}

TEST(SafeText, C0C1DelAndBidiControlsAreFound) {
  for (const char* s : {"\x1b[31m", "a\x07", "\x7f", "\xC2\x9B", "\xC2\x85", "\xE2\x80\xAA", "\xE2\x80\xAE",
                        "\xE2\x81\xA6", "\xE2\x81\xA9", "\xE2\x80\x8F", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"})
    EXPECT_TRUE(has_unsafe_text(s)) << escape_unsafe(s);
}

TEST(SafeText, LegacyCharsetBytesPassTheControlCheckButC1BytesDoNot) {
  using bouncekit::util::has_control_characters;
  EXPECT_FALSE(has_control_characters("j\xFCrgen@m\xFCnchen.example"));  // ISO 8859-1
  EXPECT_FALSE(has_control_characters("j\xC3\xBCrgen"));
  EXPECT_TRUE(has_control_characters("a\x9B" "b"));
  EXPECT_TRUE(has_control_characters("a\xC2\x9B" "b"));
  EXPECT_TRUE(has_control_characters("a\x1b"));
  EXPECT_TRUE(has_control_characters("a\xE2\x80\xAE"));
}

TEST(SafeText, ReplacedForFilesAndEscapedForLogs) {
  EXPECT_EQ(replace_unsafe("a\tb\r\nc"), "a b  c");
  EXPECT_EQ(replace_unsafe("\x1b]0;PWNED\x07"), "\xEF\xBF\xBD]0;PWNED\xEF\xBF\xBD");
  EXPECT_EQ(replace_unsafe("x\xE2\x80\xAEy"), "x\xEF\xBF\xBDy");
  EXPECT_EQ(escape_unsafe("box\x1b[2J.mbox"), "box\\x1B[2J.mbox");
  EXPECT_EQ(escape_unsafe("\xC2\x9B" "x"), "\\u{009B}x");
  EXPECT_EQ(escape_unsafe("\xE2\x80\xAE"), "\\u{202E}");
  EXPECT_EQ(escape_unsafe("\xFF"), "\\xFF");
}

}  // namespace
