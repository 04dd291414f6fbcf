// util::PhraseMatcher: which of many phrases occur in a text, in one pass. With Spaces::exact
// it must answer what one case-insensitive substring search per phrase answers (the fallback
// decoder relies on that); with Spaces::fold a run of white space matches one space.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "util/phrase_matcher.hpp"
#include "util/strings.hpp"

namespace bouncekit::util {
namespace {

std::size_t first_by_search(const std::vector<std::string>& phrases, std::string_view text) {
  for (std::size_t i = 0; i < phrases.size(); ++i)
    if (find_ci(text, phrases[i]) != std::string_view::npos) return i;
  return PhraseMatcher::npos;
}

TEST(PhraseMatcher, ExactSpacesAgreeWithOneSearchPerPhrase) {
  std::mt19937 rng(17);
  const std::string alphabet = "abAB \t\n.(";
  auto random_text = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> phrases;
    for (std::size_t i = 0, n = 1 + rng() % 6; i < n; ++i) phrases.push_back(random_text(1 + rng() % 5));
    PhraseMatcher matcher(phrases, PhraseMatcher::Spaces::exact);
    std::string text = random_text(rng() % 80);
    ASSERT_EQ(matcher.first(text), first_by_search(phrases, text)) << "text=" << text;
  }
}

TEST(PhraseMatcher, FoldedAndExactSpacesDiffer) {
  const std::vector<std::string> phrases{"user unknown", "mailbox full"};
  PhraseMatcher folded(phrases);
  PhraseMatcher exact(phrases, PhraseMatcher::Spaces::exact);
  EXPECT_EQ(folded.first("550 User\t\tUnknown here"), 0u);
  EXPECT_EQ(exact.first("550 User\t\tUnknown here"), PhraseMatcher::npos);
  EXPECT_EQ(exact.first("550 USER UNKNOWN; mailbox full"), 0u);
  EXPECT_EQ(exact.first("452 Mailbox Full"), 1u);
  EXPECT_EQ(exact.first(""), PhraseMatcher::npos);
}

}  // namespace
}  // namespace bouncekit::util
