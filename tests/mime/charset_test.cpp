#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "bouncekit/mime.hpp"
#include "utf8_validity.hpp"

namespace bouncekit::mime {
namespace {

using bouncekit::test::valid_utf8_without_nul;

TEST(ToUtf8, EmptyAndUtf8CharsetsSanitize) {
  EXPECT_EQ(to_utf8("caf\xC3\xA9", "utf-8"), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("caf\xE9", "UTF-8"), "caf\xC3\xA9");  // mislabelled Latin-1
  EXPECT_EQ(to_utf8("caf\xE9", ""), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("caf\xE9", "utf8"), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("", "koi8-r"), "");
}

TEST(ToUtf8, CharsetNamesAreNormalised) {
  EXPECT_EQ(to_utf8("Gr\xFC\xDF" "e", "latin1"), "Grüße");
  EXPECT_EQ(to_utf8("Gr\xFC\xDF" "e", " \"ISO-8859-1\" "), "Grüße");
  EXPECT_EQ(to_utf8("Gr\xFC\xDF" "e", "'Latin-1'"), "Grüße");
  EXPECT_EQ(to_utf8("\x80", "cp-1252"), "€");
  EXPECT_EQ(to_utf8("\x80", "x-cp1252"), "€");
}

TEST(ToUtf8, AsciiAndUnknown8BitSanitize) {
  EXPECT_EQ(to_utf8("plain", "us-ascii"), "plain");
  EXPECT_EQ(to_utf8("caf\xE9", "us-ascii"), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("caf\xC3\xA9", "US-ASCII"), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("caf\xE9", "unknown-8bit"), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("caf\xE9", "x-unknown"), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("caf\xE9", "no-such-charset-anywhere"), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("caf\xE9", "latin1//IGNORE"), "caf\xC3\xA9");  // not a charset name
}

TEST(ToUtf8, JapaneseCharsets) {
  EXPECT_EQ(to_utf8("\x94z\x90M", "shift_jis"), "配信");
  EXPECT_EQ(to_utf8("\x94z\x90M", "shift-jis"), "配信");
  EXPECT_EQ(to_utf8("\x94z\x90M", "x-sjis"), "配信");
  // Shift_JIS as mailers mean it (CP932): backslash and tilde stay ASCII, NEC extensions decode.
  EXPECT_EQ(to_utf8("C:\\dir~\x87\x40", "Shift_JIS"), "C:\\dir~①");
  EXPECT_EQ(to_utf8("\xC7\xDB\xBF\xAE\xC9\xD4\xC7\xBD", "euc-jp"), "配信不能");
  EXPECT_EQ(to_utf8("\x1B$B%F%9%H\x1B(B ok", "iso-2022-jp"), "テスト ok");
  EXPECT_EQ(to_utf8("\x1B$B-!\x1B(B", "ISO-2022-JP"), "①");
  EXPECT_EQ(to_utf8("\x1B(I123\x1B(B", "iso-2022-jp"), "ｱｲｳ");  // half-width katakana
  // A line that forgets to switch back to ASCII still ends there.
  EXPECT_EQ(to_utf8("\x1B$B%F\nabc", "iso-2022-jp"), "テ\nabc");
}

TEST(ToUtf8, Iso2022JpVariantsFallBackToGlibc) {
  // ESC $ A (GB 2312 designation) is ISO-2022-JP-2 only.
  EXPECT_EQ(to_utf8("\x1B$AVPND\x1B(B", "iso-2022-jp-2"), "中文");
  EXPECT_EQ(to_utf8("\x1B$AVPND\x1B(B", "iso-2022-jp"), "中文");
}

TEST(ToUtf8, OtherCharsets) {
  EXPECT_EQ(to_utf8("\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r"), "Привет");
  EXPECT_EQ(to_utf8("\x93quoted\x94 \x80" "5", "windows-1252"), "“quoted” €5");
  EXPECT_EQ(to_utf8("\xC7\xD1\xB1\xB9", "ks_c_5601-1987"), "한국");
  EXPECT_EQ(to_utf8("\xC7\xD1\xB1\xB9", "euc-kr"), "한국");
  EXPECT_EQ(to_utf8("\xD6\xD0\xCE\xC4", "gb2312"), "中文");
  EXPECT_EQ(to_utf8("\xD6\xD0\xCE\xC4", "GBK"), "中文");
  EXPECT_EQ(to_utf8("\xE0", "iso-8859-8-i"), "א");
  EXPECT_EQ(to_utf8(std::string("\xFF\xFE" "A\0\xE9\0", 6), "utf-16"), "A\xC3\xA9");
  EXPECT_EQ(to_utf8("+ZeVnLIqe-", "utf-7"), "日本語");
}

TEST(ToUtf8, InvalidBytesBecomeReplacementCharacters) {
  // 0x81 0x20 is a broken pair: one U+FFFD, then the space is read again.
  EXPECT_EQ(to_utf8("a\x81 b", "shift_jis"), "a\xEF\xBF\xBD b");
  EXPECT_EQ(to_utf8("\x94z\x94", "shift_jis"), "配\xEF\xBF\xBD");  // truncated at the end
  EXPECT_EQ(to_utf8("\xC7\xD1\xFF\xC7\xD1", "euc-kr"), "한\xEF\xBF\xBD한");
  EXPECT_EQ(to_utf8(std::string("A\0", 2) + "\x01", "utf-16le"), "A\xEF\xBF\xBD");
}

TEST(ToUtf8, NulBytesAreDropped) {
  EXPECT_EQ(to_utf8(std::string("a\0b\xE9", 4), "iso-8859-1"), "ab\xC3\xA9");
  EXPECT_EQ(to_utf8(std::string("a\0\0\0", 4), "utf-16le"), "a");
}

TEST(ToUtf8, ResultIsAlwaysValidUtf8) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (const char* cs : {"", "utf-8", "iso-8859-1", "windows-1252", "koi8-r", "shift_jis", "euc-jp",
                         "iso-2022-jp", "iso-2022-jp-2", "gb2312", "big5", "euc-kr", "utf-16",
                         "utf-7", "iso-8859-8-i", "tis-620", "bogus"}) {
    const std::string out = to_utf8(all + all, cs);
    EXPECT_TRUE(valid_utf8_without_nul(out)) << cs;
    EXPECT_LE(out.size(), all.size() * 2 * 4 + 16) << cs;
  }
}

TEST(ToUtf8, StateIsResetBetweenCallsAndThreads) {
  // A shift left open by one call must not affect the next one on the cached descriptor.
  EXPECT_EQ(to_utf8("\x1B$AVPND", "iso-2022-jp-2"), "中文");
  EXPECT_EQ(to_utf8("VPND", "iso-2022-jp-2"), "VPND");
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t, &ok] {
      bool good = true;
      for (int i = 0; i < 500; ++i) {
        good = good && to_utf8("\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r") == "Привет";
        good = good && to_utf8("\x94z\x90M", "shift_jis") == "配信";
      }
      ok[static_cast<std::size_t>(t)] = good ? 1 : 0;
    });
  for (auto& th : threads) th.join();
  for (int v : ok) EXPECT_EQ(v, 1);
}

}  // namespace
}  // namespace bouncekit::mime
