// Part::text() skips the copy when converting the body to UTF-8 would change nothing. Whatever
// the charset and bytes, it must still give exactly to_utf8(body(), charset).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "bouncekit/mime.hpp"
#include "mime/text_conversion.hpp"

namespace bouncekit::mime {
namespace {

const std::vector<std::string> kCharsets = {"",           "utf-8",     "US-ASCII",   "\"iso-8859-1\"", "windows-1252",
                                            "iso-2022-jp", "shift_jis", "utf-7",      "utf-16",         "x-unknown-thing",
                                            "koi8-r",      "euc-kr",    "bad charset", "ebcdic-us"};

Part text_part(std::string_view body, std::string_view charset) {
  Part p;
  p.content_type.type = "text";
  p.content_type.subtype = "plain";
  if (!charset.empty()) p.content_type.params["charset"] = std::string(charset);
  p.raw_body = std::string(body);
  return p;
}

TEST(PartText, SameAsToUtf8OnChosenBodies) {
  const std::vector<std::string> bodies = {"", "plain ascii\n", std::string("nul\0byte", 8), "caf\xC3\xA9",
                                           "caf\xE9", "\xED\xA0\x80 surrogate", "\x1B$B$3$s\x1B(B", "a+AGEA-b",
                                           "over\xC0\xAFlong", "end\xE2\x82"};
  for (const std::string& charset : kCharsets)
    for (const std::string& body : bodies) {
      Part p = text_part(body, charset);
      EXPECT_EQ(p.text(), to_utf8(body, charset)) << "charset " << charset << ", body " << body;
      EXPECT_EQ(p.text(), to_utf8(body, charset)) << "second call, charset " << charset;  // cached
    }
}

TEST(PartText, UnchangedOnlyWhenToUtf8GivesTheBytesBack) {
  std::mt19937 rng(45);
  const std::string alphabet = std::string("ab \n\0\x1B\x0E+$(B", 12) + "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xFF\x80";
  int unchanged = 0, changed = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string bytes;
    for (std::size_t i = 0, n = rng() % 24; i < n; ++i) bytes += alphabet[rng() % alphabet.size()];
    const std::string& charset = kCharsets[rng() % kCharsets.size()];
    std::string out = "untouched";
    if (to_utf8_unless_unchanged(bytes, charset, out)) {
      ASSERT_EQ(to_utf8(bytes, charset), bytes) << "charset " << charset << ", bytes " << bytes;
      ASSERT_EQ(out, "untouched");
      ++unchanged;
    } else {
      ASSERT_EQ(out, to_utf8(bytes, charset)) << "charset " << charset << ", bytes " << bytes;
      ++changed;
    }
    Part p = text_part(bytes, charset);
    ASSERT_EQ(p.text(), to_utf8(bytes, charset)) << "charset " << charset << ", bytes " << bytes;
  }
  // Both branches ran.
  EXPECT_GT(unchanged, 100);
  EXPECT_GT(changed, 100);
}

TEST(PartText, CleanPrefixStopsAtTheFirstByteSanitizeWouldChange) {
  EXPECT_EQ(clean_utf8_prefix("abcdefghijkl"), 12u);
  EXPECT_EQ(clean_utf8_prefix(std::string_view("abcdefghij\0kl", 13)), 10u);
  EXPECT_EQ(clean_utf8_prefix("abcdefgh\xC3\xA9\xFFz"), 10u);
  EXPECT_EQ(clean_utf8_prefix("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
}

TEST(PartText, QuotedPrintableBodyTextIsTheDecodedBody) {
  Part p = text_part("caf=C3=A9 and =E9\n", "utf-8");
  p.transfer_encoding = "quoted-printable";
  EXPECT_EQ(p.text(), "caf\xC3\xA9 and \xC3\xA9\n");  // the stray 0xE9 read as Latin-1
  Part q = text_part("caf=C3=A9\n", "utf-8");
  q.transfer_encoding = "quoted-printable";
  EXPECT_EQ(q.text(), "caf\xC3\xA9\n");
  EXPECT_EQ(&q.text(), &q.body());  // no copy made
}

}  // namespace
}  // namespace bouncekit::mime
