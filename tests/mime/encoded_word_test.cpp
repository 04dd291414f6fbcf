#include <gtest/gtest.h>

#include <string>

#include "bouncekit/mime.hpp"

namespace bouncekit::mime {
namespace {

TEST(DecodeHeader, PlainAsciiUnchanged) {
  EXPECT_EQ(decode_header("Undelivered Mail Returned to Sender"), "Undelivered Mail Returned to Sender");
  EXPECT_EQ(decode_header(""), "");
}

TEST(DecodeHeader, BEncoding) {
  EXPECT_EQ(decode_header("=?UTF-8?B?5pel5pys6Kqe?="), "日本語");
  EXPECT_EQ(decode_header("=?utf-8?b?5pel5pys6Kqe?="), "日本語");
}

TEST(DecodeHeader, QEncoding) {
  EXPECT_EQ(decode_header("=?ISO-8859-1?Q?Gr=FC=DFe_aus_K=f6ln?="), "Grüße aus Köln");
  EXPECT_EQ(decode_header("=?iso-8859-1?q?a=3F=3Db?="), "a?=b");
}

TEST(DecodeHeader, TextAroundEncodedWordsIsKept) {
  EXPECT_EQ(decode_header("Re: [list] =?utf-8?q?caf=C3=A9?= menu"), "Re: [list] café menu");
}

TEST(DecodeHeader, WhiteSpaceBetweenAdjacentWordsIsDropped) {
  EXPECT_EQ(decode_header("=?utf-8?q?abc?=  \t =?utf-8?q?_def?="), "abc def");
  EXPECT_EQ(decode_header("=?utf-8?q?one?= =?iso-8859-1?q?=E9?= x"), "oneé x");
  EXPECT_EQ(decode_header("=?utf-8?q?one?= two =?utf-8?q?three?="), "one two three");
}

TEST(DecodeHeader, CharacterSplitAcrossAdjacentWords) {
  // "日" is E6 97 A5; the first word ends after two of its bytes.
  EXPECT_EQ(decode_header("=?UTF-8?B?5pc=?= =?UTF-8?B?pQ==?="), "日");
  EXPECT_EQ(decode_header("=?utf-8?q?=E6=97?= =?utf-8?q?=A5?="), "日");
}

TEST(DecodeHeader, Iso2022Jp) {
  EXPECT_EQ(decode_header("=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?="), "テスト");
  // NEC special character row 13 ("①"), as Japanese mailers send it.
  EXPECT_EQ(decode_header("=?iso-2022-jp?B?GyRCLSEbKEI=?="), "①");
  EXPECT_EQ(decode_header("=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?= =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?="),
            "テストテスト");
}

TEST(DecodeHeader, ShiftJis) {
  EXPECT_EQ(decode_header("=?Shift_JIS?B?lHqQTQ==?="), "配信");
  EXPECT_EQ(decode_header("=?x-sjis?Q?=94z=90M?="), "配信");
}

TEST(DecodeHeader, Koi8r) {
  EXPECT_EQ(decode_header("=?KOI8-R?B?8NLJ18XU?="), "Привет");
}

TEST(DecodeHeader, Windows1252) {
  EXPECT_EQ(decode_header("=?windows-1252?Q?=93quoted=94_=805?="), "“quoted” €5");
}

TEST(DecodeHeader, LanguageSuffixOnCharset) {
  EXPECT_EQ(decode_header("=?US-ASCII*EN?Q?Keith_Moore?="), "Keith Moore");
  EXPECT_EQ(decode_header("=?utf-8*de?q?gr=C3=BC=C3=9F?="), "grüß");
}

TEST(DecodeHeader, WordsGluedToText) {
  EXPECT_EQ(decode_header("Re:=?utf-8?q?caf=C3=A9?=!"), "Re:café!");
  EXPECT_EQ(decode_header("x=?utf-8?q?a?==?utf-8?q?b?=y"), "xaby");
}

TEST(DecodeHeader, BrokenBase64Tail) {
  EXPECT_EQ(decode_header("=?utf-8?B?SGVsbG8gV29ybGQ?="), "Hello World");  // no padding
  EXPECT_EQ(decode_header("=?utf-8?B?SGVsbG8*?="), "Hello");               // junk character skipped
  EXPECT_EQ(decode_header("=?utf-8?B?SGk=SGk=?="), "HiHi");                // two padded chunks
  EXPECT_EQ(decode_header("=?utf-8?B?SGVsbG8gV?="), "Hello ");             // dangling sextet dropped
}

TEST(DecodeHeader, MalformedWordsAreLeftAsTheyAre) {
  EXPECT_EQ(decode_header("=?utf-8?x?abc?="), "=?utf-8?x?abc?=");
  EXPECT_EQ(decode_header("=?utf-8?q?no end"), "=?utf-8?q?no end");
  EXPECT_EQ(decode_header("=??q?abc?="), "=??q?abc?=");
  EXPECT_EQ(decode_header("=?utf-8?q?has space?="), "=?utf-8?q?has space?=");
  EXPECT_EQ(decode_header("=?utf-8?q?bad=Zhex?="), "bad=Zhex");
  EXPECT_EQ(decode_header("a =? b ?= c"), "a =? b ?= c");
  EXPECT_EQ(decode_header("=?utf-8?q?broken =?utf-8?q?ok?="), "=?utf-8?q?broken ok");
}

TEST(DecodeHeader, UnknownCharsetIsSanitized) {
  EXPECT_EQ(decode_header("=?x-no-such-charset?q?caf=E9?="), "caf\xC3\xA9");
  EXPECT_EQ(decode_header("=?unknown-8bit?q?=C3=A9=E9?="), "\xC3\xA9\xC3\xA9");
}

TEST(DecodeHeader, RawEightBitTextIsSanitized) {
  EXPECT_EQ(decode_header("Caf\xE9 =?utf-8?q?ok?="), "Caf\xC3\xA9 ok");
  EXPECT_EQ(decode_header("d\xC3\xA9j\xC3\xA0 vu"), "d\xC3\xA9j\xC3\xA0 vu");
}

TEST(DecodeHeader, NulBytesNeverSurvive) {
  EXPECT_EQ(decode_header("=?utf-8?q?a=00b?="), "ab");
  EXPECT_EQ(decode_header(std::string("x\0y", 3)), "xy");
}

TEST(DecodeHeader, ManyUnterminatedWordsStayFast) {
  std::string s;
  for (int i = 0; i < 100000; ++i) s += "=?a?q?x";
  s += " end";
  const std::string out = decode_header(s);
  EXPECT_EQ(out, s);
}

}  // namespace
}  // namespace bouncekit::mime
