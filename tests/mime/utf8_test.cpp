#include <gtest/gtest.h>

#include <string>

#include "bouncekit/mime.hpp"
#include "utf8_validity.hpp"

namespace bouncekit::mime {
namespace {

TEST(SanitizeUtf8, ValidTextIsUnchanged) {
  const std::string s = "plain ASCII, caf\xC3\xA9, \xE2\x82\xAC, \xF0\x9F\x93\xA7, \xF4\x8F\xBF\xBF, \xEF\xBF\xBF";
  EXPECT_EQ(sanitize_utf8(s), s);
  EXPECT_EQ(sanitize_utf8(""), "");
}

TEST(SanitizeUtf8, Latin1BytesAreDecoded) {
  EXPECT_EQ(sanitize_utf8("caf\xE9"), "caf\xC3\xA9");
  EXPECT_EQ(sanitize_utf8("\xFF\x80"), "\xC3\xBF\xC2\x80");
}

TEST(SanitizeUtf8, OverlongFormsAreRejected) {
  EXPECT_EQ(sanitize_utf8("\xC0\xAF"), "\xC3\x80\xC2\xAF");              // overlong '/'
  EXPECT_EQ(sanitize_utf8("\xC1\xBF"), "\xC3\x81\xC2\xBF");
  EXPECT_EQ(sanitize_utf8("\xE0\x80\xAF"), "\xC3\xA0\xC2\x80\xC2\xAF");  // 3-byte overlong
  EXPECT_EQ(sanitize_utf8("\xF0\x80\x80\xAF"), "\xC3\xB0\xC2\x80\xC2\x80\xC2\xAF");
}

TEST(SanitizeUtf8, SurrogatesAndOutOfRangeAreRejected) {
  EXPECT_EQ(sanitize_utf8("\xED\xA0\x80"), "\xC3\xAD\xC2\xA0\xC2\x80");  // U+D800
  EXPECT_EQ(sanitize_utf8("\xED\x9F\xBF"), "\xED\x9F\xBF");              // U+D7FF is fine
  EXPECT_EQ(sanitize_utf8("\xF4\x90\x80\x80"), "\xC3\xB4\xC2\x90\xC2\x80\xC2\x80");  // U+110000
  EXPECT_EQ(sanitize_utf8("\xF5\x80\x80\x80"), "\xC3\xB5\xC2\x80\xC2\x80\xC2\x80");
}

TEST(SanitizeUtf8, TruncatedSequences) {
  EXPECT_EQ(sanitize_utf8("ab\xE2\x82"), "ab\xC3\xA2\xC2\x82");
  EXPECT_EQ(sanitize_utf8("\xE2\x82" "x\xE2\x82\xAC"), "\xC3\xA2\xC2\x82x\xE2\x82\xAC");
  EXPECT_EQ(sanitize_utf8("\xF0\x9F\x93"), "\xC3\xB0\xC2\x9F\xC2\x93");
  EXPECT_EQ(sanitize_utf8("\xC3"), "\xC3\x83");
}

TEST(SanitizeUtf8, NulBytesAreDropped) {
  EXPECT_EQ(sanitize_utf8(std::string("a\0b", 3)), "ab");
  EXPECT_EQ(sanitize_utf8(std::string("\0\xE9\0", 3)), "\xC3\xA9");
  EXPECT_EQ(sanitize_utf8(std::string("\0", 1)), "");
}

TEST(SanitizeUtf8, EveryByteGivesValidOutput) {
  for (int a = 0; a < 256; ++a)
    for (int b = 0; b < 256; b += 3) {
      const std::string in{static_cast<char>(a), static_cast<char>(b), '\xBF', '\x80'};
      EXPECT_TRUE(test::valid_utf8_without_nul(sanitize_utf8(in))) << a << " " << b;
    }
}

}  // namespace
}  // namespace bouncekit::mime

namespace bouncekit::mime {
namespace {

// The eight-bytes-at-a-time path must stop at a bad byte or a NUL wherever it is.
TEST(SanitizeUtf8, FindsABadByteOrNulAtAnyPosition) {
  for (std::size_t at = 0; at < 24; ++at) {
    std::string text(24, 'a');
    text[at] = '\xE9';
    std::string expected = text.substr(0, at) + "\xC3\xA9" + text.substr(at + 1);
    EXPECT_EQ(sanitize_utf8(text), expected) << at;
    text[at] = '\0';
    EXPECT_EQ(sanitize_utf8(text), std::string(23, 'a')) << at;
  }
}

}  // namespace
}  // namespace bouncekit::mime
