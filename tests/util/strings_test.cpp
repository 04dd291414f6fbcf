// The case-insensitive search must find exactly what a plain byte-by-byte search finds,
// whichever algorithm it picks for the sizes at hand.
#include <gtest/gtest.h>

#include <cctype>
#include <random>
#include <string>

#include "util/strings.hpp"

namespace bouncekit::util {
namespace {

std::size_t reference_find_ci(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i)
    if (iequals(haystack.substr(i, needle.size()), needle)) return i;
  return std::string_view::npos;
}

TEST(FindCi, FindsTheFirstMatchWhateverTheCase) {
  std::string text(500, '.');
  text += "Recipient address REJECTED: user unknown; recipient address rejected again";
  EXPECT_EQ(find_ci(text, "recipient address rejected"), 500u);
  EXPECT_EQ(find_ci(text, "recipient address rejected", 501), text.rfind("recipient address rejected"));
  EXPECT_EQ(find_ci(text, "USER UNKNOWN"), 500u + 28);
  EXPECT_EQ(find_ci(text, "user unknownx"), std::string_view::npos);
  EXPECT_EQ(find_ci(text, "again"), text.size() - 5);
  EXPECT_EQ(find_ci(text, "", 3), 3u);
  EXPECT_EQ(find_ci(text, "x", text.size() + 1), std::string_view::npos);
}

TEST(FindCi, AgreesWithAPlainSearchOnRandomText) {
  std::mt19937 rng(7);
  const std::string alphabet = "aAbB -.@\xC3\xA9" "5";
  auto random_text = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string haystack = random_text(rng() % 400);
    std::string needle = random_text(1 + rng() % 8);
    if (rng() % 2 && haystack.size() > needle.size())  // plant a copy, in another case
      for (std::size_t i = 0, at = rng() % (haystack.size() - needle.size()); i < needle.size(); ++i)
        haystack[at + i] = static_cast<char>(std::toupper(static_cast<unsigned char>(needle[i])));
    std::size_t from = rng() % (haystack.size() + 2);
    ASSERT_EQ(find_ci(haystack, needle, from), reference_find_ci(haystack, needle, from))
        << "haystack=" << haystack << " needle=" << needle << " from=" << from;
  }
}

}  // namespace
}  // namespace bouncekit::util

namespace bouncekit::util {
namespace {

TEST(ToLower, LowersAsciiLettersOnlyWhateverTheLength) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (std::size_t offset = 0; offset < 9; ++offset) {
    std::string_view s = std::string_view(all).substr(offset);
    std::string lowered = to_lower(s);
    ASSERT_EQ(lowered.size(), s.size());
    for (std::size_t i = 0; i < s.size(); ++i) ASSERT_EQ(lowered[i], ascii_lower(s[i])) << "byte " << int(s[i]);
  }
  EXPECT_EQ(to_lower("Mail Delivery SUBSYSTEM @Z[`"), "mail delivery subsystem @z[`");
}

// iequals compares eight bytes at a time: it must agree with a byte-by-byte comparison of
// lower-cased bytes for every length and for bytes outside ASCII letters ('@' and '[' differ
// from '`' and '{' by 0x20 too, as do 0xC3 and 0xE3).
TEST(Iequals, AgreesWithAByteByByteComparison) {
  std::mt19937 rng(5);
  const std::string alphabet = "aAzZ@`[{-\xC3\xE3" "0";
  auto reference = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
  };
  for (int round = 0; round < 20000; ++round) {
    std::string a;
    for (std::size_t n = rng() % 20; a.size() < n;) a += alphabet[rng() % alphabet.size()];
    std::string b = a;
    for (char& c : b)  // change the case of some letters, and now and then another byte
      if (rng() % 3 == 0) c = static_cast<char>(std::isupper(static_cast<unsigned char>(c)) ? std::tolower(c) : std::toupper(c));
    if (!b.empty() && rng() % 4 == 0) b[rng() % b.size()] = alphabet[rng() % alphabet.size()];
    if (rng() % 10 == 0) b.push_back('a');
    ASSERT_EQ(iequals(a, b), reference(a, b)) << a << " / " << b;
  }
  EXPECT_TRUE(iequals("Content-Transfer-Encoding", "content-transfer-encoding"));
  EXPECT_FALSE(iequals("Content-Transfer-Encodinf", "content-transfer-encoding"));
  EXPECT_FALSE(iequals("x-failed-recipients@", "X-FAILED-RECIPIENTS`"));
}

}  // namespace
}  // namespace bouncekit::util

namespace bouncekit::util {
namespace {

TEST(FindFast, AgreesWithStringViewFind) {
  std::mt19937 rng(11);
  const std::string alphabet = "ab eqz>\n";
  for (int round = 0; round < 5000; ++round) {
    std::string haystack, needle;
    for (std::size_t i = 0, n = rng() % 300; i < n; ++i) haystack += alphabet[rng() % alphabet.size()];
    for (std::size_t i = 0, n = rng() % 6; i < n; ++i) needle += alphabet[rng() % alphabet.size()];
    if (rng() % 2 && haystack.size() > needle.size())
      haystack.replace(rng() % (haystack.size() - needle.size()), needle.size(), needle);
    ASSERT_EQ(find_fast(haystack, needle), std::string_view(haystack).find(needle))
        << "haystack=" << haystack << " needle=" << needle;
  }
  EXPECT_EQ(find_fast("in reply to rcpt to command", "rcpt to"), 12u);
  EXPECT_EQ(find_fast("short", "longer needle"), std::string_view::npos);
}

}  // namespace
}  // namespace bouncekit::util

namespace bouncekit::util {
namespace {

// collapse_space appends word by word: it must give what the byte-by-byte definition gives
// (every run of white space one space, none at either end).
TEST(CollapseSpace, AgreesWithAByteByByteDefinition) {
  auto reference = [](std::string_view s) {
    std::string out;
    bool pending = false;
    for (char c : s) {
      if (is_space(c)) {
        pending = !out.empty();
        continue;
      }
      if (pending) out.push_back(' ');
      pending = false;
      out.push_back(c);
    }
    return out;
  };
  std::mt19937 rng(13);
  const std::string alphabet = "ab \t\n\r\f\v5\xC3";
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    for (std::size_t i = 0, n = rng() % 40; i < n; ++i) s += alphabet[rng() % alphabet.size()];
    ASSERT_EQ(collapse_space(s), reference(s)) << "text=" << s;
  }
  EXPECT_EQ(collapse_space("  550 5.1.1\r\n\tuser   unknown \n"), "550 5.1.1 user unknown");
  EXPECT_EQ(collapse_space(" \t\n"), "");
}

}  // namespace
}  // namespace bouncekit::util
