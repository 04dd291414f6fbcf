// The quoted-printable decoder copies runs of words and the blanks between them eight bytes at a
// time, and leaves blanks before a line break (or the end) to the state machine, which drops
// them. Both must still give exactly what mimetic gives, on prose-like input where blanks fall
// at every offset of an eight-byte block and next to every kind of break.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "mime/quoted_printable.hpp"
#include "mime/transfer_decoding.hpp"

namespace bouncekit::mime {
namespace {

TEST(QuotedPrintableText, BlanksInsideLinesAreKept) {
  EXPECT_EQ(decode_quoted_printable("a b c d e f g h i j k l m n o p\n"), "a b c d e f g h i j k l m n o p\n");
  EXPECT_EQ(decode_quoted_printable("mx  =3D  x\t y\n"), "mx  =  x\t y\n");
  // A control byte is dropped; the blanks before it are not.
  EXPECT_EQ(decode_quoted_printable("blanks  \x01 then"), "blanks   then");
}

// Blanks before a line break or the end go to the state machine, with mimetic's quirks (the
// break is dropped with them; blanks at the very end leave a "=").
TEST(QuotedPrintableText, BlanksBeforeBreaksMatchMimetic) {
  for (std::string_view s : {"The mail system   \nat host", "host\t \r\nnext", "tail   ", "eight b \n",
                             "12345678        \n", "1234567 \n", "a=20 \n", "a \t=\nb", "a  \x01\n"})
    EXPECT_EQ(decode_quoted_printable(s), detail::mimetic_decode_quoted_printable(s)) << "input: " << s;
  EXPECT_EQ(decode_quoted_printable("The mail system   \nat host"), "The mail systemat host");
}

TEST(QuotedPrintableText, MatchesMimeticOnProseLikeRandomInput) {
  std::mt19937 rng(44);
  const std::vector<std::string> words = {"the", "mail", "system", "at", "host", "<user@example.org>:", "550",
                                          "5.1.1", "caf\xC3\xA9", "\xFF", "x"};
  const std::vector<std::string> gaps = {" ", "  ", "\t", " \t ", "        ", "         "};
  const std::vector<std::string> breaks = {"\n", "\r\n", " \n", "  \r\n", "\t\n", "=\n", " =\n", "=3D", " =20",
                                           "=20\n", "\x01", " \x1f ", "=", "= ", "\r", "\n\r"};
  for (int round = 0; round < 4000; ++round) {
    std::string s;
    for (std::size_t piece = 0, n = rng() % 40; piece < n; ++piece) {
      s += words[rng() % words.size()];
      const unsigned pick = rng() % 10;
      if (pick < 7) {
        s += gaps[rng() % gaps.size()];
      } else {
        s += breaks[rng() % breaks.size()];
      }
    }
    ASSERT_EQ(decode_quoted_printable(s), detail::mimetic_decode_quoted_printable(s)) << "input: " << s;
  }
}

}  // namespace
}  // namespace bouncekit::mime
