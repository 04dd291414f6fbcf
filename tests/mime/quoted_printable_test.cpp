// Our quoted-printable decoder must give exactly what mimetic's gives (results must not
// change with the decoder), on ordinary and on malformed input.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "mime/quoted_printable.hpp"
#include "mime/transfer_decoding.hpp"

namespace bouncekit::mime {
namespace {

TEST(QuotedPrintable, DecodesOrdinaryText) {
  EXPECT_EQ(decode_quoted_printable("Caf=C3=A9 ferm=E9=\nsoft break\nhard break\n"),
            "Caf\xC3\xA9 ferm\xE9soft break\nhard break\n");
  EXPECT_EQ(decode_quoted_printable("a=3Db=3db"), "a=b=b");
}

TEST(QuotedPrintable, MatchesMimeticOnEdgeCases) {
  for (std::string_view s : {"", "=", "==", "=4", "=4x", "=x4", "= \n", "=  x", "a  \nb", "a \r\nb", "a\r\rb",
                             "a\n\r\nb", "tail  ", "tail = ", "x\x01y\x7f\xff", "=\r\n=\n\r", "\t\tz", "a=\tb"})
    EXPECT_EQ(decode_quoted_printable(s), detail::mimetic_decode_quoted_printable(s)) << "input: " << s;
}

TEST(QuotedPrintable, MatchesMimeticOnRandomInput) {
  std::mt19937 rng(42);
  const std::string alphabet = "aZ09=  \t\r\n\n\x01\xE9" "Ff3";
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    for (std::size_t i = 0, n = rng() % 60; i < n; ++i) s += alphabet[rng() % alphabet.size()];
    ASSERT_EQ(decode_quoted_printable(s), detail::mimetic_decode_quoted_printable(s)) << "input: " << s;
  }
}

// Long runs of plain bytes (copied eight at a time) broken by escapes, blanks, control bytes and
// line breaks at every offset, and the "=HH" and line-break shortcuts next to the state machine's cases.
TEST(QuotedPrintable, MatchesMimeticOnMostlyPlainRandomInput) {
  std::mt19937 rng(43);
  const std::string plain = "abcXYZ019.,;:!?/\x7e\x80\xC3\xA9\xFF";
  const std::vector<std::string> breaks = {"=", "=3D", "=C3=A9", "=c3", "=4", "=\n", "=\r\n", " ", "  \n", "\t",
                                           "\n", "\r\n", "\n\r", "\r", "\x01", "\x1f", "\x20", "=\x7f", "= \n"};
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    for (std::size_t piece = 0, n = rng() % 12; piece < n; ++piece) {
      for (std::size_t i = 0, run = rng() % 24; i < run; ++i) s += plain[rng() % plain.size()];
      s += breaks[rng() % breaks.size()];
    }
    ASSERT_EQ(decode_quoted_printable(s), detail::mimetic_decode_quoted_printable(s)) << "input: " << s;
  }
}

}  // namespace
}  // namespace bouncekit::mime
