// Random bytes through the tolerant parsers: no crash, no hang, valid UTF-8 out.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "bouncekit/mime.hpp"
#include "utf8_validity.hpp"

namespace bouncekit::mime {
namespace {

using bouncekit::test::valid_utf8_without_nul;

/// Random strings biased towards the characters the parsers care about.
std::string random_input(std::mt19937& rng) {
  static constexpr std::string_view kAlphabet = "=?BbQq_ :+-()\"';*%0123456789SepJanGMTutf-8iso2022jp\x1B$(";
  std::uniform_int_distribution<int> len(0, 120);
  std::uniform_int_distribution<int> kind(0, 3);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string s;
  const int n = len(rng);
  for (int i = 0; i < n; ++i)
    s.push_back(kind(rng) == 0 ? static_cast<char>(byte(rng)) : kAlphabet[pick(rng)]);
  if (kind(rng) == 0) s = "=?utf-8?" + s + "?=";
  if (kind(rng) == 0) s = "=?iso-2022-jp?b?" + s;
  return s;
}

TEST(Stress, RandomBytesGiveValidUtf8) {
  std::mt19937 rng(20240607u);
  const char* charsets[] = {"utf-8", "iso-2022-jp", "shift_jis", "utf-16", "utf-7", "koi8-r", "gb2312", "x"};
  for (int i = 0; i < 5000; ++i) {
    const std::string in = random_input(rng);
    const std::string header = decode_header(in);
    ASSERT_TRUE(valid_utf8_without_nul(header)) << i;
    const std::string date = to_iso8601_utc(in);
    ASSERT_TRUE(date.empty() || date.size() == 20u) << i << " " << date;
    ASSERT_TRUE(valid_utf8_without_nul(to_utf8(in, charsets[i % 8]))) << i;
    ASSERT_TRUE(valid_utf8_without_nul(sanitize_utf8(in))) << i;
    const ContentType ct = parse_content_type(in);
    ASSERT_TRUE(valid_utf8_without_nul(ct.type + ct.subtype)) << i;
    for (const auto& [name, value] : ct.params) ASSERT_TRUE(valid_utf8_without_nul(value)) << i;
    (void)parse_fields(in);
  }
}

TEST(Stress, RandomDatesNearTheGrammar) {
  std::mt19937 rng(7u);
  static constexpr std::string_view kPieces[] = {
      "Thu,", "18", "Sep", "2008", "17:54:04", "+0900", "(JST)", "-", "GMT", "1", "99", "24:00",
      "2008-09-18", "T", "PM", "99999", ":", "+", "Z", "31", "Feb", "\xFF", "((", ")"};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kPieces) - 1);
  std::uniform_int_distribution<int> len(0, 10);
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    const int n = len(rng);
    for (int k = 0; k < n; ++k) {
      s += kPieces[pick(rng)];
      if (rng() % 3 != 0) s += ' ';
    }
    const std::string out = to_iso8601_utc(s);
    if (out.empty()) continue;
    ASSERT_EQ(out.size(), 20u) << s;
    ASSERT_EQ(out[4], '-') << s;
    ASSERT_EQ(out[10], 'T') << s;
    ASSERT_EQ(out[19], 'Z') << s;
  }
}

}  // namespace
}  // namespace bouncekit::mime
